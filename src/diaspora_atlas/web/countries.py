"""Countries for comparison: the table (sorts and filters), the host × origin matrix, several
countries side by side. Organisation counts come from the directory's index (the same
organisations the directory lists, so each count links to a list of that length);
government bodies are government bodies only (the headline number's definition)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from diaspora_atlas.store import pages
from diaspora_atlas.web import labels
from diaspora_atlas.web.cache import memo
from diaspora_atlas.web.find.index import Doc
from diaspora_atlas.web.find.service import index
from diaspora_atlas.web.numbers import fiscal_year_data, numbers
from diaspora_atlas.web.queries import CountryQuery
from diaspora_atlas.web.scope import site_protocol

SORT_FIELDS = {
    "name": "name",
    "region": "region",
    "income": "income_group",
    "organisations": "organisations_from",
    "hosted": "organisations_hosted",
    "bodies": "government_bodies",
    "roles": "roles_covered",
}


def hosts() -> list[str]:
    return list(site_protocol().host_iso3s)


def _in_scope(doc: Doc, query: CountryQuery) -> bool:
    roles = set(doc.summary.get("roles", []))
    return (not query.role or bool(roles & set(query.role))) and (
        not query.host or doc.host in query.host
    )


def _organisation_counts(query: CountryQuery) -> dict[str, dict[str, Any]]:
    """Per origin country: organisations in scope, by host, and the roles they cover."""
    found: dict[str, dict[str, Any]] = {}
    for doc in index().docs:
        if not _in_scope(doc, query):
            continue
        for iso3 in doc.origins:
            entry = found.setdefault(iso3, {"total": 0, "by_host": Counter(), "roles": Counter()})
            entry["total"] += 1
            entry["by_host"][doc.host] += 1
            entry["roles"].update(doc.summary.get("roles", []))
    return found


def _row(base: dict[str, Any], counts: dict[str, Any] | None) -> dict[str, Any]:
    counts = counts or {"total": 0, "by_host": Counter(), "roles": Counter()}
    group = base["income_group"]
    return {
        **base,
        "url": f"/countries/{base['iso3']}/",
        "income_label": labels.label("income", group) if group else "Not classified",
        "organisations_from": counts["total"],
        "by_host": {h: counts["by_host"].get(h, 0) for h in hosts()},
        "roles_covered": len(counts["roles"]),
        "organisations_url": f"/organisations/?origin={base['iso3']}",
    }


def _keep(row: dict[str, Any], query: CountryQuery) -> bool:
    if query.region and row["region"] not in query.region:
        return False
    if query.income and row["income_group"] not in query.income:
        return False
    if query.office and (row["government_bodies"] > 0) != (query.office == "yes"):
        return False
    return not (query.role or query.host) or row["organisations_from"] > 0


def _sort_key(row: dict[str, Any], key: str) -> Any:
    if key.startswith("in-"):
        return row["by_host"].get(key[3:], 0)
    return row[SORT_FIELDS[key]]


def _sorted(rows: list[dict[str, Any]], sort: str) -> list[dict[str, Any]]:
    key, reverse = sort.lstrip("-"), sort.startswith("-")
    rows = sorted(rows, key=lambda r: str(r["name"]))
    return sorted(rows, key=lambda r: _sort_key(r, key), reverse=reverse)


def _columns(query: CountryQuery) -> list[dict[str, Any]]:
    names = pages.country_names()
    columns = [(k, labels.label("country_column", k), k not in ("name", "region", "income"))
               for k in ("name", "region", "income", "organisations")]  # fmt: skip
    columns += [(f"in-{h}", f"In {names.get(h, h)}", True) for h in hosts()]
    columns += [(k, labels.label("country_column", k), True) for k in ("bodies", "roles")]
    shown = []
    for key, title, numeric in columns:
        current = query.sort.lstrip("-") == key
        descending = query.sort.startswith("-")
        flip = f"-{key}" if (current and not descending) or (not current and numeric) else key
        shown.append(
            {
                "key": key,
                "title": title + (f" (FY{query.fiscal_year})" if key == "income" else ""),
                "numeric": numeric,
                "sorted": ("descending" if descending else "ascending") if current else "",
                "href": "/countries/?" + query.query(sort=None if flip == "name" else flip),
            }
        )
    return shown


def countries_data(query: CountryQuery) -> dict[str, Any]:
    counts = _organisation_counts(query)
    base = memo(
        f"countries-{query.fiscal_year}",
        lambda: pages.countries_overview(query.fiscal_year, site_protocol().inventory_datasets),
    )
    rows = [_row(b, counts.get(b["iso3"])) for b in base]
    shown = _sorted([r for r in rows if _keep(r, query)], query.sort)
    return {
        "query": {
            "sort": query.sort,
            "region": list(query.region),
            "income": list(query.income),
            "office": query.office,
            "role": list(query.role),
            "host": list(query.host),
        },
        "total": len(shown),
        "fiscal_year": fiscal_year_data(query.fiscal_year),
        "numbers": numbers("origin_countries", "countries_with_government_body"),
        "hosts": [{"iso3": h, "name": pages.country_names().get(h, h)} for h in hosts()],
        "columns": _columns(query),
        "countries": shown,
        "links": {
            "csv": "/countries/export.csv?" + query.query(),
            "matrix": "/countries/matrix/",
        },
    }
