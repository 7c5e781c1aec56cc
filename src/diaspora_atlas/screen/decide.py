"""From criteria to a decision: include, exclude or review, with the protocol's reason codes.

- A criterion *fails* when an inclusion criterion is not met or an exclusion criterion is met;
  a documented exception that applies (its condition read from the card) lifts the failure
  and is recorded as an exception with its reason.
- A reading is *conclusive* when the criterion is decided by rule and the reading's
  confidence is at least ``CONCLUSIVE``.
- exclude: some criterion fails conclusively (reasons: those criteria's reason codes);
  include: every criterion passes conclusively; review: anything else (reasons: the codes
  of the criteria that fail without being conclusive, as suggestions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from diaspora_atlas.protocol import Criterion, CriterionException, Protocol
from diaspora_atlas.protocol.criteria import EXCLUSION, INCLUSION, RULE
from diaspora_atlas.screen.card import Card, Quote
from diaspora_atlas.screen.criteria import MET, NOT_MET, RULES, CriterionResult

CONCLUSIVE = 0.8
INCLUDE, EXCLUDE, REVIEW = "include", "exclude", "review"
_CHAPTER_SITES = re.compile(
    r"\bchapters?\b[^.]*\bwebsites?\b|\bwebsites?\b[^.]*\bchapters?\b", re.I
)
MIN_CHAPTERS = 2


@dataclass(frozen=True)
class Screened:
    card_id: str
    decision: str
    reasons: tuple[str, ...]
    criteria: tuple[CriterionResult, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.card_id,
            "decision": self.decision,
            "reasons": list(self.reasons),
            "criteria": [c.as_json() for c in self.criteria],
        }


def fails(c: Criterion, outcome: str) -> bool:
    return (c.kind == INCLUSION and outcome == NOT_MET) or (c.kind == EXCLUSION and outcome == MET)


def passes(c: Criterion, outcome: str) -> bool:
    return (c.kind == INCLUSION and outcome == MET) or (c.kind == EXCLUSION and outcome == NOT_MET)


def exception_holds(x: CriterionException, c: Criterion, card: Card) -> tuple[Quote, ...]:
    """The evidence that the exception's condition holds (empty when it does not). The
    condition is read by what the relaxed criterion checks: for ``headquarters_web``, that
    several of its chapters have working websites (their own sites, or a text saying so)."""
    if c.checks != "headquarters_web":
        return ()
    if len(card.chapters_with_sites) >= MIN_CHAPTERS:
        return tuple(Quote(f"a chapter's site: {s}", s) for s in card.chapters_with_sites)
    return tuple(q for q in card.texts if _CHAPTER_SITES.search(q.text))


def evaluate(card: Card, c: Criterion, p: Protocol) -> CriterionResult:
    reading = RULES[c.checks](card, c, p)
    result = CriterionResult(
        c.code, c.kind, c.decided_by, reading.outcome, reading.confidence,
        reading.explanation, reading.evidence,
    )  # fmt: skip
    if passes(c, reading.outcome):
        return result
    for x in p.exceptions:
        if x.criterion != c.code:
            continue
        proof = exception_holds(x, c, card)
        if proof:
            return replace(
                result,
                exception=x.code,
                exception_reason=f"{x.condition}: {x.reason}",
                evidence=result.evidence + proof,
            )
    return result


def screen_card(card: Card, p: Protocol) -> Screened:
    results = tuple(evaluate(card, c, p) for c in p.criteria)
    failing, open_, suggested = [], False, []
    for c, r in zip(p.criteria, results, strict=True):
        conclusive = c.decided_by == RULE and r.confidence >= CONCLUSIVE
        if r.exception:
            continue  # an exception lifts the failure (and the doubt) of this criterion
        if fails(c, r.outcome) and conclusive:
            failing.append(c.reason)
        elif fails(c, r.outcome):
            suggested.append(c.reason)
            open_ = True
        elif not (passes(c, r.outcome) and conclusive):
            open_ = True
    if failing:
        return Screened(card.id, EXCLUDE, tuple(failing), results)
    if open_:
        return Screened(card.id, REVIEW, tuple(suggested), results)
    return Screened(card.id, INCLUDE, (), results)
