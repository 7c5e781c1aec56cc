"""The gap analysis: for each LMIC and host, organisations found beside the workforce figures.

Pure functions: the caller gives the LMICs and hosts (from the protocol), the organisations
(id, host, origins), which (origin, host) pairs a search covered, and the workforce tables
(``refdata.workforce``). A figure that does not exist says why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from diaspora_atlas.refdata import country
from diaspora_atlas.refdata.workforce import DoctorDensity, ForeignTrainedDoctors

FOUND = "found"
SEARCHED_NONE_FOUND = "searched_none_found"
NOT_SEARCHED = "not_searched"

RANKING_RULE = (
    "LMICs with no organisation found in any of the hosts, ranked by the total number of "
    "doctors trained there and working in the hosts that report a figure (OECD, 2018), "
    "largest first; ties broken by fewer doctors per 10,000 people at home (WHO), then by ISO3"
)


@dataclass(frozen=True)
class Placement:
    """Where an organisation is: its host and its origin countries."""

    id: str
    host_iso3: str
    origin_iso3: tuple[str, ...]


@dataclass(frozen=True)
class Figure:
    value: float | None
    year: int | None
    source: str
    reason: str = ""  # why there is no figure

    def as_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "year": self.year,
            "source": self.source,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class GapCell:
    origin_iso3: str
    host_iso3: str
    status: str  # found | searched_none_found | not_searched
    organisations: tuple[str, ...]
    searched_by: str
    foreign_trained: Figure

    def as_dict(self) -> dict[str, Any]:
        return {
            "origin_iso3": self.origin_iso3,
            "host_iso3": self.host_iso3,
            "status": self.status,
            "organisations": list(self.organisations),
            "searched_by": self.searched_by,
            "foreign_trained_doctors": self.foreign_trained.as_dict(),
        }


@dataclass(frozen=True)
class GapRow:
    origin_iso3: str
    doctors_per10000: Figure
    cells: tuple[GapCell, ...]
    caveat: str = ""

    @property
    def organisations(self) -> tuple[str, ...]:
        return tuple(o for c in self.cells for o in c.organisations)

    @property
    def stock_reported(self) -> int:
        """Doctors trained in the origin working in the hosts that report a figure."""
        return int(sum(c.foreign_trained.value or 0 for c in self.cells))

    @property
    def hosts_with_figure(self) -> tuple[str, ...]:
        return tuple(c.host_iso3 for c in self.cells if c.foreign_trained.value is not None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "origin_iso3": self.origin_iso3,
            "name": country(self.origin_iso3).name,
            "organisations": len(self.organisations),
            "doctors_per10000": self.doctors_per10000.as_dict(),
            "foreign_trained_doctors_in_hosts_with_figure": self.stock_reported,
            "hosts_with_figure": list(self.hosts_with_figure),
            "cells": [c.as_dict() for c in self.cells],
            "caveat": self.caveat,
        }


def density_figure(iso3: str, densities: Mapping[str, DoctorDensity]) -> Figure:
    found = densities.get(iso3)
    if found is None:
        return Figure(None, None, "WHO", "WHO gives no figure of medical doctors per 10,000 for it")
    return Figure(found.per10000, found.year, "WHO")


def stock_figure(
    origin: str, host: str, stocks: Mapping[tuple[str, str], ForeignTrainedDoctors]
) -> Figure:
    found = stocks.get((host, origin))
    if found is not None:
        return Figure(found.stock, found.year, "OECD")
    reported = {o for h, o in stocks if h == host}
    name = country(host).name
    if not reported:
        reason = f"the OECD has no figures of foreign-trained doctors for {name}"
    else:
        reason = f"{name} reports foreign-trained doctors for {len(reported)} origins to the OECD, not this one"
    return Figure(None, None, "OECD", reason)


def gap_table(
    lmics: Iterable[str],
    hosts: Sequence[str],
    organisations: Iterable[Placement],
    densities: Mapping[str, DoctorDensity],
    stocks: Mapping[tuple[str, str], ForeignTrainedDoctors],
    coverage: Mapping[tuple[str, str], str] | None = None,
    caveats: Mapping[str, str] | None = None,
) -> list[GapRow]:
    """One row per LMIC, one cell per host.

    ``coverage``: (origin, host) -> the search that covered it (default: nothing searched);
    ``caveats``: ISO3 -> why its figures need care (``refdata.workforce.caveats()``).
    """
    found: dict[tuple[str, str], list[str]] = {}
    for org in organisations:
        for origin in org.origin_iso3:
            found.setdefault((origin, org.host_iso3), []).append(org.id)
    covered = coverage or {}
    rows = []
    for origin in sorted(set(lmics)):
        cells = []
        for host in hosts:
            ids = tuple(sorted(found.get((origin, host), ())))
            searched_by = covered.get((origin, host), "")
            status = FOUND if ids else SEARCHED_NONE_FOUND if searched_by else NOT_SEARCHED
            cells.append(
                GapCell(origin, host, status, ids, searched_by, stock_figure(origin, host, stocks))
            )
        caveat = (caveats or {}).get(origin, "")
        rows.append(GapRow(origin, density_figure(origin, densities), tuple(cells), caveat))
    return rows


def _rank_key(row: GapRow) -> tuple[int, float, str]:
    density = row.doctors_per10000.value
    return (-row.stock_reported, density if density is not None else float("inf"), row.origin_iso3)


def largest_gaps(rows: Iterable[GapRow], limit: int | None = None) -> list[dict[str, Any]]:
    """Large medical diasporas with no organisation found, ranked by RANKING_RULE."""
    without = sorted(
        (r for r in rows if not r.organisations and r.hosts_with_figure), key=_rank_key
    )
    out = []
    for rank, row in enumerate(without[:limit] if limit else without, start=1):
        out.append({"rank": rank, **row.as_dict(), "ranking_rule": RANKING_RULE})
    return out
