"""Countries and territories: ISO 3166-1 plus Kosovo and the World Bank's Channel Islands."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from diaspora_atlas.errors import UnknownCountryError
from diaspora_atlas.refdata.tables import data_error, parse_rows, require, table_path

COUNTRIES_FILE = "countries.csv"
UN_REGIONS = frozenset({"Africa", "Americas", "Asia", "Europe", "Oceania"})
PAPER_CONTINENTS = frozenset({"Asia", "Africa", "America", "Europe"})
_COLUMNS = (
    "iso3",
    "iso2",
    "name",
    "official_name",
    "un_region",
    "un_subregion",
    "wb_region",
    "paper_continent",
    "is_wb_economy",
)


@dataclass(frozen=True)
class Country:
    """One country or territory, as bundled in data/refdata/countries.csv."""

    iso3: str
    iso2: str
    name: str
    official_name: str
    un_region: str
    un_subregion: str
    wb_region: str
    paper_continent: str
    is_wb_economy: bool


def _parse(row: dict[str, str]) -> Country:
    require(bool(re.fullmatch(r"[A-Z]{3}", row["iso3"])), f"bad iso3 {row['iso3']!r}")
    require(bool(re.fullmatch(r"(?:[A-Z]{2})?", row["iso2"])), f"bad iso2 {row['iso2']!r}")
    require(bool(row["name"].strip()), f"{row['iso3']} has no name")
    require(row["un_region"] in UN_REGIONS | {""}, f"bad un_region {row['un_region']!r}")
    require(
        row["paper_continent"] in PAPER_CONTINENTS | {""},
        f"bad paper_continent {row['paper_continent']!r}",
    )
    require(row["is_wb_economy"] in ("0", "1"), f"bad is_wb_economy {row['is_wb_economy']!r}")
    return Country(
        iso3=row["iso3"],
        iso2=row["iso2"],
        name=row["name"],
        official_name=row["official_name"] or row["name"],
        un_region=row["un_region"],
        un_subregion=row["un_subregion"],
        wb_region=row["wb_region"],
        paper_continent=row["paper_continent"],
        is_wb_economy=row["is_wb_economy"] == "1",
    )


@cache
def countries() -> Mapping[str, Country]:
    """Every bundled country by ISO3 code (read once, on first use)."""
    by_code: dict[str, Country] = {}
    for item in parse_rows(COUNTRIES_FILE, _COLUMNS, _parse):
        if item.iso3 in by_code:
            raise data_error(table_path(COUNTRIES_FILE), f"is corrupted: {item.iso3} appears twice")
        by_code[item.iso3] = item
    return MappingProxyType(by_code)


def country(iso3: str) -> Country:
    """The country with this ISO3 code (any case); UnknownCountryError if there is none."""
    found = countries().get(iso3.strip().upper())
    if found is None:
        raise UnknownCountryError(iso3, [])
    return found
