"""Scopus Search API (/content/search/scopus, JSON), the key in the ``X-ELS-APIKey``
header from DIASPORA_ATLAS_SCOPUS_API_KEY, paged with ``start``/``count``."""

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
    json_object,
)
from diaspora_atlas.search.connectors.common import record, text, whole
from diaspora_atlas.search.engines import EngineRule

SERVICE = "Scopus"
MISSING_KEY = (
    "Scopus needs an API key: set DIASPORA_ATLAS_SCOPUS_API_KEY "
    "(https://dev.elsevier.com/apikey/manage)"
)


class Scopus(RuledConnector):
    def __init__(self, rule: EngineRule, api_key: str) -> None:
        if not api_key:
            raise ConnectorError(MISSING_KEY)
        super().__init__(rule)
        self.api_key = api_key

    async def search(self, client: HttpClient, request: Request) -> Outcome:
        outcome: Outcome | None = None
        kept = 0
        headers = {"X-ELS-APIKey": self.api_key, "Accept": "application/json"}
        while kept < request.limit:
            params: dict[str, str | int] = {
                "query": request.query,
                "start": kept,
                "count": min(self.rule.page_size or 25, request.limit - kept),
            }
            answer = await client.get(self.rule.base_url, params=params, headers=headers)
            data = _results(json_object(checked(answer, SERVICE), SERVICE))
            listed = data.get("entry")
            entries = [
                e
                for e in (listed if isinstance(listed, list) else [])
                if isinstance(e, dict) and "error" not in e
            ]
            if outcome is None:
                total = whole(data.get("opensearch:totalResults"))
                outcome = Outcome(sent=answer.requested_url, hits_reported=total)
            outcome.pages.append(Page(f"page-{len(outcome.pages) + 1}", ".json", answer.body))
            outcome.records += [_record(e, request, kept + n) for n, e in enumerate(entries, 1)]
            if not entries or len(outcome.records) >= (outcome.hits_reported or 0):
                break
            kept = len(outcome.records)
        return outcome or Outcome(sent="")


def _results(data: dict[str, object]) -> dict[str, object]:
    results = data.get("search-results")
    if not isinstance(results, dict):
        raise ConnectorError(f"{SERVICE} answered without search-results")
    return results


def _record(entry: dict[str, object], request: Request, rank: int) -> SearchRecord:
    return record(
        "scopus",
        request,
        rank,
        id=text(entry.get("eid")),
        title=text(entry.get("dc:title")),
        abstract=text(entry.get("dc:description")),
        year=text(entry.get("prism:coverDate"))[:4],
        journal=text(entry.get("prism:publicationName")),
        doi=text(entry.get("prism:doi")),
        pmid=text(entry.get("pubmed-id")),
        url=text(entry.get("prism:url")),
    )
