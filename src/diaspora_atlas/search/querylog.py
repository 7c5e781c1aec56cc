"""The log of queries a team sent by hand, kept beside an export: one row per query, so a
query that returned nothing is recorded as searched (the gap analysis needs "searched, none
found"). Columns ``engine, query, country_iso3, searched_at, hits_reported, records_kept``;
``country_iso3``, ``hits_reported`` and ``records_kept`` may be empty."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from diaspora_atlas.search.importers.csvrows import rows
from diaspora_atlas.search.importers.lines import MalformedFileError

REQUIRED = ("engine", "query", "searched_at")
EXPECTED = "engine, query, country_iso3, searched_at, hits_reported, records_kept"


@dataclass(frozen=True)
class SentQuery:
    engine: str
    query: str
    country_iso3: str
    searched_at: str
    hits_reported: int | None
    line: int


def _count(path: Path, line: int, name: str, text: str) -> int | None:
    value = text.strip()
    if not value:
        return None
    if not value.isdigit():
        raise MalformedFileError(path, line, f"{name} {value!r} is not a whole number")
    return int(value)


def read_query_log(path: Path) -> list[SentQuery]:
    """Every row, checked (a bad row raises MalformedFileError naming its line)."""
    found = []
    for line, row in rows(path, REQUIRED, EXPECTED):
        if not row["engine"].strip() or not row["query"].strip():
            raise MalformedFileError(path, line, "engine and query must not be empty")
        found.append(
            SentQuery(
                engine=row["engine"].strip().lower(),
                query=row["query"].strip(),
                country_iso3=(row.get("country_iso3") or "").strip().upper(),
                searched_at=row["searched_at"].strip(),
                hits_reported=_count(path, line, "hits_reported", row.get("hits_reported") or ""),
                line=line,
            )
        )
    return found
