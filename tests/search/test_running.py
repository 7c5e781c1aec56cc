"""``search run`` in the store: planned queries first, each answer its own load with its raw
pages kept, a query already done never sent again, a failure recorded (and retried)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from diaspora_atlas.context import Context
from diaspora_atlas.model import Schema
from diaspora_atlas.progress import Progress
from diaspora_atlas.protocol import load_protocol
from diaspora_atlas.search.connectors import connector_for
from diaspora_atlas.search.running import RunSummary, run_queries
from diaspora_atlas.search.store_io import run_entities
from diaspora_atlas.settings import SearchSettings, load_settings

from .cassettes import cassette, client, openalex_cassette

pytestmark = pytest.mark.django_db


def context(home: Path, **options: object) -> Context:
    from diaspora_atlas.store.facade import SqlStore

    return Context(
        settings=load_settings(),
        store=SqlStore("test-run"),
        protocol=load_protocol(),
        progress=Progress(enabled=False),
        run_id="test-run",
        out_dir=home / "build",
        options={"run": "r", "countries": ["AFG", "AGO"], **options},
    )


def run(ctx: Context, replay: Path) -> RunSummary:
    connector = connector_for("openalex", SearchSettings("", "", "", 2), "tests@example.org")

    from diaspora_atlas.http import Cassette

    with asyncio.Runner() as runner:
        http = client(Cassette(replay))
        try:
            return run_queries(ctx, (runner, http), connector)
        finally:
            runner.run(http.close())


def test_a_run_is_resumable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIASPORA_ATLAS_HOME", str(tmp_path))
    monkeypatch.setenv("DIASPORA_ATLAS_SEARCH_MAX_RECORDS", "2")
    replay = tmp_path / "c.json"
    afg_query = openalex_cassette(replay, "AFG")
    ctx = context(tmp_path)

    first = run(ctx, replay)
    assert (first.planned, first.sent, first.failed, first.records) == (2, 2, 1, 2)
    assert first.errors[0].startswith("AGO: ")  # not in the cassette: recorded as failed
    queries = run_entities(ctx.store, Schema.SEARCH_QUERY, "r")
    by_country = {v.value("country_iso3"): v for v in queries.values()}
    done, failed = by_country["AFG"], by_country["AGO"]
    assert done.value("status") == "done" and done.value("hits_reported") == "245684392"
    assert done.value("query") == afg_query and done.value("records_retrieved") == "2"
    assert failed.value("status") == "failed" and failed.value("error")
    raw = tmp_path / done.value("raw")
    assert [p.name for p in sorted(raw.iterdir())] == ["01-page-1.json"]
    assert len(run_entities(ctx.store, Schema.SEARCH_RECORD, "r")) == 2

    second = run(ctx, replay)  # AFG is done: never sent again; AGO is tried again
    assert (second.skipped, second.sent, second.failed) == (1, 1, 1)
    assert len(run_entities(ctx.store, Schema.SEARCH_RECORD, "r")) == 2


def test_limit_sends_at_most_n_queries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIASPORA_ATLAS_HOME", str(tmp_path))
    replay = tmp_path / "c.json"
    cassette(replay, [])
    summary = run(context(tmp_path, limit=1), replay)
    assert (summary.planned, summary.sent) == (2, 1)
    statuses = {
        v.value("status")
        for v in run_entities(context(tmp_path).store, Schema.SEARCH_QUERY, "r").values()
    }
    assert statuses == {"failed", "planned"}  # what is left stays planned
