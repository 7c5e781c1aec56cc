"""World map of the gap analysis: LMICs with no medical diaspora organisation found, shaded by
the doctors trained there who work in the hosts that report a figure (OECD)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from diaspora_atlas.report.maps import style
from diaspora_atlas.report.maps.blocks import MARGIN
from diaspora_atlas.report.maps.legend import scale_and_swatches, swatch_items
from diaspora_atlas.report.maps.projection import projected
from diaspora_atlas.report.maps.types import RenderedMap
from diaspora_atlas.report.maps.world import Fill, country_name, drawn_iso3s, world_map

KEY = "gaps"
TITLE = "Large medical diasporas with no organisation found"
FOUND_FILL = "#56b4e9"  # Okabe-Ito sky blue: organisations found
# Doctors trained in the country working in the hosts with a figure: YlOrRd, 4 classes.
STOCK_CLASSES: tuple[tuple[int, int | None, str], ...] = (
    (1, 99, "#fed98e"),
    (100, 299, "#fe9929"),
    (300, 999, "#d95f0e"),
    (1000, None, "#993404"),
)


@dataclass(frozen=True)
class GapCountry:
    iso3: str
    organisations: int
    stock: int  # in the hosts that report a figure
    has_figure: bool  # some host reports a figure for it
    rank: int | None  # in the ranked list of large diasporas with none found


def stock_colour(stock: int) -> str:
    for low, high, colour in STOCK_CLASSES:
        if stock >= low and (high is None or stock <= high):
            return colour
    return style.LMIC_NONE


def _fill(c: GapCountry, name: str, href: str) -> Fill:
    if c.organisations:
        return Fill(FOUND_FILL, "found", f"{name}: {c.organisations} organisation(s) found", href)
    if not c.has_figure or not c.stock:
        why = "no host reports its doctors" if not c.has_figure else "0 doctors reported"
        return Fill(style.LMIC_NONE, "none-no-figure", f"{name}: none found; {why}", href)
    rank = f" (rank {c.rank})" if c.rank else ""
    tip = f"{name}: none found; {c.stock:,} doctors trained there work in the hosts{rank}"
    return Fill(stock_colour(c.stock), "none-found", tip, href)


def _fills(
    countries: Sequence[GapCountry],
    names: Mapping[str, str],
    hrefs: Mapping[str, str],
    fiscal_year: int,
) -> dict[str, Fill]:
    by_iso3 = {c.iso3: c for c in countries}
    fills: dict[str, Fill] = {}
    for item in projected("world", "EPSG:8857"):
        iso3 = item.area.id
        name, href = country_name(iso3, names, item.area.name), hrefs.get(iso3, "")
        if iso3 in by_iso3:
            fills[iso3] = _fill(by_iso3[iso3], name, href)
        else:
            tip = f"{name}: not an LMIC in FY{fiscal_year}"
            fills[iso3] = Fill(style.OUT_OF_SCOPE, "not-lmic", tip, href, mark_small=False)
    return fills


def gap_map(
    countries: Sequence[GapCountry],
    names: Mapping[str, str],
    hrefs: Mapping[str, str],
    fiscal_year: int,
    notes: Sequence[str],
    sources: Sequence[str],
) -> RenderedMap:
    """Every LMIC of ``fiscal_year``: organisations found, or none found shaded by the stock."""
    fills = _fills(countries, names, hrefs, fiscal_year)
    ranked = sorted((c for c in countries if c.rank), key=lambda c: c.rank or 0)
    none = [c for c in countries if not c.organisations]
    stats = {
        "lmics": len(countries),
        "with organisations": len(countries) - len(none),
        "none found": len(none),
        "ranked": len(ranked),
        "not drawn": len({c.iso3 for c in countries} - drawn_iso3s()),
    }
    subtitle = (
        f"{len(none)} of the {len(countries)} low- and middle-income countries of FY{fiscal_year} "
        f"have no organisation found in any host; {len(ranked)} of them are ranked by the doctors "
        "trained there who work in the hosts that report a figure."
    )
    top = ", ".join(
        f"{c.rank}. {country_name(c.iso3, names, c.iso3)} ({c.stock:,})" for c in ranked[:10]
    )
    alt = f"World map of the gap analysis. {subtitle} Largest: {top}." if top else subtitle
    scale = [(colour, f"{low:,}+" if high is None else f"{low:,}–{high:,}")
             for low, high, colour in STOCK_CLASSES]  # fmt: skip
    swatches = [(FOUND_FILL, "Organisations found"),
                (style.LMIC_NONE, "None found; 0 or no figure"),
                (style.OUT_OF_SCOPE, f"Not an LMIC in FY{fiscal_year}")]  # fmt: skip
    heading = "None found: doctors trained there working in the hosts (OECD 2018)"
    legend = scale_and_swatches(heading, scale, swatches, MARGIN, 0, 860)
    lines = [
        f"Largest: {top}." if top else "",
        *notes,
        "Small countries are also drawn as circles.",
    ]
    no_data = Fill(style.OUT_OF_SCOPE, "no-data", "disputed area, no data", mark_small=False)
    svg, web = world_map(
        KEY, TITLE, subtitle, alt, fills, no_data, legend, sources, [n for n in lines if n]
    )
    return RenderedMap(KEY, TITLE, svg, alt, stats, swatch_items(heading, scale, swatches), web)
