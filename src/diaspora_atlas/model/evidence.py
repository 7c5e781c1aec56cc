"""Evidence: every decision a rule makes carries one (DESIGN.md §5.2)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Outcome(StrEnum):
    MATCH = "match"
    NO_MATCH = "no_match"
    UNDECIDED = "undecided"
    REPRODUCED = "reproduced"
    NOT_REPRODUCED = "not_reproduced"


@dataclass(frozen=True)
class Evidence:
    """Why a rule decided what it decided: ``(outcome, score, explanation, source_url, excerpt)``."""

    rule: str
    outcome: Outcome
    score: float
    explanation: str
    source_url: str = ""
    excerpt: str = ""

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "outcome": self.outcome.value,
            "score": self.score,
            "explanation": self.explanation,
            "source_url": self.source_url,
            "excerpt": self.excerpt,
        }
