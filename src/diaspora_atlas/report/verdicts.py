"""The verdict vocabulary shared by every claim check (report.claims, report.discussion).

Plain Python with no store access, so pure evaluators can use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

REPRODUCED = "reproduced"
NOT_REPRODUCED = "not_reproduced"
NOT_REPRODUCIBLE = "not_reproducible"


@dataclass(frozen=True)
class Verdict:
    claim: dict[str, Any]
    computed: Any
    verdict: str
    explanation: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.claim["id"],
            "location": self.claim["location"],
            "quote": self.claim["quote"],
            "paper_value": self.claim["value"],
            "computed_value": self.computed,
            "verdict": self.verdict,
            "explanation": self.explanation,
        }


def show(value: Any) -> str:
    """A value as a reader would write it: 'USA 60, GBR 24' rather than a Python dict."""
    if isinstance(value, dict):
        return ", ".join(f"{k} {show(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(show(v) for v in value)
    return str(value)
