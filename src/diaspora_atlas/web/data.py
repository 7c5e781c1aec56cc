"""What each page shows, as plain data: the HTML page renders it, its JSON twin returns it,
and the API validates it against a schema. One builder per page."""

from __future__ import annotations

import math
from typing import Any

from diaspora_atlas.model.facts import MULTI_VALUED
from diaspora_atlas.model.focuses import focus_record
from diaspora_atlas.model.projection import chosen_value
from diaspora_atlas.refdata import fiscal_years
from diaspora_atlas.report.maps import region_word
from diaspora_atlas.report.profiles import country_profile
from diaspora_atlas.store import directory, pages, websites
from diaspora_atlas.store.directory import FACETS, Selection
from diaspora_atlas.web import labels
from diaspora_atlas.web.audit import results
from diaspora_atlas.web.cache import memo
from diaspora_atlas.web.queries import selection_query

HIDDEN_FACTS = {"not_found", "narrative", "listed_in", "paper_row", "position", "listing"}
HIDDEN_FACTS |= {"focus", "role_label", "focus_status"}  # shown by web/_focuses.html


def country_names() -> dict[str, str]:
    return memo("country_names", pages.country_names)


def org_url(org_id: str) -> str:
    return f"/organisations/{org_id}/"


def country_url(iso3: str) -> str:
    return f"/countries/{iso3}/"


def office_url(office_id: str) -> str:
    return f"/offices/{office_id}/"


def with_url(summary: dict[str, Any]) -> dict[str, Any]:
    return {**summary, "url": org_url(str(summary["id"]))}


def facet_label(facet: str, value: str) -> str:
    if facet in ("host", "origin"):
        return country_names().get(value, value)
    if facet in ("presence", "verified", "income", "role", "website_today", "inventory"):
        return labels.label(facet, value)
    return value


def _facet_values(selection: Selection, facet: str, counts: dict[str, int]) -> list[dict[str, Any]]:
    chosen = selection.filters.get(facet, ())
    values: list[dict[str, Any]] = []
    for value in sorted(set(counts) | set(chosen)):
        selected = value in chosen
        toggled = [v for v in chosen if v != value] if selected else [*chosen, value]
        values.append(
            {
                "value": value,
                "label": facet_label(facet, value),
                "count": counts.get(value, 0),
                "selected": selected,
                "href": "/organisations/?"
                + selection_query(selection, **{facet: toggled, "page": None}),
            }
        )
    values.sort(key=lambda v: (not v["selected"], -int(v["count"]), str(v["label"])))
    return values


