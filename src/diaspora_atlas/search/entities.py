"""A search run in the store (PLAN.md, "Search and screening data"): statements of the
dataset ``search-<run>`` about its queries (``query-``, their PRISMA-S records) and the records
they returned (``rec-``); the candidates named in them (``cand-``) are the extract stage's.

Pure: builds ``Statement`` values; the stages load them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath

from diaspora_atlas.model import Schema, Statement
from diaspora_atlas.model.records import SearchRecord
from diaspora_atlas.model.search_ids import query_id, record_id, run_dataset

ASSERTED_BY = "diaspora_atlas.search"
DONE, FAILED, PLANNED = "done", "failed", "planned"


@dataclass(frozen=True)
class QueryLog:
    """One query sent to one engine: its PRISMA-S record. ``query`` is exactly as sent;
    ``key`` is what identifies it in the run when there is no query text (an export file)."""

    run: str
    engine: str
    interface: str
    query: str
    searched_at: str
    status: str = DONE
    country_iso3: str = ""
    filters: str = ""
    limits: str = ""
    hits_reported: int | None = None
    records_retrieved: int = 0
    raw: str = ""  # the raw responses kept for audit (a path under <HOME>/search/)
    error: str = ""
    key: str = ""

    @property
    def entity_id(self) -> str:
        return query_id(self.run, self.engine, self.key or self.query)

    def values(self) -> Iterator[tuple[str, str]]:
        yield from (
            ("engine", self.engine),
            ("interface", self.interface),
            ("query", self.query),
            ("searched_at", self.searched_at),
            ("status", self.status),
            ("run", self.run),
            ("records_retrieved", str(self.records_retrieved)),
        )
        optional = (
            ("country_iso3", self.country_iso3),
            ("filters", self.filters),
            ("limits", self.limits),
            ("hits_reported", "" if self.hits_reported is None else str(self.hits_reported)),
            ("raw", self.raw),
            ("error", self.error),
        )
        yield from ((prop, value) for prop, value in optional if value)


def _statement(
    entity: str, schema: Schema, prop: str, value: str, run: str, rationale: str = "", url: str = ""
) -> Statement:
    return Statement(
        entity_id=entity,
        schema=schema,
        prop=prop,
        value=value,
        source_id=run_dataset(run),
        dataset=run_dataset(run),
        asserted_by=ASSERTED_BY,
        rationale=rationale,
        source_url=url,
    )


def query_statements(log: QueryLog) -> list[Statement]:
    return [
        _statement(log.entity_id, Schema.SEARCH_QUERY, prop, value, log.run)
        for prop, value in log.values()
    ]


def record_entity(record: SearchRecord) -> str:
    """A hit of a query is its own record (the same page returned by two queries is two
    records, one a duplicate of the other): the key is the record's id and its query."""
    key = f"{record.record_id}|{record.query}" if record.query else record.record_id
    return record_id(record.run, record.source, key)


def record_statements(record: SearchRecord, query: str, duplicate_of: str = "") -> list[Statement]:
    """A record of the run; ``query`` is the query entity that returned it."""
    values = {
        "title": record.title,
        "text": record.abstract,
        "url": record.url,
        "doi": record.doi,
        "pmid": record.pmid,
        "engine": record.source,
        "query": query,
        "rank": "" if record.rank is None else str(record.rank),
        "date": record.date or ("" if record.year is None else str(record.year)),
        # the file name, not the path: the same export imported from anywhere is the same record
        "file": PurePath(record.file).name if record.file else "",
        "line": str(record.line) if record.line else "",
        "duplicate_of": duplicate_of,
    }
    entity = record_entity(record)
    return [
        _statement(entity, Schema.SEARCH_RECORD, prop, value, record.run, url=record.url)
        for prop, value in values.items()
        if value
    ]
