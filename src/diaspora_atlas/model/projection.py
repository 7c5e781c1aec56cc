"""The one projection: an entity's statements plus the judgements about it -> its current view.

Every reader (read models, report, exports, web pages) sees an entity through this function,
so the rule "which value is shown, and why" lives here and nowhere else:

1. a standing judgement that a value is right (a curator's correction when no source has it);
2. else a value its source dataset marked preferred (the dataset's rationale says why);
3. else the value of the most recently retrieved source (ties: the one loaded first).

Values a machine *proposed* (read from a web page by the verifier) take part only where no
other source gives a value: they fill gaps and never replace what a source or a person said,
unless a person judges them right.

A value judged wrong is never shown as current; it stays in ``rejected`` with the judgement.
Multi-valued properties (roles, aliases, origins) show every value not judged wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from diaspora_atlas.model.facts import MULTI_VALUED, group_by_prop
from diaspora_atlas.model.judgement import (
    IDENTITY_KINDS,
    SCOPE_KINDS,
    Judgement,
    JudgementKind,
    effective,
    latest,
)
from diaspora_atlas.model.statement import Schema, Statement

# Statements whose retrieval is a check of the record against a live source (website checks).
VERIFYING_PROPS = frozenset({"check_outcome"})
JUDGEMENT_DATASET = "judgement"


class ChoiceReason(StrEnum):
    JUDGEMENT = "judgement"
    PREFERRED = "preferred_by_source"
    MOST_RECENT = "most_recent_source"
    PROPOSED = "proposed_fills_gap"


@dataclass(frozen=True)
class Choice:
    statement: Statement
    reason: ChoiceReason
    explanation: str


@dataclass(frozen=True)
class EntityView:
    entity_id: str
    facts: Mapping[str, tuple[Statement, ...]]
    choices: Mapping[str, Choice]
    rejected: Mapping[str, tuple[tuple[Statement, Judgement], ...]] = field(default_factory=dict)
    judgements: tuple[Judgement, ...] = ()
    schema: Schema = Schema.ORGANISATION
    last_modified: str = ""
    last_verified: str = ""

    def chosen(self, prop: str) -> Statement | None:
        choice = self.choices.get(prop)
        return choice.statement if choice else None

    def value(self, prop: str) -> str:
        choice = self.choices.get(prop)
        return choice.statement.value if choice else ""

    def values(self, prop: str) -> list[str]:
        """Every distinct value of a property, in first-seen order."""
        seen: dict[str, None] = {}
        for statement in self.facts.get(prop, ()):
            if statement.value:
                seen.setdefault(statement.value, None)
        return list(seen)

    def conflicts(self) -> list[str]:
        return [
            prop
            for prop, statements in sorted(self.facts.items())
            if prop not in MULTI_VALUED and len({s.value for s in statements if s.value}) > 1
        ]

    @property
    def scope(self) -> Judgement | None:
        """The standing include/exclude decision, if a person made one."""
        return latest(self.judgements, SCOPE_KINDS)

    def identity(self) -> list[Judgement]:
        """Standing same / different / unsure judgements about this entity."""
        return [j for j in self.judgements if j.kind in IDENTITY_KINDS]

    def facts_json(self) -> dict[str, list[dict[str, Any]]]:
        """Every value with its source and whether (and why) it is the one shown."""
        out: dict[str, list[dict[str, Any]]] = {}
        for prop, statements in sorted(self.facts.items()):
            choice = self.choices.get(prop)
            out[prop] = [
                statement_json(s, choice if choice and choice.statement is s else None)
                for s in statements
            ]
        for prop, pairs in sorted(self.rejected.items()):
            out.setdefault(prop, []).extend(
                {**statement_json(s, None), "rejected": j.describe()} for s, j in pairs
            )
        return out


def statement_json(s: Statement, choice: Choice | None) -> dict[str, Any]:
    return {
        "value": s.value,
        "original_value": s.original_value,
        "source_id": s.source_id,
        "source_url": s.source_url,
        "dataset": s.dataset,
        "retrieved_at": s.retrieved_at,
        "rationale": s.rationale,
        "inferred_from": s.inferred_from,
        "preferred": s.preferred,
        "proposed": s.proposed,
        "chosen": choice is not None,
        "choice_reason": choice.reason.value if choice else "",
        "choice_explanation": choice.explanation if choice else "",
    }


def chosen_value(facts: Mapping[str, Sequence[Mapping[str, Any]]], prop: str) -> str:
    """The value shown for ``prop`` in a projected ``facts_json`` (read models keep it)."""
    for s in facts.get(prop, ()):
        if s.get("chosen"):
            return str(s["value"])
    return ""


def project(
    entity_id: str,
    schema: Schema,
    statements: Iterable[Statement],
    judgements: Iterable[Judgement] = (),
    changed_at: str = "",
) -> EntityView:
    """The current view of one entity. ``changed_at`` is when its statements last changed
    in the store; ``last_modified`` is the later of that and its latest judgement."""
    every = list(judgements)  # undos and undone ones too: each is a change
    standing = effective(every)
    grouped = group_by_prop(statements)
    facts: dict[str, tuple[Statement, ...]] = {}
    rejected: dict[str, tuple[tuple[Statement, Judgement], ...]] = {}
    choices: dict[str, Choice] = {}
    for prop in sorted(
        set(grouped) | {j.prop for j in standing if j.kind == JudgementKind.CORRECT}
    ):
        verdicts = _value_verdicts(standing, prop)
        kept, wrong = _apply_verdicts(entity_id, schema, grouped.get(prop, []), verdicts)
        if kept:
            facts[prop] = tuple(kept)
        if wrong:
            rejected[prop] = tuple(wrong)
        choice = _choose(kept, verdicts)
        if choice is not None:
            choices[prop] = choice
    times = [changed_at, *(j.created_at for j in every)]
    return EntityView(
        entity_id=entity_id,
        facts=facts,
        choices=choices,
        rejected=rejected,
        judgements=tuple(standing),
        schema=schema,
        last_modified=max(times),
        last_verified=_last_verified(facts, standing),
    )


def _value_verdicts(standing: Sequence[Judgement], prop: str) -> dict[str, Judgement]:
    """The latest standing right/wrong judgement for each value of ``prop``."""
    verdicts: dict[str, Judgement] = {}
    for j in standing:
        if j.prop == prop and j.kind in (JudgementKind.CORRECT, JudgementKind.WRONG):
            verdicts[j.value] = j
    return verdicts


def _apply_verdicts(
    entity_id: str,
    schema: Schema,
    statements: Sequence[Statement],
    verdicts: Mapping[str, Judgement],
) -> tuple[list[Statement], list[tuple[Statement, Judgement]]]:
    kept: list[Statement] = []
    wrong: list[tuple[Statement, Judgement]] = []
    for s in statements:
        verdict = verdicts.get(s.value)
        if verdict is not None and verdict.kind == JudgementKind.WRONG:
            wrong.append((s, verdict))
        else:
            kept.append(s)
    known = {s.value for s in statements}
    for value, verdict in verdicts.items():
        if verdict.kind == JudgementKind.CORRECT and value not in known:
            kept.append(_correction(entity_id, schema, verdict))
    return kept, wrong


def _correction(entity_id: str, schema: Schema, j: Judgement) -> Statement:
    """A curator's value that no source gives, as a statement of the judgement."""
    return Statement(
        entity_id=entity_id,
        schema=schema,
        prop=j.prop,
        value=j.value,
        original_value=j.value,
        source_id="",
        dataset=JUDGEMENT_DATASET,
        retrieved_at=j.created_at,
        asserted_by=j.author,
        rationale=j.describe(),
    )


