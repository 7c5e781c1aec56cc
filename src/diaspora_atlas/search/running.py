"""``search run``: send the plan's queries for one engine through its connector, resumably.

The run's planned queries are written first (status ``planned``), so ``search status`` can
say what is left. Then each query not already ``done`` in the store is sent; what came back
is written as one scoped load of the run's dataset — the query's PRISMA-S record (engine,
interface, query as sent, date, filters, limits, hits reported, records retrieved, where the
raw answers are) and its records, deduplicated against the run — or, when it failed, the
query with status ``failed`` and the reason (sent again next time)."""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diaspora_atlas.http import HttpClient, HttpConfig
from diaspora_atlas.http.errors import HttpError
from diaspora_atlas.model import Schema
from diaspora_atlas.search.connectors import (
    Connector,
    ConnectorError,
    Outcome,
    Request,
    connector_for,
)
from diaspora_atlas.search.connectors.base import Page
from diaspora_atlas.search.entities import (
    DONE,
    FAILED,
    PLANNED,
    QueryLog,
    query_statements,
    record_entity,
    record_statements,
)
from diaspora_atlas.search.importing import duplicates_of
from diaspora_atlas.search.plan import PlannedQuery, build_plan
from diaspora_atlas.search.store_io import Batch, run_entities, stored_records
from diaspora_atlas.settings import load_search_settings

if TYPE_CHECKING:
    from diaspora_atlas.context import Context

RUN_VERSION = "1"
Http = tuple[asyncio.Runner, HttpClient]  # one event loop kept open, and its client


@dataclass
class RunSummary:
    run: str
    engine: str
    planned: int = 0
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    records: int = 0
    errors: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def raw_dir(home: Path, run: str, query_entity: str) -> Path:
    """Where a query's answers are kept for audit: <HOME>/search/<run>/raw/<query id>/."""
    return home / "search" / run / "raw" / query_entity


def _keep_pages(home: Path, log: QueryLog, pages: list[Page]) -> str:
    folder = raw_dir(home, log.run, log.entity_id)
    folder.mkdir(parents=True, exist_ok=True)
    for number, page in enumerate(pages, 1):
        (folder / f"{number:02d}-{page.name}{page.suffix}").write_bytes(page.body)
    return str(folder.relative_to(home))


def _log(run: str, connector: Connector, planned: PlannedQuery, limit: int) -> QueryLog:
    return QueryLog(
        run=run,
        engine=planned.engine,
        interface=connector.rule.interface,
        query=planned.query,
        searched_at=date.today().isoformat(),
        status=PLANNED,
        country_iso3=planned.country_iso3,
        limits=f"at most {limit} records",
    )


def _load(ctx: Context, batch: Batch) -> None:
    text = "\n".join(f"{s.entity_id}|{s.prop}|{s.value}" for s in batch.statements)
    digest = hashlib.sha256(f"{RUN_VERSION}\n{text}".encode()).hexdigest()
    batch.load(ctx.store, digest)


def _done_batch(ctx: Context, log: QueryLog, outcome: Outcome) -> Batch:
    raw = _keep_pages(ctx.settings.home, log, outcome.pages)
    done = replace(
        log,
        status=DONE,
        filters=outcome.filters,
        hits_reported=outcome.hits_reported,
        records_retrieved=len(outcome.records),
        raw=raw,
    )
    duplicate_of, _ = duplicates_of(log.run, stored_records(ctx.store, log.run), outcome.records)
    batch = Batch(log.run, query_statements(done))
    for record in outcome.records:
        entity = record_entity(record)
        batch.statements += record_statements(record, done.entity_id, duplicate_of.get(entity, ""))
    return batch


def _send(
    ctx: Context, http: Http, connector: Connector, log: QueryLog, limit: int
) -> tuple[Batch, int, str]:
    runner, client = http
    try:
        outcome = runner.run(connector.search(client, Request(log.run, log.query, limit)))
    except (ConnectorError, HttpError) as error:
        reason = str(error).splitlines()[0]
        failed = replace(log, status=FAILED, error=reason)
        return Batch(log.run, query_statements(failed)), 0, reason
    return _done_batch(ctx, log, outcome), len(outcome.records), ""


def run_queries(ctx: Context, http: Http, connector: Connector) -> RunSummary:
    """Send what is left of the run's plan for the connector's engine (``ctx.options``: run,
    limit = most queries now, countries). The store is read and written between requests,
    outside the event loop (``http``: the loop's runner and the client it drives)."""
    run, engine = str(ctx.option("run")), connector.rule.id
    countries = set(ctx.option("countries") or ())
    plan = [
        q
        for q in build_plan(ctx.protocol, (engine,)).queries
        if not countries or q.country_iso3 in countries
    ]
    limit = load_search_settings().max_records
    logs = [_log(run, connector, q, limit) for q in plan]
    stored = run_entities(ctx.store, Schema.SEARCH_QUERY, run)
    new = [log for log in logs if log.entity_id not in stored]
    if new:
        _load(ctx, Batch(run, [s for log in new for s in query_statements(log)]))
    summary = RunSummary(run, engine, planned=len(logs))
    todo = [
        log
        for log in logs
        if stored.get(log.entity_id) is None or stored[log.entity_id].value("status") != DONE
    ]
    summary.skipped = len(logs) - len(todo)
    http[1].configure_host(connector.host(), connector.policy())
    most = ctx.option("limit")
    for number, log in enumerate(todo[: most if most else None], 1):
        ctx.progress.note(engine, f"query {number}/{len(todo)} ({log.country_iso3 or '-'})")
        batch, records, error = _send(ctx, http, connector, log, limit)
        _load(ctx, batch)
        summary.sent += 1
        summary.records += records
        if error:
            summary.failed += 1
            summary.errors.append(f"{log.country_iso3}: {error}")
    return summary


def run_stage(ctx: Context) -> dict[str, Any]:
    engine = str(ctx.option("engine"))
    contact = HttpConfig.from_settings().contact
    connector = connector_for(engine, load_search_settings(), contact)

    with asyncio.Runner() as runner:
        client = ctx.http_client()
        try:
            return run_queries(ctx, (runner, client), connector).as_json()
        finally:
            runner.run(client.close())
