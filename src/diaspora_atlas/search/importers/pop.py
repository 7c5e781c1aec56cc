"""CSV exported by Publish or Perish (Harzing), usually of a Google Scholar search.

Publish or Perish writes these columns (newer versions add the later ones): Cites, Authors,
Title, Year, Source, Publisher, ArticleURL, CitesURL, GSRank, QueryDate, Type, DOI, ISSN,
CitationURL, Volume, Issue, StartPage, EndPage, ECC, CitesPerYear, CitesPerAuthor,
AuthorCount, Age, Abstract, FullTextURL, RelatedURL. ``Authors`` is one comma-separated
string of initials and surnames ("AG Meyer, J Smith").
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from diaspora_atlas.model.records import SearchRecord
from diaspora_atlas.search.identifiers import normalise_doi, parse_year
from diaspora_atlas.search.importers.base import Origin
from diaspora_atlas.search.importers.csvrows import header_of, rows
from diaspora_atlas.search.importers.lines import MalformedFileError

FORMAT = "pop"
REQUIRED = ("cites", "authors", "title", "year", "source")
EXPECTED = "Publish or Perish's columns (Cites, Authors, Title, Year, Source, ...)"


def _rank(path: Path, line: int, text: str) -> int | None:
    value = text.strip()
    if not value:
        return None
    if not value.isdigit():
        raise MalformedFileError(path, line, f"GSRank {value!r} is not a whole number")
    return int(value)


def to_record(origin: Origin, line: int, row: dict[str, str], number: int) -> SearchRecord:
    rank = _rank(origin.path, line, row.get("gsrank", ""))
    authors = tuple(a.strip() for a in row.get("authors", "").split(",") if a.strip())
    url = row.get("articleurl", "").strip()
    return SearchRecord(
        source=origin.source or "google_scholar",
        run=origin.run,
        record_id=url or origin.fallback_id(number),
        title=row["title"].strip(),
        abstract=row.get("abstract", "").strip(),
        authors=authors,
        year=parse_year(row.get("year", "")),
        journal=row.get("source", "").strip(),
        doi=normalise_doi(row.get("doi", "")),
        url=url,
        rank=rank,
        date=row.get("querydate", "").strip(),
        kind=row.get("type", "").strip(),
        fmt=FORMAT,
        file=str(origin.path),
        line=line,
    )


class PopImporter:
    name: str = FORMAT
    extensions: tuple[str, ...] = (".csv",)

    def count(self, path: Path) -> int:
        total = 0
        for line, row in rows(path, REQUIRED, EXPECTED):
            _rank(path, line, row.get("gsrank", ""))
            total += 1
        return total

    def records(self, origin: Origin) -> Iterator[SearchRecord]:
        for number, (line, row) in enumerate(rows(origin.path, REQUIRED, EXPECTED), 1):
            yield to_record(origin, line, row, number)

    def sniff(self, head: str) -> bool:
        return set(REQUIRED) <= set(header_of(head))
