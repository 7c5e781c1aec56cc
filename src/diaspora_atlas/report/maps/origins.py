"""World map of the organisations' countries of origin (a choropleth of counts)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from diaspora_atlas.report.maps import style
from diaspora_atlas.report.maps.blocks import MARGIN, plural
from diaspora_atlas.report.maps.legend import scale_and_swatches, swatch_items
from diaspora_atlas.report.maps.projection import projected
from diaspora_atlas.report.maps.types import RenderedMap
from diaspora_atlas.report.maps.world import Fill, country_name, drawn_iso3s, world_map

KEY = "origins"
TITLE = "Countries of origin of the medical diaspora organisations"


def _fills(counts: Mapping[str, int], lmic: frozenset[str], names: Mapping[str, str],
           hrefs: Mapping[str, str], fiscal_year: int) -> dict[str, Fill]:  # fmt: skip
    fills = {}
    for item in projected("world", "EPSG:8857"):
        iso3 = item.area.id
        name = country_name(iso3, names, item.area.name)
        count = counts.get(iso3, 0)
        href = hrefs.get(iso3, "")
        if count:
            note = "" if iso3 in lmic else f" (not an LMIC in FY{fiscal_year})"
            fills[iso3] = Fill(style.count_colour(count), "has-organisations",
                               f"{name}: {plural(count)}{note}", href)  # fmt: skip
        elif iso3 in lmic:
            fills[iso3] = Fill(style.LMIC_NONE, "lmic-none", f"{name}: LMIC, none found", href)
        else:
            tip = f"{name}: not an LMIC in FY{fiscal_year}"
            fills[iso3] = Fill(style.OUT_OF_SCOPE, "not-lmic", tip, href, mark_small=False)
    return fills


def origin_map(
    counts: Mapping[str, int],
    lmic_iso3s: Collection[str],
    names: Mapping[str, str],
    hrefs: Mapping[str, str],
    fiscal_year: int,
    sources: Sequence[str],
) -> RenderedMap:
    """Organisations per origin country; LMICs of ``fiscal_year`` without any; the rest grey."""
    bad = {iso3: n for iso3, n in counts.items() if n < 0}
    if bad:
        raise ValueError(f"negative organisation counts: {bad}")
    lmic = frozenset(lmic_iso3s)
    present = {iso3: n for iso3, n in counts.items() if n > 0}
    fills = _fills(present, lmic, names, hrefs, fiscal_year)
    drawn = drawn_iso3s()
    stats = {
        "organisations": sum(present.values()),
        "countries with organisations": len(present),
        "LMIC with organisations": len(present.keys() & lmic),
        "LMIC without organisations": len(lmic - present.keys()),
        "non-LMIC with organisations": len(present.keys() - lmic),
        "not drawn": len((present.keys() | lmic) - drawn),
    }
    subtitle = (
        f"{plural(stats['organisations'])} from {plural(len(present), 'country', 'countries')}; "
        f"{stats['LMIC with organisations']} of the {len(lmic)} low- and middle-income "
        f"countries (LMICs) of FY{fiscal_year} have at least one."
    )
    top = sorted(present.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
    alt = f"World map of the countries of origin. {subtitle}"
    if top:
        alt += (
            " Most organisations: "
            + ", ".join(f"{country_name(c, names, c)} ({n})" for c, n in top)
            + "."
        )
    alt += (
        f" {stats['LMIC without organisations']} LMICs have none; countries that are not LMICs "
        f"in FY{fiscal_year} are grey."
    )
    scale = [(colour, style.class_label(low, high)) for low, high, colour in style.COUNT_CLASSES]
    swatches = [(style.LMIC_NONE, f"LMIC in FY{fiscal_year}, none found"),
                (style.OUT_OF_SCOPE, f"Not an LMIC in FY{fiscal_year}")]  # fmt: skip
    heading = "Organisations per country of origin"
    legend = scale_and_swatches(heading, scale, swatches, MARGIN, 0, 860)
    missing = sorted((present.keys() | lmic) - drawn)
    notes = ["Small countries are also drawn as circles."]
    outside = sorted(present.keys() - lmic)
    if outside:
        listed_names = ", ".join(country_name(c, names, c) for c in outside)
        notes.insert(
            0,
            f"Coloured by their organisations though not LMICs in FY{fiscal_year}: {listed_names}.",
        )
    if missing:
        listed = ", ".join(f"{country_name(c, names, c)} ({present.get(c, 0)})" for c in missing)
        notes.append(f"Not drawn (no boundary at this scale): {listed}.")
    no_data = Fill(style.OUT_OF_SCOPE, "no-data", "disputed area, no data", mark_small=False)
    svg, web = world_map(KEY, TITLE, subtitle, alt, fills, no_data, legend, sources, notes)
    return RenderedMap(KEY, TITLE, svg, alt, stats, swatch_items(heading, scale, swatches), web)