def facets_data(selection: Selection, counts: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    return [
        {
            "facet": facet,
            "title": labels.FACET_TITLES[facet]
            + (f" (FY{selection.fiscal_year})" if facet == "income" else ""),
            "values": _facet_values(selection, facet, counts.get(facet, {})),
        }
        for facet in FACETS
    ]


def query_data(selection: Selection) -> dict[str, Any]:
    return {
        "q": selection.q,
        "filters": {k: list(v) for k, v in selection.filters.items()},
        "fiscal_year": selection.fiscal_year,
        "sort": selection.sort,
        "page": selection.page,
        "per_page": selection.per_page,
    }


def organisations_data(selection: Selection) -> dict[str, Any]:
    found = directory.search_organisations(selection)
    total = int(found["total"])
    pages_count = max(1, math.ceil(total / selection.per_page))
    base = selection_query(selection, page=None)

    def page_link(page: int) -> str | None:
        if not 1 <= page <= pages_count or page == selection.page:
            return None
        return "/organisations/?" + selection_query(selection, page=page)

    return {
        "query": query_data(selection),
        "total": total,
        "pages": pages_count,
        "results": [with_url(s) for s in found["results"]],
        "facets": facets_data(selection, found["facets"]),
        "links": {
            "self": "/organisations/?" + selection_query(selection),
            "json": "/organisations.json?" + selection_query(selection),
            "next": page_link(selection.page + 1),
            "prev": page_link(selection.page - 1),
            "csv": "/organisations/export.csv?" + base,
            "export_json": "/organisations/export.json?" + base,
        },
    }


def export_rows(selection: Selection) -> list[dict[str, Any]]:
    return [with_url(s) for s in directory.select_all(selection)]


COUNTRY_PROPS = {"host_iso3", "origin_iso3", "hq_country_iso3", "country_iso3"}
CODED_PROPS = {
    "role": "role",
    "online_presence": "presence",
    "institution_type": "institution_type",
    "current_institution_type": "institution_type",
    "not_found": "property",
}


def display_value(prop: str, value: str) -> str:
    """A statement's value in words (country names, vocabulary labels); the value otherwise."""
    if prop in COUNTRY_PROPS:
        return country_names().get(value, value)
    if prop in CODED_PROPS:
        return labels.label(CODED_PROPS[prop], value)
    return value


def _facts_view(facts: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Facts in display order; conflicting values of a single-valued property flagged."""
    order = list(labels.PROPERTY_LABELS)
    rows = []
    for prop in sorted(facts, key=lambda p: (order.index(p) if p in order else 999, p)):
        if prop in HIDDEN_FACTS:
            continue
        statements = facts[prop]
        distinct = {s["value"] for s in statements if s["value"]}
        rows.append(
            {
                "property": prop,
                "label": labels.label("property", prop),
                "conflict": prop not in MULTI_VALUED and len(distinct) > 1,
                "statements": [
                    {**st, "display": display_value(prop, st["value"])} for st in statements
                ],
            }
        )
    return rows


def organisation_data(org_id: str) -> dict[str, Any] | None:
    found = pages.organisation(org_id)
    if found is None:
        return None
    facts = found["facts"]
    summary = with_url(found["summary"])
    return {
        "organisation": summary,
        "facts": _facts_view(facts),
        "conflicts": [r["property"] for r in _facts_view(facts) if r["conflict"]],
        "narrative": facts.get("narrative", []),
        "not_found": facts.get("not_found", []),
        "sources": found["sources"],
        "history": found["history"],
        "last_modified": found["last_modified"],
        "last_verified": found["last_verified"],
        "location": _location(facts, summary),
        "checks": websites.check_history(org_id),
        "focuses": focus_record(facts),
    }


def _location(facts: dict[str, list[dict[str, Any]]], summary: dict[str, Any]) -> dict[str, Any]:
    lat, lon = chosen_value(facts, "hq_lat"), chosen_value(facts, "hq_lon")
    return {
        "city": chosen_value(facts, "hq_city"),
        "region": chosen_value(facts, "hq_region"),
        "country_iso3": chosen_value(facts, "hq_country_iso3") or summary.get("host_iso3", ""),
        "lat": float(lat) if lat else None,
        "lon": float(lon) if lon else None,
        "precision": chosen_value(facts, "hq_precision") or "country",
        "region_word": region_word(summary.get("host_iso3", "")),
    }


def offices_data(kind: str, country: str) -> dict[str, Any]:
    found = pages.offices(kind, country)
    return {
        "query": {"type": kind, "country": country},
        "total": len(found["offices"]),
        "types": [
            {
                "value": t,
                "label": labels.label("institution_type", t),
                "count": n,
                "selected": t == kind,
            }
            for t, n in sorted(found["types"].items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "offices": [{**o, "url": office_url(o["id"])} for o in found["offices"]],
        "table2": pages.listings() if not kind and not country else [],
    }


def office_data(office_id: str) -> dict[str, Any] | None:
    found = pages.office(office_id)
    if found is None:
        return None
    return {
        "office": {**found["office"], "url": office_url(office_id)},
        "facts": _facts_view(found["facts"]),
        "listings": found["listings"],
        "sources": found["sources"],
        "history": found["history"],
        "last_modified": found["last_modified"],
    }


def countries_data() -> dict[str, Any]:
    rows = [{**c, "url": country_url(c["iso3"])} for c in pages.countries_overview()]
    return {"total": len(rows), "countries": rows}


def country_data(iso3: str) -> dict[str, Any] | None:
    found = pages.country(iso3)
    if found is None:
        return None
    origin = found["as_origin"]
    for group in origin["by_host"]:
        group["organisations"] = [with_url(s) for s in group["organisations"]]
    origin["offices"] = [{**o, "url": office_url(o["id"])} for o in origin["offices"]]
    hosted = found["as_host"]
    hosted["organisations"] = [with_url(s) for s in hosted["organisations"]]
    history = found["income_history"]
    return {
        **found,
        "synthesis": country_profile(results(), iso3),
        "income_history": [{**h, "label": labels.label("income", h["group"])} for h in history],
        "income_changes": _income_changes(history),
    }


def _income_changes(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The income history as spans of years with one group (easier to read than 38 rows)."""
    spans: list[dict[str, Any]] = []
    for row in history:
        if spans and spans[-1]["group"] == row["group"]:
            spans[-1]["to"] = row["fiscal_year"]
        else:
            spans.append(
                {
                    "from": row["fiscal_year"],
                    "to": row["fiscal_year"],
                    "group": row["group"],
                    "label": labels.label("income", row["group"]),
                }
            )
    return spans


def home_data() -> dict[str, Any]:
    names = country_names()
    counts = pages.origin_counts()
    return {
        "headline": pages.headline(),
        "since_2019": since_2019_data(),
        "inventories": {
            **(found := pages.inventories()),
            "labels": {k: labels.label("inventory", k) for k in found["counts"]},
        },
        "top_origins": [
            {"iso3": c, "name": names.get(c, c), "count": n, "url": country_url(c)}
            for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], names.get(kv[0], kv[0])))
        ],
        "recent_changes": [
            {
                **change,
                "records": [{**r, "url": _entity_url(str(r["id"]))} for r in change["records"]],
            }
            for change in pages.recent_changes()
        ],
    }


def since_2019_data() -> dict[str, Any]:
    """The since-2019 numbers (store.websites, one source), with a directory link per group."""
    found = websites.since_2019()
    for group in found["groups"]:
        group["count"] = found["total"][group["group"]]
        group["href"] = f"/organisations/?website_today={group['group']}"
    return found


def _entity_url(entity_id: str) -> str:
    return office_url(entity_id) if entity_id.startswith("off-") else org_url(entity_id)


def fiscal_year_choices() -> list[int]:
    return list(reversed(fiscal_years()))
