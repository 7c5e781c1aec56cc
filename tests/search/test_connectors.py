"""Each connector reads its service's real answers (tests/fixtures/http/SOURCES.md) through
the project's http client, replayed from a cassette: no network."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from diaspora_atlas.http import Cassette
from diaspora_atlas.http.errors import BlockedAddress, UnrecordedRequest
from diaspora_atlas.search.connectors import ConnectorError, Request, connector_for
from diaspora_atlas.search.connectors.base import Outcome
from diaspora_atlas.search.connectors.openalex import abstract
from diaspora_atlas.search.engines import engine_rule
from diaspora_atlas.settings import SearchSettings

from .cassettes import FIXTURES, HTTP, cassette, client, url

SETTINGS = SearchSettings(
    ncbi_api_key="", scopus_api_key="k", searxng_url="http://127.0.0.1:8888", max_records=2
)
QUERY = '"Ghana"[All Fields] AND "medical diaspora organization"[All Fields]'


def search(
    engine: str,
    replay_path: Path,
    limit: int = 2,
    settings: SearchSettings = SETTINGS,
    allowed: tuple[str, ...] = (),
) -> Outcome:
    connector = connector_for(engine, settings, "tests@example.org")

    async def main() -> Outcome:
        async with client(Cassette(replay_path), allowed) as http:
            return await connector.search(http, Request("r", QUERY, limit))

    return asyncio.run(main())


def test_pubmed_esearch_history_then_efetch_medline(tmp_path: Path) -> None:
    base = engine_rule("pubmed").base_url
    esearch = url(
        base + "esearch.fcgi", {"db": "pubmed", "term": QUERY, "usehistory": "y", "retmax": 0}
    )
    efetch = url(
        base + "efetch.fcgi",
        {
            "db": "pubmed",
            "query_key": "1",
            "WebEnv": "MCID_6927d6e7fee3e90f880ec190",
            "retstart": 0,
            "retmax": 2,
            "rettype": "medline",
            "retmode": "text",
        },
    )
    cassette(
        tmp_path / "c.json",
        [
            (esearch, HTTP / "pubmed" / "esearch2-trimmed.xml", "text/xml"),
            (efetch, FIXTURES / "search" / "nbib_single.nbib", "text/plain"),
        ],
    )
    outcome = search("pubmed", tmp_path / "c.json")
    assert outcome.hits_reported == 42249
    assert [p.name for p in outcome.pages] == ["esearch", "efetch-0"]
    [record] = outcome.records
    assert record.pmid == "28754806" and record.source == "pubmed"
    assert record.doi == "10.1136/neurintsurg-2017-013179"
    assert record.query == QUERY and record.rank == 1
    assert outcome.sent.startswith(base + "esearch.fcgi?") and "usehistory=y" in outcome.sent


def test_pubmed_rate_depends_on_the_key() -> None:
    keyed = SearchSettings("secret", "", "", 10)
    assert connector_for("pubmed", SETTINGS).policy().rate == 3
    assert connector_for("pubmed", keyed).policy().rate == 10


def test_europe_pmc_no_hits(tmp_path: Path) -> None:
    rule = engine_rule("europe_pmc")
    params: dict[str, str | int] = {
        "query": QUERY,
        "format": "json",
        "resultType": "core",
        "pageSize": 2,
        "cursorMark": "*",
    }
    cassette(
        tmp_path / "c.json",
        [(url(rule.base_url, params), HTTP / "europepmc" / "zero-hits.json", "application/json")],
    )
    outcome = search("europe_pmc", tmp_path / "c.json")
    assert outcome.hits_reported == 0 and outcome.records == [] and len(outcome.pages) == 1


def test_europe_pmc_version_only_answer_is_a_failure_not_zero_hits(tmp_path: Path) -> None:
    rule = engine_rule("europe_pmc")
    params: dict[str, str | int] = {
        "query": QUERY,
        "format": "json",
        "resultType": "core",
        "pageSize": 2,
        "cursorMark": "*",
    }
    cassette(
        tmp_path / "c.json",
        [
            (
                url(rule.base_url, params),
                HTTP / "europepmc" / "version-only.json",
                "application/json",
            )
        ],
    )
    with pytest.raises(ConnectorError, match="without a resultList"):
        search("europe_pmc", tmp_path / "c.json")


def test_openalex_polite_pool_and_results(tmp_path: Path) -> None:
    rule = engine_rule("openalex")
    params: dict[str, str | int] = {
        "search": QUERY,
        "per-page": 2,
        "cursor": "*",
        "mailto": "tests@example.org",
    }
    cassette(
        tmp_path / "c.json",
        [(url(rule.base_url, params), HTTP / "openalex" / "works-list.json", "application/json")],
    )
    outcome = search("openalex", tmp_path / "c.json")
    assert outcome.hits_reported == 245684392
    assert [r.doi for r in outcome.records] == ["10.1016/s0021-9258(19)52451-6", "10.1038/227680a0"]
    assert (
        "mailto=tests%40example.org" in outcome.sent or "mailto=tests@example.org" in outcome.sent
    )


def test_openalex_rebuilds_an_inverted_abstract() -> None:
    assert (
        abstract({"diaspora": [1], "Medical": [0], "organisations": [2]})
        == "Medical diaspora organisations"
    )


def test_scopus_reads_entries_and_sends_the_key_in_a_header(tmp_path: Path) -> None:
    rule = engine_rule("scopus")
    params: dict[str, str | int] = {"query": QUERY, "start": 0, "count": 1}
    cassette(
        tmp_path / "c.json",
        [(url(rule.base_url, params), HTTP / "scopus" / "results.json", "application/json")],
    )
    outcome = search("scopus", tmp_path / "c.json", limit=1)
    assert outcome.hits_reported == 7794
    [record] = outcome.records
    assert record.doi == "10.1016/j.bbcan.2021.188607" and record.year == 2021
    assert "k" not in outcome.sent.split("?", 1)[1].split("&")  # the key is not in the URL


def test_scopus_without_a_key_says_so_in_one_line() -> None:
    with pytest.raises(ConnectorError) as error:
        connector_for("scopus", SearchSettings("", "", "", 10))
    assert "DIASPORA_ATLAS_SCOPUS_API_KEY" in str(error.value) and "\n" not in str(error.value)


def test_searxng_no_results_names_the_unresponsive_engines(tmp_path: Path) -> None:
    params: dict[str, str | int] = {"q": QUERY, "format": "json", "pageno": 1}
    sent = url("http://127.0.0.1:8888/search", params)
    cassette(
        tmp_path / "c.json", [(sent, HTTP / "searxng" / "no-results.json", "application/json")]
    )
    with pytest.raises(BlockedAddress):  # a private SearXNG needs allowed_networks
        search("searxng", tmp_path / "c.json")
    outcome = search("searxng", tmp_path / "c.json", allowed=("127.0.0.0/8",))
    assert outcome.records == [] and outcome.hits_reported is None
    assert outcome.filters.startswith("unresponsive engines: brave, duckduckgo")


def test_searxng_needs_its_address() -> None:
    with pytest.raises(ConnectorError, match="DIASPORA_ATLAS_SEARXNG_URL"):
        connector_for("searxng", SearchSettings("", "", "", 10))


def test_a_request_the_cassette_does_not_hold_is_refused(tmp_path: Path) -> None:
    cassette(tmp_path / "c.json", [])
    with pytest.raises(UnrecordedRequest):
        search("openalex", tmp_path / "c.json")
