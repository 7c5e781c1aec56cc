"""OpenAlex /works?search=, paged with ``cursor`` (start at ``*``, follow
``meta.next_cursor``); ``mailto=`` the contact setting (DIASPORA_ATLAS_HTTP_CONTACT) puts the
requests in the polite pool. Abstracts come as an inverted index and are rebuilt."""

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

SERVICE = "OpenAlex"


class OpenAlex(RuledConnector):
    def __init__(self, rule: EngineRule, contact: str = "") -> None:
        super().__init__(rule)
        self.contact = contact

    async def search(self, client: HttpClient, request: Request) -> Outcome:
        outcome: Outcome | None = None
        cursor, kept = "*", 0
        while kept < request.limit:
            params: dict[str, str | int] = {
                "search": request.query,
                "per-page": min(self.rule.page_size or 25, request.limit - kept),
                "cursor": cursor,
            }
            if self.contact:
                params["mailto"] = self.contact
            answer = checked(await client.get(self.rule.base_url, params=params), SERVICE)
            data = json_object(answer, SERVICE)
            meta, results = _meta(data), _results(data)
            if outcome is None:
                outcome = Outcome(sent=answer.requested_url, hits_reported=whole(meta.get("count")))
            outcome.pages.append(Page(f"page-{len(outcome.pages) + 1}", ".json", answer.body))
            outcome.records += [_record(hit, request, kept + n) for n, hit in enumerate(results, 1)]
            kept = len(outcome.records)
            following = text(meta.get("next_cursor"))
            if not results or not following or following == cursor:
                break
            cursor = following
        return outcome or Outcome(sent="")


def _meta(data: dict[str, object]) -> dict[str, object]:
    meta = data.get("meta")
    if not isinstance(meta, dict):
        raise ConnectorError(f"{SERVICE} answered without meta")
    return meta


def _results(data: dict[str, object]) -> list[dict[str, object]]:
    results = data.get("results")
    if not isinstance(results, list):
        raise ConnectorError(f"{SERVICE} answered without results")
    return [hit for hit in results if isinstance(hit, dict)]


def abstract(inverted: object) -> str:
    """The abstract from OpenAlex's ``abstract_inverted_index`` (word -> positions)."""
    if not isinstance(inverted, dict):
        return ""
    placed = [
        (position, word)
        for word, positions in inverted.items()
        if isinstance(positions, list)
        for position in positions
        if isinstance(position, int)
    ]
    return " ".join(word for _, word in sorted(placed))


def _record(hit: dict[str, object], request: Request, rank: int) -> SearchRecord:
    ids = hit.get("ids") if isinstance(hit.get("ids"), dict) else {}
    assert isinstance(ids, dict)
    return record(
        "openalex",
        request,
        rank,
        id=text(hit.get("id")),
        title=text(hit.get("title") or hit.get("display_name")),
        abstract=abstract(hit.get("abstract_inverted_index")),
        year=text(hit.get("publication_year")),
        doi=text(hit.get("doi")),
        pmid=text(ids.get("pmid")),
        url=text(hit.get("id")),
    )
