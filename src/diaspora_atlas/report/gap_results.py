"""The gap analysis and the completeness estimates in the results (synthesise.gaps and
synthesise.completeness over the store's organisations and recorded search runs).

Every LMIC of the protocol's fiscal year x every host: organisations found, searched with
none found, or not searched, beside WHO doctors per 10,000 and OECD foreign-trained doctors;
the ranked list of large medical diasporas with no organisation found; and per host, how
many organisations exist by capture–recapture where two or more sources found some.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from diaspora_atlas.model.ids import PAPER_SOURCE_ID
from diaspora_atlas.protocol import Protocol
from diaspora_atlas.refdata import country
from diaspora_atlas.refdata.workforce import (
    OECD,
    WHO,
    caveats,
    doctor_densities,
    foreign_trained_doctors,
    oecd_origins,
    sources,
)
from diaspora_atlas.report.searches import SearchRuns
from diaspora_atlas.report.study import StudyView
from diaspora_atlas.synthesise.completeness import ASSUMPTIONS, NONE, estimate_by_host
from diaspora_atlas.synthesise.gaps import RANKING_RULE, GapRow, Placement, gap_table, largest_gaps

SEARCH_NOTE = (
    "A cell counts as searched only when a recorded search run (diaspora-atlas search) holds a "
    "finished query about the country. The 2019 paper says it searched every LMIC in the four "
    "hosts but published no query by country, so without a run every cell without an "
    "organisation is 'not searched'."
)


def licence_note() -> str:
    """The WHO figures' licence, shown wherever they are (pages, exports, report)."""
    who = sources()[WHO]
    return (
        f"WHO figures ({who.publisher}): {who.licence} — {who.licence_note}. "
        "Not for commercial use."
    )


def workforce_sources() -> list[dict[str, str]]:
    return [
        {"key": s.key, "title": s.title, "publisher": s.publisher, "url": s.url,
         "licence": s.licence, "licence_note": s.licence_note}
        for s in (sources()[WHO], sources()[OECD])
    ]  # fmt: skip


def host_figure_notes(hosts: tuple[str, ...]) -> dict[str, str]:
    """Per host, how far the OECD figures go (the USA reports none, Australia a few origins)."""
    notes = {}
    for host in hosts:
        reported, name = len(oecd_origins(host)), country(host).name
        notes[host] = (
            f"the OECD has no figures of foreign-trained doctors for {name}: every figure for it is missing"
            if not reported
            else f"{name} reports foreign-trained doctors for {reported} origins to the OECD (2018)"
        )
    return notes


def gap_rows(study: StudyView, protocol: Protocol, runs: SearchRuns) -> list[GapRow]:
    placements = [Placement(o.id, o.host_iso3, o.origin_iso3) for o in study.organisations]
    return gap_table(
        protocol.lmic_iso3s(), protocol.host_iso3s, placements, doctor_densities(),
        foreign_trained_doctors(), runs.coverage, caveats(),
    )  # fmt: skip


def gap_results(rows: list[GapRow], protocol: Protocol, runs: SearchRuns) -> dict[str, Any]:
    statuses = Counter(c.status for r in rows for c in r.cells)
    return {
        "fiscal_year": protocol.lmic.fiscal_year,
        "hosts": list(protocol.host_iso3s),
        "lmics": len(rows),
        "lmics_with_organisations": sum(1 for r in rows if r.organisations),
        "cells_by_status": dict(sorted(statuses.items())),
        "search_runs": list(runs.runs),
        "search_note": SEARCH_NOTE,
        "ranking_rule": RANKING_RULE,
        "host_figures": host_figure_notes(protocol.host_iso3s),
        "largest": largest_gaps(rows),
        "rows": [r.as_dict() for r in rows],
        "sources": workforce_sources(),
        "licence": licence_note(),
    }


def _verdict(sources_used: int, method: str) -> str:
    if method != NONE:
        return "estimated"
    return "not estimable: " + ("one source" if sources_used == 1 else "no source")


def _without_assumptions(estimate: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in estimate.items() if k != "assumptions"}  # stated once, above


def _design(
    incidence: Mapping[str, frozenset[str]],
    hosts_searched: Mapping[str, tuple[str, ...]],
    host_of: Mapping[str, str],
    found: Mapping[str, int],
) -> dict[str, Any]:
    known = {s: frozenset(o for o in ids if o in host_of) for s, ids in incidence.items()}
    estimates = estimate_by_host(known, host_of, hosts_searched)
    by_host = {}
    for host, count in found.items():
        est = estimates.get(host)
        used = len(est.sources) if est else 0
        by_host[host] = {
            "found_in_inventory": count,
            "verdict": _verdict(used, est.method if est else NONE),
            **(_without_assumptions(est.as_dict()) if est else {"sources": [], "method": NONE}),
        }
    return {"sources": sorted(incidence), "by_host": by_host}


def completeness_results(study: StudyView, protocol: Protocol, runs: SearchRuns) -> dict[str, Any]:
    """Per host: the organisations found beside the number estimated to exist."""
    host_of = {o.id: o.host_iso3 for o in study.organisations if o.host_iso3}
    found = {
        h: sum(1 for o in study.organisations if o.host_iso3 == h) for h in protocol.host_iso3s
    }
    paper = frozenset(o.id for o in study.organisations if o.paper_row is not None)
    paper_hosts = next(
        (i.hosts for i in protocol.inventories if i.dataset == PAPER_SOURCE_ID), ()
    ) or tuple(sorted({host_of[o] for o in paper if o in host_of}))
    incidence = {
        PAPER_SOURCE_ID: paper,
        **{f"search-{r}": ids for r, ids in runs.found_by_run.items()},
    }
    searched = {
        PAPER_SOURCE_ID: tuple(paper_hosts),
        **{f"search-{r}": h for r, h in runs.hosts_by_run.items()},
    }
    outside = {o for ids in runs.found_by_run.values() for o in ids if o not in host_of}
    designs = {
        "paper_and_searches": _design(incidence, searched, host_of, found),
        "engines": _design(dict(runs.found_by_engine), runs.hosts_by_engine, host_of, found),
    }
    return {
        "designs": designs,
        "design_titles": {
            "paper_and_searches": "the 2019 paper and each 2026 search run as sources",
            "engines": "the engines within the 2026 search runs as sources",
        },
        "found_outside_inventory": len(outside),
        "assumptions": list(ASSUMPTIONS),
        "note": "Organisations found by a search count once they are linked to the inventory "
        "(a candidate's inventory_match, or a new organisation's found_by in dataset "
        "update2026); until then only the 2019 paper is a source.",
    }
