"""An export file (and, optionally, the log of the queries sent) into a search run.

The whole file is validated first (the importers raise MalformedFileError naming the line,
before anything is written); then its records and their queries' PRISMA-S records are
written as one scoped load of the run's dataset, so a second file adds to the run without
retracting the first. Records are deduplicated against the run by DOI, PMID and URL
(``search.dedupe``): a duplicate keeps ``duplicate_of`` (the extract stage does not read it
again). A query in the log that returned nothing is recorded too: searched, none found."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diaspora_atlas.model.records import SearchRecord
from diaspora_atlas.search.dedupe import deduplicate
from diaspora_atlas.search.engines import engine_rules
from diaspora_atlas.search.entities import (
    QueryLog,
    query_statements,
    record_entity,
    record_statements,
)
from diaspora_atlas.search.importers import check_file, import_file
from diaspora_atlas.search.plan import build_plan
from diaspora_atlas.search.querylog import SentQuery, read_query_log
from diaspora_atlas.search.store_io import (
    STORE_SOURCE,
    Batch,
    stored_records,
)

if TYPE_CHECKING:
    from diaspora_atlas.context import Context

IMPORT_VERSION = "1"  # bump when what a load holds changes for the same file


@dataclass(frozen=True)
class ImportRequest:
    path: Path
    run: str
    fmt: str | None = None
    engine: str = ""  # overrides the engine the file names
    queries: Path | None = None  # the log of the queries sent (engine, query, ...)
    hits_reported: int | None = None  # what the engine reported per query, when the log lacks it


@dataclass
class ImportResult:
    file: str
    fmt: str
    run: str
    records: int = 0
    queries: int = 0
    duplicates: int = 0
    dedupe: dict[str, Any] = field(default_factory=dict)
    load: dict[str, object] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _country_of(ctx: Context, engines: set[str]) -> dict[tuple[str, str], str]:
    known = [e for e in engines if e in engine_rules()]
    if not known:
        return {}
    plan = build_plan(ctx.protocol, tuple(known))
    return {(q.engine, q.query): q.country_iso3 for q in plan.queries}


def _logs(
    ctx: Context, request: ImportRequest, records: Sequence[SearchRecord], sent: Sequence[SentQuery]
) -> dict[tuple[str, str], QueryLog]:
    """One PRISMA-S record per (engine, query): from the query log, then from the records."""
    kept: dict[tuple[str, str], int] = defaultdict(int)
    first_date: dict[tuple[str, str], str] = {}
    for record in records:
        pair = (record.source, record.query)
        kept[pair] += 1
        first_date.setdefault(pair, record.date)
    countries = _country_of(ctx, {r.source for r in records} | {s.engine for s in sent})
    rules = engine_rules()
    today = date.today().isoformat()
    logs: dict[tuple[str, str], QueryLog] = {}
    pairs = [(s.engine, s.query) for s in sent] + list(kept)
    by_pair = {(s.engine, s.query): s for s in sent}
    for engine, query in dict.fromkeys(pairs):
        row = by_pair.get((engine, query))
        logs[(engine, query)] = QueryLog(
            run=request.run,
            engine=engine,
            interface=rules[engine].interface if engine in rules else "exported file",
            query=query,
            searched_at=(row.searched_at if row else "")
            or first_date.get((engine, query))
            or today,
            country_iso3=(row.country_iso3 if row else "") or countries.get((engine, query), ""),
            hits_reported=row.hits_reported
            if row and row.hits_reported is not None
            else request.hits_reported,
            records_retrieved=kept.get((engine, query), 0),
            limits=f"imported from {request.path.name}",
            key=query or f"file:{request.path.name}",
        )
    return logs


def duplicates_of(
    run: str, stored: Sequence[SearchRecord], new: Sequence[SearchRecord]
) -> tuple[dict[str, str], dict[str, Any]]:
    """New record entity -> the entity it duplicates (the first seen of its cluster). A
    record already in the store is not compared with itself (a file imported again)."""
    ours = {record_entity(r) for r in new}
    result = deduplicate([*(r for r in stored if r.record_id not in ours), *new])
    by_ref = {(r.source, r.record_id, r.line): record_entity(r) for r in new}

    def entity(ref: Any) -> str:
        if ref.source == STORE_SOURCE:
            return str(ref.record_id)
        return by_ref[(ref.source, ref.record_id, ref.line)]

    duplicate_of = {}
    for cluster in result.clusters:
        kept = entity(cluster.members[0])
        for member in cluster.members[1:]:
            if member.source != STORE_SOURCE:
                duplicate_of[entity(member)] = kept
    clusters = sum(1 for c in result.clusters if len(c.members) > 1)
    return duplicate_of, result.as_json() | {"duplicate_clusters": clusters}


def import_search_file(ctx: Context, request: ImportRequest) -> ImportResult:
    check = check_file(request.path, request.fmt)  # the whole file, before anything is written
    sent = read_query_log(request.queries) if request.queries else []
    records = list(import_file(request.path, check.fmt, run=request.run, source=request.engine))
    logs = _logs(ctx, request, records, sent)
    duplicate_of, dedupe = duplicates_of(
        request.run, stored_records(ctx.store, request.run), records
    )
    batch = Batch(request.run)
    for log in logs.values():
        batch.statements += query_statements(log)
    for record in records:
        query = logs[(record.source, record.query)].entity_id
        entity = record_entity(record)
        batch.statements += record_statements(record, query, duplicate_of.get(entity, ""))
    parts = [check.sha256, request.run, check.fmt, request.engine, str(request.hits_reported)]
    parts += [_file_hash(request.queries), IMPORT_VERSION]
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()
    result = ImportResult(str(request.path), check.fmt, request.run, len(records), len(logs))
    result.duplicates = len(duplicate_of)
    result.dedupe = dedupe
    result.load = batch.load(ctx.store, digest).as_dict()
    return result


def _file_hash(path: Path | None) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path else ""
