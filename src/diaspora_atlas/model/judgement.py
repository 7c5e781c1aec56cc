"""Human judgements: append-only rows; undoing one is a new row (DESIGN.md §2)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class JudgementKind(StrEnum):
    SAME = "same"  # subject and object are the same organisation
    DIFFERENT = "different"  # ... are not the same organisation
    UNSURE = "unsure"  # ... a reviewer cannot tell
    INCLUDE = "include"  # the subject is in scope (screening)
    EXCLUDE = "exclude"  # the subject is out of scope, with the protocol's reason code
    CORRECT = "correct"  # this value of ``prop`` is right (a new value is a correction)
    WRONG = "wrong"  # this value of ``prop`` is wrong
    CONFIRM = "confirm"  # a person checked the record against a live source
    UNDO = "undo"  # undoes the judgement ``undoes`` points at


VALUE_KINDS = frozenset({JudgementKind.CORRECT, JudgementKind.WRONG})
IDENTITY_KINDS = frozenset({JudgementKind.SAME, JudgementKind.DIFFERENT, JudgementKind.UNSURE})
SCOPE_KINDS = frozenset({JudgementKind.INCLUDE, JudgementKind.EXCLUDE})


@dataclass(frozen=True)
class Judgement:
    """A decision by ``author`` about ``subject_id`` (and ``object_id``, ``prop``/``value``).

    ``id``, ``created_at`` and ``undoes`` are filled by the store when the row is written."""

    kind: JudgementKind
    subject_id: str
    author: str
    object_id: str = ""
    prop: str = ""
    value: str = ""
    reason_code: str = ""
    note: str = ""
    id: int | None = None
    created_at: str = ""
    undoes: int | None = None

    def describe(self) -> str:
        """One line for people: who decided what, when, and why."""
        when = self.created_at[:10]
        what = {
            JudgementKind.CORRECT: f"judged “{self.value}” right",
            JudgementKind.WRONG: f"judged “{self.value}” wrong",
            JudgementKind.CONFIRM: "confirmed the record",
            JudgementKind.INCLUDE: "included it",
            JudgementKind.EXCLUDE: f"excluded it ({self.reason_code})",
            JudgementKind.SAME: f"judged it the same as {self.object_id}",
            JudgementKind.DIFFERENT: f"judged it different from {self.object_id}",
            JudgementKind.UNSURE: f"could not tell whether it is {self.object_id}",
            JudgementKind.UNDO: f"undid judgement {self.undoes}",
        }[self.kind]
        why = f": {self.note}" if self.note else ""
        return f"{self.author} {what}" + (f" on {when}" if when else "") + why


def effective(judgements: Iterable[Judgement]) -> list[Judgement]:
    """The judgements that stand, oldest first: undos removed, and every judgement an undo
    that stands points at. Undoing an undo restores what it undid."""
    ordered = sorted(judgements, key=lambda j: (j.created_at, j.id or 0))
    undone_by: dict[int, list[Judgement]] = {}
    for j in ordered:
        if j.kind == JudgementKind.UNDO and j.undoes is not None:
            undone_by.setdefault(j.undoes, []).append(j)
    memo: dict[int, bool] = {}

    def stands(j: Judgement, depth: int = 0) -> bool:
        if j.id is None or depth > len(ordered):
            return True
        if j.id not in memo:
            memo[j.id] = not any(stands(u, depth + 1) for u in undone_by.get(j.id, ()))
        return memo[j.id]

    return [j for j in ordered if j.kind != JudgementKind.UNDO and stands(j)]


def latest(judgements: Sequence[Judgement], kinds: frozenset[JudgementKind]) -> Judgement | None:
    """The most recent standing judgement of one of ``kinds`` (``judgements`` oldest first)."""
    matching = [j for j in judgements if j.kind in kinds]
    return matching[-1] if matching else None
