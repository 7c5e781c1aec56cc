"""The Search page shows the bundled real search: plan, run, hits per engine and country."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def test_search_twin_reports_the_bundled_run(web: Any) -> None:
    data = web.get("/search.json").json()
    assert data["protocol"] == "frehywot2019" and data["lmics"] == 137
    assert {e["engine"]: e["queries"] for e in data["plan"]}["pubmed"] == 137
    [run] = [r for r in data["runs"] if r["run"] == "frehywot2019-2026-web"]
    assert run["searched"] == 137 and 0 < run["with_hits"] < 137
    [engine] = run["engines"]
    assert engine["engine"] == "stored_pages" and engine["done"] == 137 and engine["records"] > 0
    assert run["candidates"]["distinct"] >= run["candidates"]["distinct_matched"] > 0


def test_search_page_says_searched_none_found(web: Any) -> None:
    page = web.get("/search/").content.decode()
    assert "searched, none found" in page and "frehywot2019-2026-web" in page
    assert 'href="/search/" aria-current="page"' in page
