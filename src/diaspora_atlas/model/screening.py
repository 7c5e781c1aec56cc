"""Screening decisions: the one rule for what was decided about a candidate organisation,
and the agreement between reviewers (Cohen's kappa). Pure; the screen stage, the reviewers'
commands, the PRISMA counts and the report all call these.

What was decided, in order:
1. a third reviewer's resolution (an include/exclude judgement with ``prop="resolution"``);
2. reviewers' decisions: with single review, the latest standing one; with dual review, the
   decision both reviewers made when they agree (same kind; an exclusion needs the same
   reason code), else a *conflict* until it is resolved; one decision alone is *pending*;
3. else the rule's decision when it was conclusive (``include`` / ``exclude``);
4. else *pending*.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from diaspora_atlas.model.judgement import SCOPE_KINDS, Judgement, JudgementKind, effective

RESOLUTION = "resolution"  # the prop of a third reviewer's judgement
DECIDED, CONFLICT, PENDING = "decided", "conflict", "pending"
INCLUDE, EXCLUDE = JudgementKind.INCLUDE.value, JudgementKind.EXCLUDE.value


@dataclass(frozen=True)
class Final:
    status: str  # decided | conflict | pending
    decision: str = ""  # include | exclude (when decided)
    reason: str = ""  # the protocol's reason code of an exclusion
    by: str = ""  # "rule", "reviewer-a", "reviewer-a+reviewer-b", "resolution:reviewer-c"


def decisions_by_reviewer(judgements: Iterable[Judgement]) -> dict[str, Judgement]:
    """Each reviewer's standing include/exclude decision (resolutions left out)."""
    latest: dict[str, Judgement] = {}
    for j in effective(judgements):
        if j.kind in SCOPE_KINDS and j.prop != RESOLUTION:
            latest[j.author] = j
    return latest


def resolution_of(judgements: Iterable[Judgement]) -> Judgement | None:
    found = [j for j in effective(judgements) if j.kind in SCOPE_KINDS and j.prop == RESOLUTION]
    return found[-1] if found else None


def agree(a: Judgement, b: Judgement) -> bool:
    return a.kind == b.kind and (a.kind == JudgementKind.INCLUDE or a.reason_code == b.reason_code)


def final_decision(
    judgements: Sequence[Judgement], rule_decision: str, rule_reason: str, dual: bool
) -> Final:
    resolved = resolution_of(judgements)
    if resolved is not None:
        return Final(
            DECIDED, resolved.kind.value, resolved.reason_code, f"resolution:{resolved.author}"
        )
    mine = decisions_by_reviewer(judgements)
    if mine and not dual:
        j = max(mine.values(), key=lambda x: (x.created_at, x.id or 0))
        return Final(DECIDED, j.kind.value, j.reason_code, j.author)
    if len(mine) >= 2:
        first, second = sorted(mine.values(), key=lambda x: (x.created_at, x.id or 0))[-2:]
        if agree(first, second):
            by = "+".join(sorted((first.author, second.author)))
            return Final(DECIDED, first.kind.value, first.reason_code, by)
        return Final(CONFLICT)
    if mine:
        return Final(PENDING)
    if rule_decision in (INCLUDE, EXCLUDE):
        return Final(
            DECIDED, rule_decision, rule_reason if rule_decision == EXCLUDE else "", "rule"
        )
    return Final(PENDING)


def label(j: Judgement) -> str:
    """A decision as one label: ``include`` or the exclusion's reason code."""
    return INCLUDE if j.kind == JudgementKind.INCLUDE else j.reason_code or EXCLUDE


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two raters' labels; None with no pair, 1.0 when both always gave
    one and the same label (no disagreement is possible to measure)."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(a == b for a, b in pairs) / n
    labels = {x for pair in pairs for x in pair}
    expected = sum(
        (sum(a == k for a, _ in pairs) / n) * (sum(b == k for _, b in pairs) / n) for k in labels
    )
    if expected >= 1.0:
        return 1.0
    return (observed - expected) / (1.0 - expected)


def agreement(
    decisions: Mapping[str, Mapping[str, Judgement]],
    first: str,
    second: str,
    reasons: Sequence[str],
) -> dict[str, Any]:
    """Kappa of reviewers ``first`` and ``second`` over the organisations both decided:
    overall (include vs each reason), include vs exclude, and per reason (that reason or not)."""
    both = [(d[first], d[second]) for d in decisions.values() if first in d and second in d]
    overall = [(label(a), label(b)) for a, b in both]
    binary = [(a.kind.value, b.kind.value) for a, b in both]
    used = {x for pair in overall for x in pair}
    per_reason = {
        r: cohen_kappa([(str(x == r), str(y == r)) for x, y in overall]) if r in used else None
        for r in reasons
    }
    return {
        "reviewers": [first, second],
        "organisations": len(both),
        "agreed": sum(a == b for a, b in overall),
        "kappa": cohen_kappa(overall),
        "kappa_include_exclude": cohen_kappa(binary),
        "kappa_per_reason": per_reason,
    }
