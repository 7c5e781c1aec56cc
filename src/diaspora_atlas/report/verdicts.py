"""The verdict vocabulary shared by every claim check (report.claims, report.discussion).

Plain Python with no store access, so pure evaluators can use it.
"""

from __future__ import annotations

from collections.abc import Mapping
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


def show(value: Any, names: Mapping[str, str] | None = None) -> str:
    """A value as a reader would write it: 'United States 60, United Kingdom 24' rather than
    a Python dict; codes found in ``names`` (ISO3 codes -> country names) in words; nothing
    (None) as a dash."""
    words = names or {}
    if value is None:
        return "—"
    if isinstance(value, dict):
        return ", ".join(f"{words.get(str(k), k)} {show(v, words)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(show(v, words) for v in value)
    return words.get(str(value), str(value))
