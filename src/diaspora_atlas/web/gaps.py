"""The gap analysis page and its JSON twin: read from the build's results (web.audit.results),
the same numbers as results.json, the report and tables/gaps-largest.csv."""

from __future__ import annotations

from typing import Any

from diaspora_atlas.refdata import countries
from diaspora_atlas.web.audit import results


def _name(iso3: str) -> str:
    found = countries().get(iso3)
    return found.name if found else iso3


def _ranked(gap: dict[str, Any], hosts: list[str]) -> dict[str, Any]:
    stocks = {c["host_iso3"]: c["foreign_trained_doctors"] for c in gap["cells"]}
    return {
        "rank": gap["rank"],
        "iso3": gap["origin_iso3"],
        "name": gap["name"],
        "url": f"/countries/{gap['origin_iso3']}/",
        "stock": gap["foreign_trained_doctors_in_hosts_with_figure"],
        "by_host": [{"host_iso3": h, **stocks[h]} for h in hosts],
        "doctors_per10000": gap["doctors_per10000"],
        "caveat": gap["caveat"],
    }


def _completeness(found: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for design, result in found.get("designs", {}).items():
        for host, e in result["by_host"].items():
            rows.append({"host_iso3": host, "host_name": _name(host), "design": design,
                         "title": found["design_titles"][design], **e})  # fmt: skip
    return rows


def gaps_data() -> dict[str, Any]:
    """The ranked list with the figures behind each rank, the statuses, completeness."""
    found = results()
    gaps = found.get("gaps")
    if not gaps:
        return {"available": False, "ranked": [], "completeness": []}
    hosts = list(gaps["hosts"])
    completeness = found.get("completeness", {})
    return {
        "available": True,
        "fiscal_year": gaps["fiscal_year"],
        "hosts": [{"iso3": h, "name": _name(h), "figures": gaps["host_figures"][h]} for h in hosts],
        "lmics": gaps["lmics"],
        "lmics_with_organisations": gaps["lmics_with_organisations"],
        "cells_by_status": gaps["cells_by_status"],
        "search_runs": gaps["search_runs"],
        "search_note": gaps["search_note"],
        "ranking_rule": gaps["ranking_rule"],
        "ranked": [_ranked(g, hosts) for g in gaps["largest"]],
        "completeness": _completeness(completeness),
        "completeness_note": completeness.get("note", ""),
        "assumptions": completeness.get("assumptions", []),
        "sources": gaps["sources"],
        "licence": gaps["licence"],
        "downloads": [
            "tables/gaps-largest.csv",
            "tables/gaps-lmic-host.csv",
            "tables/completeness-by-host.csv",
            "tables.xlsx",
        ],
    }
