"""A country's synthesis profile: the focus mix of its organisations, its health-workforce
figures and its gap verdict, with sources. One builder, over the build's results, for the web
country page and the report's country profiles."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from diaspora_atlas.refdata import countries, country
from diaspora_atlas.refdata.workforce import doctor_densities, foreign_trained_doctors
from diaspora_atlas.report.gap_results import licence_note, workforce_sources
from diaspora_atlas.synthesise.gaps import FOUND, NOT_SEARCHED, density_figure, stock_figure

STATUS_WORDS = {
    FOUND: "organisations found",
    "searched_none_found": "searched, none found",
    NOT_SEARCHED: "not searched",
}


def _row(results: Mapping[str, Any], iso3: str) -> dict[str, Any] | None:
    rows = results.get("gaps", {}).get("rows", [])
    return next((r for r in rows if r["origin_iso3"] == iso3), None)


def _workforce(row: Mapping[str, Any] | None, iso3: str, hosts: list[str]) -> dict[str, Any]:
    """The figures the gap table holds; for a country outside it, the same functions' figures."""
    if row is not None:
        cells = [
            {"host_iso3": c["host_iso3"], **c["foreign_trained_doctors"]} for c in row["cells"]
        ]
        return {"doctors_per10000": row["doctors_per10000"], "foreign_trained": cells}
    stocks = foreign_trained_doctors()
    return {
        "doctors_per10000": density_figure(iso3, doctor_densities()).as_dict(),
        "foreign_trained": [
            {"host_iso3": h, **stock_figure(iso3, h, stocks).as_dict()} for h in hosts
        ],
    }


def _status(cell: Mapping[str, Any] | None) -> dict[str, Any]:
    if cell is None:  # not an LMIC: outside the gap analysis
        return {"status": "", "status_words": "", "organisations": 0, "searched_by": ""}
    return {
        "status": cell["status"],
        "status_words": STATUS_WORDS[cell["status"]],
        "organisations": len(cell["organisations"]),
        "searched_by": cell["searched_by"],
    }


def _host_name(iso3: str) -> str:
    return country(iso3).name


def _verdict(row: Mapping[str, Any] | None, rank: int | None, ranked: int, fy: int) -> str:
    if row is None:
        return f"not a low- or middle-income country in FY{fy}: outside the gap analysis"
    found = [c for c in row["cells"] if c["status"] == FOUND]
    if found:
        where = ", ".join(
            f"{_host_name(c['host_iso3'])} ({len(c['organisations'])})" for c in found
        )
        return f"organisations found in {where}"
    searched = [c for c in row["cells"] if c["status"] != NOT_SEARCHED]
    how = (
        "searched by " + "; ".join(sorted({c["searched_by"] for c in searched}))
        if searched
        else "not searched by any recorded search run"
    )
    text = f"no organisation found in any host ({how})"
    if rank is not None:
        text += f"; rank {rank} of {ranked} large medical diasporas with no organisation found"
    return text


def country_profile(results: Mapping[str, Any], iso3: str) -> dict[str, Any] | None:
    """The profile of ``iso3``, or None when the results have no synthesis for it."""
    gaps, focuses = results.get("gaps"), results.get("focuses")
    if not gaps or not focuses or iso3 not in countries():
        return None
    row, mix = _row(results, iso3), focuses.get("by_origin", {}).get(iso3)
    if row is None and mix is None:
        return None
    ranked = gaps.get("largest", [])
    rank = next((g["rank"] for g in ranked if g["origin_iso3"] == iso3), None)
    workforce = _workforce(row, iso3, list(gaps["hosts"]))
    cells = {c["host_iso3"]: c for c in (row["cells"] if row else [])}
    hosts = [
        {"host_iso3": f["host_iso3"], "host_name": _host_name(f["host_iso3"]),
         "foreign_trained": {k: v for k, v in f.items() if k != "host_iso3"},
         **_status(cells.get(f["host_iso3"]))}
        for f in workforce["foreign_trained"]
    ]  # fmt: skip
    return {
        "iso3": iso3,
        "name": country(iso3).name,
        "is_lmic": row is not None,
        "fiscal_year": gaps["fiscal_year"],
        "focus_mix": mix,
        "doctors_per10000": workforce["doctors_per10000"],
        "hosts": hosts,
        "caveat": row["caveat"] if row else "",
        "gap": {
            "verdict": _verdict(row, rank, len(ranked), gaps["fiscal_year"]),
            "rank": rank,
            "ranked": len(ranked),
            "ranking_rule": gaps["ranking_rule"],
        },
        "focus_note": focuses.get("note", ""),
        "sources": workforce_sources(),
        "licence": licence_note(),
    }