def _choose(kept: Sequence[Statement], verdicts: Mapping[str, Judgement]) -> Choice | None:
    with_value = [s for s in kept if s.value]
    if not with_value:
        return None
    rights = [
        (verdicts[s.value], s)
        for s in with_value
        if s.value in verdicts and verdicts[s.value].kind == JudgementKind.CORRECT
    ]
    if rights:
        j, s = max(rights, key=lambda pair: (pair[0].created_at, pair[0].id or 0))
        return Choice(s, ChoiceReason.JUDGEMENT, j.describe())
    stated = [s for s in with_value if not s.proposed]
    if not stated:
        s = max(with_value, key=lambda st: st.retrieved_at)
        return Choice(s, ChoiceReason.PROPOSED, "read from a web page; no other source gives it")
    with_value = stated
    marked = [s for s in with_value if s.preferred]
    if marked:
        s = marked[0]
        why = s.rationale or f"marked preferred by the {s.dataset} dataset"
        return Choice(s, ChoiceReason.PREFERRED, why)
    s = max(with_value, key=lambda st: st.retrieved_at)
    if len({st.value for st in with_value}) == 1:
        return Choice(s, ChoiceReason.MOST_RECENT, "the only value")
    date = f" (retrieved {s.retrieved_at})" if s.retrieved_at else ""
    return Choice(s, ChoiceReason.MOST_RECENT, f"the most recently retrieved source{date}")


def _last_verified(facts: Mapping[str, Sequence[Statement]], standing: Sequence[Judgement]) -> str:
    times = [s.retrieved_at for p in VERIFYING_PROPS for s in facts.get(p, ()) if s.retrieved_at]
    times += [j.created_at for j in standing if j.kind == JudgementKind.CONFIRM]
    return max(times, default="")
