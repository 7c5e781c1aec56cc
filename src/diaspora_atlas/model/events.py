"""Dated events in an institution's life (established, renamed, merged, abolished)."""

from __future__ import annotations

from dataclasses import dataclass

from diaspora_atlas.model.vocabulary import EventKind


@dataclass(frozen=True)
class DatedEvent:
    """An event dated to a year, or to a range of years when the source is vague."""

    kind: EventKind
    year_from: int
    year_to: int
    explanation: str
    detail: str = ""

    @property
    def is_exact(self) -> bool:
        return self.year_from == self.year_to

    def label(self) -> str:
        years = str(self.year_from) if self.is_exact else f"{self.year_from}–{self.year_to}"
        return f"{self.kind.value} {years}" + (f": {self.detail}" if self.detail else "")
