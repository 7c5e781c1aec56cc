"""One country's page (as an origin: its diaspora's organisations abroad, its government
diaspora bodies, its income group; as a host), several countries side by side, and the
host × origin matrix."""

from __future__ import annotations

from collections import Counter
from typing import Any

from diaspora_atlas.report.profiles import country_profile
from diaspora_atlas.store import pages
from diaspora_atlas.web import labels
from diaspora_atlas.web.audit import results
from diaspora_atlas.web.find.service import index
from diaspora_atlas.web.numbers import fiscal_year_data
from diaspora_atlas.web.offices import offices_of
from diaspora_atlas.web.queries import CompareQuery
from diaspora_atlas.web.scope import site_protocol


def org_url(org_id: str) -> str:
    return f"/organisations/{org_id}/"


def _with_url(summary: dict[str, Any]) -> dict[str, Any]:
    return {**summary, "url": org_url(str(summary["id"]))}


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


def _roles(organisations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    counted = Counter(r for o in organisations for r in o.get("roles", []))
    return [
        {"role": r, "label": labels.label("role", r), "count": n}
        for r, n in sorted(counted.items(), key=lambda kv: (-kv[1], labels.label("role", kv[0])))
    ]


def country_data(iso3: str, fiscal_year: int) -> dict[str, Any] | None:
    found = pages.country(iso3, site_protocol().inventory_datasets)
    if found is None:
        return None
    origin = found["as_origin"]
    abroad: list[dict[str, Any]] = []
    for group in origin["by_host"]:
        group["organisations"] = [_with_url(s) for s in group["organisations"]]
        group["url"] = f"/organisations/?origin={iso3}&host={group['host_iso3']}"
        abroad += group["organisations"]
    origin["offices"] = offices_of(origin["offices"])
    origin["roles"] = _roles(abroad)
    hosted = found["as_host"]
    hosted["organisations"] = [_with_url(s) for s in hosted["organisations"]]
    history = found["income_history"]
    in_year = next((h["group"] for h in history if h["fiscal_year"] == fiscal_year), "")
    return {
        **found,
        "fiscal_year": fiscal_year_data(fiscal_year),
        "synthesis": country_profile(results(), iso3),
        "income_in_year": {
            "group": in_year,
            "label": labels.label("income", in_year) if in_year else "Not classified",
        },
        "income_history": [{**h, "label": labels.label("income", h["group"])} for h in history],
        "income_changes": _income_changes(history),
    }


def compare_data(query: CompareQuery) -> dict[str, Any]:
    """Several countries side by side: the same rows for each."""
    compared = []
    for iso3 in query.countries:
        found = country_data(iso3, query.fiscal_year)
        if found is None:
            continue
        origin = found["as_origin"]
        compared.append(
            {
                "iso3": iso3,
                "name": found["country"]["name"],
                "url": f"/countries/{iso3}/",
                "region": found["country"]["region"],
                "income": found["income_in_year"],
                "organisations": origin["total"],
                "organisations_url": f"/organisations/?origin={iso3}",
                "by_host": {g["host_iso3"]: len(g["organisations"]) for g in origin["by_host"]},
                "roles": {r["role"]: r["count"] for r in origin["roles"]},
                "government_bodies": [
                    {"name": o["now"]["name"], "url": o["url"], "type": o["now"]["type_label"]}
                    for o in origin["offices"]
                    if o["is_government_body"]
                ],
                "hosted": found["as_host"]["total"],
            }
        )
    names = pages.country_names()
    hosts = sorted({h for c in compared for h in c["by_host"]}, key=lambda h: names.get(h, h))
    roles = sorted({r for c in compared for r in c["roles"]}, key=lambda r: labels.label("role", r))
    return {
        "query": {"country": list(query.countries)},
        "fiscal_year": fiscal_year_data(query.fiscal_year),
        "countries": compared,
        "hosts": [{"iso3": h, "name": names.get(h, h)} for h in hosts],
        "roles": [{"role": r, "label": labels.label("role", r)} for r in roles],
        "choices": [
            {"iso3": c["iso3"], "name": c["name"]}
            for c in pages.countries_overview(query.fiscal_year, site_protocol().inventory_datasets)
            if c["organisations_from"] or c["government_bodies"]
        ],
    }


def matrix_data() -> dict[str, Any]:
    """Organisations by origin (rows) and host (columns), each cell linking to its list."""
    names = pages.country_names()
    cells: Counter[tuple[str, str]] = Counter()
    for doc in index().docs:
        for origin in doc.origins:
            cells[(origin, doc.host)] += 1
    hosts = sorted(
        {h for _, h in cells}, key=lambda h: -sum(n for (_, x), n in cells.items() if x == h)
    )
    origins = sorted({o for o, _ in cells}, key=lambda o: names.get(o, o))
    rows = []
    for o in origins:
        counts = [cells.get((o, h), 0) for h in hosts]
        rows.append(
            {
                "iso3": o,
                "name": names.get(o, o),
                "url": f"/countries/{o}/",
                "cells": [
                    {
                        "host": h,
                        "count": n,
                        "url": f"/organisations/?origin={o}&host={h}" if n else "",
                    }
                    for h, n in zip(hosts, counts, strict=True)
                ],
                "total": sum(counts),
            }
        )
    return {
        "hosts": [
            {
                "iso3": h,
                "name": names.get(h, h),
                "total": sum(n for (_, x), n in cells.items() if x == h),
                "url": f"/organisations/?host={h}",
            }
            for h in hosts
        ],
        "origins": rows,
        "total": len(index().docs),
        "note": "An organisation of several origin countries is counted once under each.",
    }
