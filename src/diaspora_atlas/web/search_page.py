"""The Search page (/search/ and /search.json): the plan the protocol implies (queries per
engine), the search runs in the store with their hits per engine, candidates and the
countries searched — a country searched with no hit is shown as such (searched, none found)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from diaspora_atlas.errors import UnknownCountryError
from diaspora_atlas.protocol import Protocol
from diaspora_atlas.refdata.countries import country
from diaspora_atlas.report.search_summary import search_summary
from diaspora_atlas.web.render import Page, twin
from diaspora_atlas.web.scope import site_protocol


def _plan(protocol: Protocol) -> list[dict[str, Any]]:
    per_engine = protocol.queries_per_engine()
    return [
        {"engine": e.id, "name": e.name, "kind": e.kind, "queries": per_engine}
        for e in protocol.search.engines
    ]


def _countries(rows: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    found = []
    for iso3, counts in rows.items():
        try:
            name = country(iso3).name
        except UnknownCountryError:  # a code refdata does not know is still listed
            name = iso3
        found.append({"iso3": iso3, "name": name, **counts, "hits": counts.get("records", 0) > 0})
    return sorted(found, key=lambda row: row["name"])


def search_data(protocol: Protocol) -> dict[str, Any]:
    runs = search_summary()["runs"]
    for run in runs:
        run["countries"] = _countries(run["countries"])
        run["searched"] = len(run["countries"])
        run["with_hits"] = sum(1 for c in run["countries"] if c["hits"])
    return {
        "protocol": protocol.id,
        "lmics": len(protocol.lmic_iso3s()),
        "plan": _plan(protocol),
        "runs": runs,
    }


@twin
def search(request: HttpRequest) -> Page:
    return Page("web/search.html", "Search", search_data(site_protocol()))
