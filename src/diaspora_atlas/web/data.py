"""What the home page and the organisation directory show, as plain data: the HTML page
renders it, its JSON twin returns it, and the API validates it against a schema. Records
(organisations, offices) are built in ``web.records``, countries in ``web.countries``."""

from __future__ import annotations

import math
from typing import Any

from diaspora_atlas.protocol import protocols_holding
from diaspora_atlas.refdata import fiscal_years
from diaspora_atlas.store import pages, websites
from diaspora_atlas.store.directory import FACETS, Selection
from diaspora_atlas.web import labels
from diaspora_atlas.web.facts import country_names
from diaspora_atlas.web.find.service import plan_data, select, select_all
from diaspora_atlas.web.numbers import fiscal_year_data, numbers, origin_counts, release
from diaspora_atlas.web.queries import selection_query, toggled_query
from diaspora_atlas.web.scope import site_protocol

# Loads of these datasets are computed from other statements (places located, countries
# read from names): not news, so "what changed lately" leaves them out.
DERIVED_DATASETS = frozenset({"geocode", "name_inference", "refdata"})
LIST_FORMATS = {
    "html": "/organisations/",
    "json": "/organisations.json",
    "api": "/api/organisations",
}


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
    if facet == "continent":
        return value
    return labels.label(facet, value)


def _facet_values(selection: Selection, facet: str, counts: dict[str, int]) -> list[dict[str, Any]]:
    chosen = selection.filters.get(facet, ())
    query = toggled_query(selection)
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
                "href": "/organisations/?" + query(facet, toggled),
            }
        )
    values.sort(key=lambda v: (not v["selected"], -int(v["count"]), str(v["label"])))
    return values


def facets_data(selection: Selection, counts: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    return [
        {
            "facet": facet,
            "title": labels.FACET_TITLES.get(facet, labels.label("property", facet))
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


def _links(selection: Selection, pages_count: int, fmt: str) -> dict[str, str | None]:
    """Links of a list page; ``self``, ``next`` and ``prev`` in the format asked for (a JSON
    twin's pagination points to JSON, the API's to the API)."""
    here = LIST_FORMATS[fmt]

    def page_link(page: int) -> str | None:
        if not 1 <= page <= pages_count or page == selection.page:
            return None
        return f"{here}?" + selection_query(selection, page=page)

    base = selection_query(selection, page=None)
    return {
        "self": f"{here}?" + selection_query(selection),
        "next": page_link(selection.page + 1),
        "prev": page_link(selection.page - 1),
        "html": "/organisations/?" + selection_query(selection),
        "json": "/organisations.json?" + selection_query(selection),
        "csv": "/organisations/export.csv?" + base,
        "export_json": "/organisations/export.json?" + base,
        "map": "/maps/?" + selection_query(selection, page=None, sort=None, per_page=None),
    }


def organisations_data(selection: Selection, fmt: str = "html") -> dict[str, Any]:
    found, read = select(selection)
    pages_count = max(1, math.ceil(found.total / selection.per_page))
    return {
        "query": query_data(selection),
        "search": plan_data(read),
        "total": found.total,
        "pages": pages_count,
        "results": [with_url(s) for s in found.results],
        "facets": facets_data(selection, found.facets),
        "fiscal_year": fiscal_year_data(selection.fiscal_year),
        "links": _links(selection, pages_count, fmt),
    }


def export_rows(selection: Selection) -> list[dict[str, Any]]:
    return [with_url(s) for s in select_all(selection)]


def _changes() -> list[dict[str, Any]]:
    shown = []
    for change in pages.recent_changes(exclude=DERIVED_DATASETS):
        shown.append(
            {
                "dataset": change["dataset"],
                "what": labels.label("dataset", change["dataset"]),
                "loaded_at": change["loaded_at"],
                "records_touched": change["records_touched"],
                "records": [{**r, "url": _entity_url(str(r["id"]))} for r in change["records"]],
            }
        )
    return shown


def home_data(fiscal_year: int) -> dict[str, Any]:
    names = country_names()
    counts = origin_counts()
    return {
        "numbers": numbers(),
        "release": release(),
        "fiscal_year": fiscal_year_data(fiscal_year),
        "since_2019": since_2019_data(),
        "inventories": inventories_data(),
        "top_origins": [
            {"iso3": c, "name": names.get(c, c), "count": n, "url": country_url(c)}
            for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], names.get(kv[0], kv[0])))
        ],
        "recent_changes": _changes(),
    }


def inventories_data() -> dict[str, Any]:
    """Organisations per inventory of the site's protocol, and the store's other inventories
    (served under another protocol: ``serve --protocol``)."""
    found = pages.inventories()
    shown = set(site_protocol().inventory_datasets)
    return {
        **found,
        "counts": {k: n for k, n in found["counts"].items() if k in shown},
        "elsewhere": {k: n for k, n in found["counts"].items() if k not in shown},
        "labels": {k: labels.label("inventory", k) for k in found["counts"]},
        "protocol": site_protocol().id,
        "served_by": protocols_holding(set(found["counts"]) - shown),
    }


def since_2019_data() -> dict[str, Any]:
    """The since-2019 numbers (store.websites, one source), with a directory link per group."""
    found = websites.since_2019(site_protocol().inventory_datasets)
    for group in found["groups"]:
        group["count"] = found["total"][group["group"]]
        group["href"] = f"/organisations/?website_today={group['group']}"
    return found


def _entity_url(entity_id: str) -> str:
    return office_url(entity_id) if entity_id.startswith("off-") else org_url(entity_id)


def fiscal_year_choices() -> list[int]:
    return list(reversed(fiscal_years()))
