"""A plain CSV of web-search hits, one row per hit, as a team records a search by hand:
columns ``engine, query, rank, url, title, snippet, date`` (``title``, ``snippet`` and
``date`` may be empty; other columns are ignored)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from diaspora_atlas.model.records import SearchRecord
from diaspora_atlas.search.importers.base import Origin
from diaspora_atlas.search.importers.csvrows import header_of, rows
from diaspora_atlas.search.importers.lines import MalformedFileError

FORMAT = "csv"
COLUMNS = ("engine", "query", "rank", "url", "title", "snippet", "date")
REQUIRED = ("engine", "query", "rank", "url")
EXPECTED = "engine, query, rank, url, title, snippet, date"


def _checked(path: Path, line: int, row: dict[str, str]) -> tuple[int, str]:
    rank, url = row["rank"].strip(), row["url"].strip()
    if not rank.isdigit():
        raise MalformedFileError(path, line, f"rank {rank!r} is not a whole number")
    if not url:
        raise MalformedFileError(path, line, "the url is empty (expected the hit's address)")
    if not row["engine"].strip():
        raise MalformedFileError(path, line, "the engine is empty (expected e.g. google)")
    return int(rank), url


def to_record(origin: Origin, line: int, row: dict[str, str]) -> SearchRecord:
    rank, url = _checked(origin.path, line, row)
    return SearchRecord(
        source=origin.source or row["engine"].strip().lower(),
        run=origin.run,
        record_id=url,
        title=row.get("title", "").strip(),
        abstract=row.get("snippet", "").strip(),
        url=url,
        query=row["query"].strip(),
        rank=rank,
        date=row.get("date", "").strip(),
        fmt=FORMAT,
        file=str(origin.path),
        line=line,
    )


class WebCsvImporter:
    name: str = FORMAT
    extensions: tuple[str, ...] = (".csv",)

    def count(self, path: Path) -> int:
        return sum(1 for line, row in rows(path, REQUIRED, EXPECTED) if _checked(path, line, row))

    def records(self, origin: Origin) -> Iterator[SearchRecord]:
        for line, row in rows(origin.path, REQUIRED, EXPECTED):
            yield to_record(origin, line, row)

    def sniff(self, head: str) -> bool:
        return set(REQUIRED) <= set(header_of(head))
