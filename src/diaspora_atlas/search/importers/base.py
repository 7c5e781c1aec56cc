"""What every importer shares: where its records come from, and the format interface."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from diaspora_atlas.model.records import SearchRecord


@dataclass(frozen=True, slots=True)
class Origin:
    """The file being imported and the run and source its records belong to.

    ``source`` overrides the engine an importer would name from the file itself (a RIS
    ``DB`` tag, ``pubmed`` for MEDLINE, ``google_scholar`` for Publish or Perish).
    """

    path: Path
    run: str = ""
    source: str = ""

    def fallback_id(self, number: int) -> str:
        """An id for a record whose export gives none: the file name and its position."""
        return f"{self.path.name}#{number}"


class Importer(Protocol):
    """One export format. ``count`` is the cheap validating pass (structure only, every line
    read, nothing built); ``records`` the full pass. Both raise MalformedFileError at the
    first problem, with the file and line."""

    name: str
    extensions: tuple[str, ...]

    def count(self, path: Path) -> int: ...

    def records(self, origin: Origin) -> Iterator[SearchRecord]: ...

    def sniff(self, head: str) -> bool: ...
