"""What the classifier reads of one organisation, taken from its projected view.

* its texts: the statements whose property ``data/rules/focus_texts.csv`` lists (the paper's
  narrative, sourced mission summaries and quotes, page text from website verification when
  that stage has written some), each with its source; values judged wrong are not read;
* where it is: origins, sub-national origin and host, for the rules' place names;
* the curators' standing judgements on its labels, each with the sentence and source of the
  label judged, so that a confirmed or rejected label keeps its evidence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from diaspora_atlas.model.focuses import DATASET, FOCUS_PROP, ROLE_LABEL_PROP
from diaspora_atlas.model.judgement import Judgement, JudgementKind
from diaspora_atlas.model.projection import EntityView
from diaspora_atlas.model.statement import Statement
from diaspora_atlas.refdata import data_dir
from diaspora_atlas.refdata.tables import parse_table, require
from diaspora_atlas.synthesise.types import (
    CONFIRMED,
    FOCUS,
    REJECTED,
    ROLE,
    OrgContext,
    OrgText,
    PriorJudgement,
)

TEXTS_FILE = "focus_texts.csv"
HINT = "restore data/rules/focus_texts.csv from git (`git checkout -- data/rules/`)"
KIND_OF_PROP = {FOCUS_PROP: FOCUS, ROLE_LABEL_PROP: ROLE}
PROP_OF_KIND = {kind: prop for prop, kind in KIND_OF_PROP.items()}


@dataclass(frozen=True)
class TextProp:
    prop: str
    kind: str
    note: str


def _parse(row: dict[str, str]) -> TextProp:
    require(bool(row["prop"]) and bool(row["kind"]), "a text needs a property and a kind")
    return TextProp(row["prop"], row["kind"], row["note"])


@cache
def text_props() -> tuple[TextProp, ...]:
    """The properties whose values are texts about the organisation, in reading order."""
    path = Path(data_dir()) / "rules" / TEXTS_FILE
    return tuple(parse_table(path, ("prop", "kind", "note"), _parse, HINT))


def texts_of(entity: EntityView) -> list[OrgText]:
    """Every text about the organisation that is not judged wrong, each once."""
    seen: set[tuple[str, str]] = set()
    out: list[OrgText] = []
    for spec in text_props():
        for s in entity.facts.get(spec.prop, ()):
            if s.value.strip() and (s.value, s.source_url) not in seen:
                seen.add((s.value, s.source_url))
                out.append(OrgText(s.value, s.source_id, s.source_url, spec.kind))
    return out


def context_of(entity: EntityView) -> OrgContext:
    region = entity.value("origin_subnational")
    return OrgContext(
        tuple(entity.values("origin_iso3")), entity.value("host_iso3"), (region,) if region else ()
    )


@dataclass(frozen=True)
class Prior:
    """A curator's standing judgement on one label and the label's statement, if any."""

    prior: PriorJudgement
    judgement: Judgement
    statement: Statement | None


def _label_statement(entity: EntityView, prop: str, value: str) -> Statement | None:
    """The synthesis statement of the label judged (kept, or set aside as rejected)."""
    kept = [s for s in entity.facts.get(prop, ()) if s.value == value and s.dataset == DATASET]
    rejected = [s for s, _ in entity.rejected.get(prop, ()) if s.value == value]
    found = kept + [s for s in rejected if s.dataset == DATASET]
    return found[0] if found else None


def _latest_verdicts(entity: EntityView) -> Iterator[Judgement]:
    latest: dict[tuple[str, str], Judgement] = {}
    for j in entity.judgements:  # standing ones, oldest first
        if j.prop in KIND_OF_PROP and j.kind in (JudgementKind.CORRECT, JudgementKind.WRONG):
            latest[(j.prop, j.value)] = j
    yield from latest.values()


def priors_of(entity: EntityView) -> list[Prior]:
    """The curators' standing right/wrong judgements on focus and role labels."""
    out = []
    for j in _latest_verdicts(entity):
        statement = _label_statement(entity, j.prop, j.value)
        prior = PriorJudgement(
            kind=KIND_OF_PROP[j.prop],
            code=j.value,
            verdict=CONFIRMED if j.kind == JudgementKind.CORRECT else REJECTED,
            author=j.author,
            note=j.note,
            sentence=statement.original_value if statement else "",
            source_url=statement.source_url if statement else "",
        )
        out.append(Prior(prior, j, statement))
    return out
