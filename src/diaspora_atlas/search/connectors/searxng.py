"""Web search through a self-hosted SearXNG instance's JSON API (``/search?format=json``,
paged by ``pageno``); its address is DIASPORA_ATLAS_SEARXNG_URL. A private address needs
the http client's ``allowed_networks`` (DIASPORA_ATLAS_HTTP_ALLOWED_NETWORKS)."""

from __future__ import annotations

from diaspora_atlas.http import HttpClient
from diaspora_atlas.model.records import SearchRecord
from diaspora_atlas.search.connectors.base import (
    ConnectorError,
    Outcome,
    Page,
    Request,
    RuledConnector,
    checked,
    host_of,
    json_object,
)
from diaspora_atlas.search.connectors.common import record, text, whole
from diaspora_atlas.search.engines import EngineRule

SERVICE = "SearXNG"
MISSING_URL = (
    "SearXNG needs its address: set DIASPORA_ATLAS_SEARXNG_URL (e.g. http://127.0.0.1:8888)"
)
MAX_PAGES = 10  # SearXNG chooses the page size; the limit on records still applies


class SearXNG(RuledConnector):
    def __init__(self, rule: EngineRule, base_url: str) -> None:
        if not base_url:
            raise ConnectorError(MISSING_URL)
        super().__init__(rule)
        self.base_url = base_url.rstrip("/")

    def host(self) -> str:
        return host_of(self.base_url)

    async def search(self, client: HttpClient, request: Request) -> Outcome:
        outcome: Outcome | None = None
        for pageno in range(1, MAX_PAGES + 1):
            params: dict[str, str | int] = {"q": request.query, "format": "json", "pageno": pageno}
            answer = checked(await client.get(self.base_url + "/search", params=params), SERVICE)
            data = json_object(answer, SERVICE)
            results = data.get("results")
            if not isinstance(results, list):
                raise ConnectorError(f"{SERVICE} answered without results")
            if outcome is None:
                reported = whole(data.get("number_of_results"))
                outcome = Outcome(sent=answer.requested_url, hits_reported=reported or None)
                outcome.filters = _unresponsive(data)
            outcome.pages.append(Page(f"page-{pageno}", ".json", answer.body))
            hits = [hit for hit in results if isinstance(hit, dict) and text(hit.get("url"))]
            start = len(outcome.records)
            outcome.records += [_record(hit, request, start + n) for n, hit in enumerate(hits, 1)]
            if not hits or len(outcome.records) >= request.limit:
                break
        assert outcome is not None
        del outcome.records[request.limit :]
        return outcome


def _unresponsive(data: dict[str, object]) -> str:
    """The engines behind SearXNG that did not answer, said with the query's record."""
    engines = data.get("unresponsive_engines")
    if not isinstance(engines, list) or not engines:
        return ""
    names = [text(e[0]) if isinstance(e, list) and e else text(e) for e in engines]
    return "unresponsive engines: " + ", ".join(n for n in names if n)


def _record(hit: dict[str, object], request: Request, rank: int) -> SearchRecord:
    return record(
        "searxng",
        request,
        rank,
        title=text(hit.get("title")),
        abstract=text(hit.get("content")),
        year=text(hit.get("publishedDate"))[:4],
        url=text(hit.get("url")),
    )
