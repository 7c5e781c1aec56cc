"""Health-workforce reference figures: WHO doctor density and OECD foreign-trained doctors.

Read lazily from ``data/workforce/`` (derived by ``scripts/derive_workforce.py``; provenance
and licences in ``data/workforce/SOURCES.md`` and ``dataset.yaml``). The WHO figures are
CC BY-NC-SA 3.0 IGO: non-commercial use only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

import yaml

from diaspora_atlas.errors import DataFileError
from diaspora_atlas.refdata.paths import data_dir
from diaspora_atlas.refdata.tables import parse_table, require

HINT = (
    "re-run `python scripts/derive_workforce.py --shared ../shared` "
    "or restore the folder from git (`git checkout -- data/workforce/`)"
)
WHO = "who_doctors_per10000"
OECD = "oecd_foreign_trained_doctors"


@dataclass(frozen=True)
class WorkforceSource:
    key: str
    title: str
    publisher: str
    url: str
    licence: str
    licence_note: str


@dataclass(frozen=True)
class DoctorDensity:
    """Medical doctors per 10,000 people in the latest year WHO has a figure for."""

    iso3: str
    per10000: float
    year: int


@dataclass(frozen=True)
class ForeignTrainedDoctors:
    """Doctors trained in ``origin_iso3`` working in ``host_iso3`` (OECD stock)."""

    host_iso3: str
    origin_iso3: str
    year: int
    stock: int


def workforce_dir() -> Path:
    return data_dir() / "workforce"


@cache
def sources() -> Mapping[str, WorkforceSource]:
    """The two sources' metadata (title, publisher, URL, licence) from dataset.yaml."""
    path = workforce_dir() / "dataset.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return MappingProxyType(
            {
                key: WorkforceSource(
                    key, v["title"], v["publisher"], v["url"], v["licence"], v["licence_note"]
                )
                for key, v in raw.items()
            }
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise DataFileError(
            f"workforce metadata {path} is missing or malformed ({exc})", HINT
        ) from exc


def _density(row: dict[str, str]) -> DoctorDensity:
    require(len(row["iso3"]) == 3, f"bad iso3 {row['iso3']!r}")
    value = float(row["value"])
    require(value >= 0, f"negative density {value}")
    return DoctorDensity(row["iso3"], value, int(row["year"]))


def _stock(row: dict[str, str]) -> ForeignTrainedDoctors:
    stock = int(row["stock"])
    require(stock >= 0, f"negative stock {stock}")
    return ForeignTrainedDoctors(row["host_iso3"], row["origin_iso3"], int(row["year"]), stock)


@cache
def doctor_densities() -> Mapping[str, DoctorDensity]:
    """ISO3 -> the latest WHO figure of medical doctors per 10,000 people."""
    path = workforce_dir() / f"{WHO}.csv"
    rows = parse_table(path, ("iso3", "value", "year"), _density, HINT)
    return MappingProxyType({r.iso3: r for r in rows})


@cache
def foreign_trained_doctors() -> Mapping[tuple[str, str], ForeignTrainedDoctors]:
    """(host ISO3, origin ISO3) -> the OECD stock of doctors trained in origin working in host."""
    path = workforce_dir() / f"{OECD}.csv"
    columns = ("host_iso3", "origin_iso3", "year", "stock")
    rows = parse_table(path, columns, _stock, HINT)
    return MappingProxyType({(r.host_iso3, r.origin_iso3): r for r in rows})


@cache
def oecd_origins(host_iso3: str) -> frozenset[str]:
    """The origins for which the OECD gives a figure in that host (empty: the host reports none)."""
    return frozenset(o for h, o in foreign_trained_doctors() if h == host_iso3)


def _caveat(row: dict[str, str]) -> tuple[str, str]:
    require(len(row["iso3"]) == 3 and bool(row["note"]), "a caveat needs an iso3 and a note")
    return row["iso3"], f"{row['note']} ({row['source_url']})" if row["source_url"] else row["note"]


@cache
def caveats() -> Mapping[str, str]:
    """ISO3 -> why its figures need care (e.g. offshore medical schools), from caveats.csv."""
    path = workforce_dir() / "caveats.csv"
    return MappingProxyType(dict(parse_table(path, ("iso3", "note", "source_url"), _caveat, HINT)))


def clear_caches() -> None:
    for cached in (sources, doctor_densities, foreign_trained_doctors, oecd_origins, caveats):
        cached.cache_clear()
