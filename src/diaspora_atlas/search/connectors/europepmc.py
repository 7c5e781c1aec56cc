"""Europe PMC's RESTful /search (JSON, ``resultType=core`` for abstracts), paged with
``cursorMark``: start at ``*`` and follow ``nextCursorMark`` until a page is empty, the
cursor stops moving or the limit is reached."""

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

SERVICE = "Europe PMC"


class EuropePmc(RuledConnector):
    async def search(self, client: HttpClient, request: Request) -> Outcome:
        outcome: Outcome | None = None
        cursor, kept = "*", 0
        while kept < request.limit:
            size = min(self.rule.page_size or 25, request.limit - kept)
            params: dict[str, str | int] = {
                "query": request.query,
                "format": "json",
                "resultType": "core",
                "pageSize": size,
                "cursorMark": cursor,
            }
            answer = checked(await client.get(self.rule.base_url, params=params), SERVICE)
            data = json_object(answer, SERVICE)
            results = _results(data)
            if outcome is None:
                outcome = Outcome(
                    sent=answer.requested_url, hits_reported=whole(data.get("hitCount"))
                )
            outcome.pages.append(Page(f"page-{len(outcome.pages) + 1}", ".json", answer.body))
            outcome.records += [_record(hit, request, kept + n) for n, hit in enumerate(results, 1)]
            kept = len(outcome.records)
            following = text(data.get("nextCursorMark"))
            if not results or not following or following == cursor:
                break
            cursor = following
        if outcome is None:  # a limit of 0: nothing asked
            return Outcome(sent="")
        return outcome


def _results(data: dict[str, object]) -> list[dict[str, object]]:
    listed = data.get("resultList")
    if not isinstance(listed, dict) or not isinstance(listed.get("result"), list):
        # Europe PMC sometimes answers 200 with only {"version": ...}: not "no hits"
        raise ConnectorError(f"{SERVICE} answered without a resultList (try again later)")
    return [hit for hit in listed["result"] if isinstance(hit, dict)]


def _record(hit: dict[str, object], request: Request, rank: int) -> SearchRecord:
    source, ident = text(hit.get("source")), text(hit.get("id"))
    return record(
        "europe_pmc",
        request,
        rank,
        id=f"{source}:{ident}" if source and ident else ident,
        title=text(hit.get("title")),
        abstract=text(hit.get("abstractText")),
        year=text(hit.get("pubYear")),
        journal=text(hit.get("journalTitle")),
        doi=text(hit.get("doi")),
        pmid=text(hit.get("pmid")),
        url=f"https://europepmc.org/article/{source}/{ident}" if source and ident else "",
    )
