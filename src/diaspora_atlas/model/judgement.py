"""Human judgements: append-only rows; undoing one is a new row (DESIGN.md §2)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class JudgementKind(StrEnum):
    SAME = "same"
    DIFFERENT = "different"
    INCLUDE = "include"
    EXCLUDE = "exclude"
    CORRECT = "correct"
    PREFER = "prefer"
    UNDO = "undo"


@dataclass(frozen=True)
class Judgement:
    kind: JudgementKind
    subject_id: str
    author: str
    object_id: str = ""
    prop: str = ""
    value: str = ""
    reason_code: str = ""
    note: str = ""
