"""Search records: one hit of one search, as an importer or a connector read it.

Pure types; no I/O. A record remembers where it came from (file and line, or the engine's
own id) so that every later decision about it can point back at the line that said it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True, slots=True)
class SearchRecord:
    """One bibliographic or web-search hit.

    ``source`` names the engine or database (``pubmed``, ``scopus``, ``google_scholar``,
    ``lexisnexis``, ``google``, ...); ``run`` the search run it belongs to; ``record_id`` its
    id within the source (a PMID, a Scopus EID, a RIS ``ID``/``AN``, or ``<file>#<n>`` when
    the export gives none). ``file``/``line`` say where the record starts in an imported
    file (``line`` counts from 1; 0 when it did not come from a file).
    """

    source: str
    run: str
    record_id: str
    title: str
    abstract: str = ""
    authors: tuple[str, ...] = ()
    year: int | None = None
    journal: str = ""
    doi: str = ""
    pmid: str = ""
    url: str = ""
    query: str = ""
    rank: int | None = None
    date: str = ""
    kind: str = ""  # the export's document type (JOUR, Journal Article, Book, ...)
    fmt: str = ""  # the format it was read from: ris, nbib, pop, csv
    file: str = ""
    line: int = 0
    keywords: tuple[str, ...] = field(default=())

    def text(self) -> str:
        """The record's readable text (title, then abstract or snippet) for extraction."""
        return f"{self.title}\n\n{self.abstract}" if self.abstract else self.title

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        data["authors"] = list(self.authors)
        data["keywords"] = list(self.keywords)
        return data


@dataclass(frozen=True, slots=True)
class FileCheck:
    """What a full validating pass over an import file found (nothing is stored yet)."""

    path: str
    fmt: str
    records: int
    lines: int
    sha256: str

    def as_json(self) -> dict[str, object]:
        return asdict(self)
