"""World map of LMIC governments' diaspora offices, coloured by institution type."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence

from diaspora_atlas.report.maps import style
from diaspora_atlas.report.maps.blocks import MARGIN, plural
from diaspora_atlas.report.maps.legend import scale_and_swatches, swatch_items
from diaspora_atlas.report.maps.projection import projected
from diaspora_atlas.report.maps.types import RenderedMap
from diaspora_atlas.report.maps.world import Fill, country_name, drawn_iso3s, world_map

KEY = "offices"
TITLE = "Government diaspora offices of low- and middle-income countries"
# A country with bodies of several types takes the colour of its highest-ranking type, in this
# order: a ministry first, then a department (of a ministry), then agencies and offices...
PRECEDENCE = ("ministry", "department", "agency", "bureau", "office", "council", "committee",
              "institute", "programme", "other", "not_government")  # fmt: skip
# Types sharing a colour (Okabe-Ito, colour-blind safe): eleven hues could not be told apart.
GROUPS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("ministry",), "#0072b2"),
    (("department",), "#56b4e9"),
    (("agency", "bureau", "office"), "#009e73"),
    (("council", "committee"), "#e69f00"),
    (("institute", "programme"), "#cc79a7"),
    (("other",), "#f0e442"),
    (("not_government",), "#d55e00"),
)
LABELS = {"not_government": "not a government body", "other": "other government body"}


def _group(kind: str) -> tuple[tuple[str, ...], str]:
    return next(g for g in GROUPS if kind in g[0])


def _ranked(kinds: Sequence[str]) -> list[str]:
    unknown = sorted({k for k in kinds if k not in PRECEDENCE})
    if unknown:
        raise ValueError(f"unknown institution type(s) {unknown}; expected {', '.join(PRECEDENCE)}")
    return sorted(set(kinds), key=PRECEDENCE.index)


def offices_map(
    types: Mapping[str, Sequence[str]],
    names: Mapping[str, str],
    hrefs: Mapping[str, str],
    listed: Collection[str],
    sources: Sequence[str],
) -> RenderedMap:
    """Countries by the type of their diaspora bodies; listed without one; not listed."""
    ranked = {iso3: _ranked(kinds) for iso3, kinds in types.items() if kinds}
    in_inventory = frozenset(listed) | ranked.keys()
    fills: dict[str, Fill] = {}
    highest: Counter[str] = Counter()
    for item in projected("world", "EPSG:8857"):
        iso3 = item.area.id
        name, href = country_name(iso3, names, item.area.name), hrefs.get(iso3, "")
        if iso3 in ranked:
            kinds = ranked[iso3]
            highest[kinds[0]] += 1
            bodies = plural(len(types[iso3]), "body", "bodies")
            tip = f"{name}: {bodies} — {', '.join(LABELS.get(k, k) for k in kinds)}"
            fills[iso3] = Fill(_group(kinds[0])[1], f"office office-{kinds[0]}", tip, href)
        elif iso3 in in_inventory:
            tip = f"{name}: in the inventory, no diaspora office found"
            fills[iso3] = Fill(style.LMIC_NONE, "listed-none", tip, href)
        else:
            tip = f"{name}: not in the inventory"
            fills[iso3] = Fill(style.OUT_OF_SCOPE, "not-listed", tip, href, mark_small=False)
    present = {kind for kinds in ranked.values() for kind in kinds}
    swatches = []
    for members, colour in GROUPS:
        shown = [LABELS.get(m, m) for m in members if m in present]
        if shown:
            swatches.append((colour, ", ".join(shown).capitalize()))
    swatches += [
        (style.LMIC_NONE, "Listed, no office found"),
        (style.OUT_OF_SCOPE, "Not in the inventory"),
    ]
    order = ", ".join(LABELS.get(k, k) for k in PRECEDENCE)
    heading = "Type of diaspora body (the highest-ranking one)"
    legend = scale_and_swatches(heading, [], swatches, MARGIN, 0, 860)
    stats = {"countries with offices": len(ranked),
             "listed without office": len(in_inventory - ranked.keys()),
             "not drawn": len(in_inventory - drawn_iso3s()),
             **{f"highest: {k}": highest[k] for k in PRECEDENCE if highest[k]}}  # fmt: skip
    subtitle = (
        f"{len(ranked)} of the {len(in_inventory)} countries in the inventory have a government "
        "diaspora office; each is coloured by its highest-ranking type of body."
    )
    alt = f"World map of government diaspora offices. {subtitle}"
    if highest:
        by_type = ", ".join(f"{LABELS.get(k, k)} {n}" for k, n in highest.most_common())
        alt += f" Countries by highest type: {by_type}."
    alt += f" {stats['listed without office']} listed countries have no office found."
    notes = [f"Ranking of types: {order}. Small countries are also drawn as circles."]
    no_data = Fill(style.OUT_OF_SCOPE, "no-data", "disputed area, no data", mark_small=False)
    svg, web = world_map(KEY, TITLE, subtitle, alt, fills, no_data, legend, sources, notes)
    return RenderedMap(KEY, TITLE, svg, alt, stats, swatch_items(heading, [], swatches), web)
