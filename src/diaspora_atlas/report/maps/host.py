"""Figures 1-3: medical diaspora organisations in their host countries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from diaspora_atlas.report.maps import blocks
from diaspora_atlas.report.maps.blocks import MARGIN, plural
from diaspora_atlas.report.maps.figures import Figure
from diaspora_atlas.report.maps.legend import host_legend, host_legend_items
from diaspora_atlas.report.maps.margin import region_table, size, unplaced_badges
from diaspora_atlas.report.maps.panel import Placed, main_bounds, render
from diaspora_atlas.report.maps.projection import height_for
from diaspora_atlas.report.maps.svg import document
from diaspora_atlas.report.maps.types import Pin, RenderedMap, WebView

WIDTH = 900.0
SIDE_MAP_WIDTH = 520.0  # a tall country (the UK): map on the left, key on the right
GUTTER = 24.0
TOP = 76.0  # where the maps start below a one-line subtitle


@dataclass(frozen=True)
class Layout:
    tall: bool
    map_width: float
    map_height: float
    heading_room: float  # panel headings above two-panel figures

    def panel_left(self, index: int) -> float:
        return MARGIN + index * (self.map_width + GUTTER)


def _figure(figure: Figure, pins: Sequence[Pin]) -> Figure:
    hosts = {panel.host_iso3 for panel in figure.panels}
    stray = sorted({pin.host_iso3 for pin in pins} - hosts)
    if stray:
        raise ValueError(f"{figure.key} shows {', '.join(sorted(hosts))}, not {', '.join(stray)}")
    return figure


def _layout(figure: Figure) -> Layout:
    bounds = [main_bounds(panel) for panel in figure.panels]
    count = len(bounds)
    minx, miny, maxx, maxy = bounds[0]
    tall = count == 1 and maxy - miny > maxx - minx
    width = SIDE_MAP_WIDTH if tall else (WIDTH - 2 * MARGIN - GUTTER * (count - 1)) / count
    height = max(height_for(b, width, 8) for b in bounds)
    return Layout(tall, width, height, 0.0 if count == 1 else 26.0)


def _summary(figure: Figure, placed: Sequence[Placed]) -> tuple[str, dict[str, int]]:
    counts = {
        "total": sum(size(p) for p in placed),
        "pins": sum(len(p.points) for p in placed),
        "region_only": sum(len(p.regions) for p in placed),
        "country_only": sum(len(p.country) for p in placed),
        "outside_map": sum(len(p.outside) for p in placed),
    }
    text = (
        f"{plural(counts['total'])}: {counts['pins']} shown at their city or street address, "
        f"{counts['region_only']} only at {figure.region_word} level, "
        f"{counts['country_only']} with no known location"
    )
    if counts["outside_map"]:
        text += f", {counts['outside_map']} located outside the area shown"
    if len(placed) > 1:
        pairs = list(zip(figure.panels, placed, strict=True))
        counts.update({panel.host_iso3: size(p) for panel, p in pairs})
        text += " (" + ", ".join(f"{panel.short} {size(p)}" for panel, p in pairs) + ")"
    return text + ".", counts


def _alt(figure: Figure, summary: str, placed: Sequence[Placed], where: str) -> str:
    busiest: Counter[str] = Counter()
    for item in placed:
        busiest.update(item.by_region)
    alt = f"Map of {' and '.join(panel.name for panel in figure.panels)}. {summary}"
    if busiest:
        top = ", ".join(f"{name} ({n})" for name, n in busiest.most_common(5))
        alt += f" Most organisations are in {top}."
    if any(p.country or p.outside for p in placed):
        alt += f" Organisations without a known location are listed in a box {where} the map."
    return alt


def host_map(figure: Figure, pins: Sequence[Pin], sources: Sequence[str]) -> RenderedMap:
    """Render a host-country figure (``figures.host_figure``) with these organisations."""
    spec = _figure(figure, pins)
    layout = _layout(spec)
    single = len(spec.panels) == 1
    placed, parts = [], []
    for index, panel in enumerate(spec.panels):
        left = layout.panel_left(index)
        own = [pin for pin in pins if pin.host_iso3 == panel.host_iso3]
        box = (left, TOP + layout.heading_room, layout.map_width, layout.map_height)
        placed.append(render(spec.key, panel, own, box))
        parts.append(placed[-1].svg)
        if not single:
            parts.append(
                blocks.heading(left, TOP + 17, f"{panel.short}: {plural(size(placed[-1]))}")
            )
    map_bottom = TOP + layout.heading_room + layout.map_height
    if layout.tall:
        # beside a tall map: the box of unplaced organisations and the table first, the key
        # last, so that a page hiding the key (it writes it as text) leaves no gap above them
        x = MARGIN + layout.map_width + GUTTER
        width, where = WIDTH - MARGIN - x, "beside"
        badges, y = unplaced_badges(spec, placed, [x], TOP + layout.heading_room, width)
        table, y = region_table(spec, placed[0], x, y + 4, width)
        legend, height = host_legend(spec.region_word, "above", x, y + 16, width, 1)
        parts += [badges, table, legend]
        y = max(y + 16 + height, map_bottom + 14)
    else:
        x, y, width, where = MARGIN, map_bottom + 18, WIDTH - 2 * MARGIN, "below"
        legend, height = host_legend(spec.region_word, "below", x, y, width, 3)
        parts.append(legend)
        badge_width = width if single else layout.map_width
        lefts = [x] if single else [layout.panel_left(i) for i in range(len(spec.panels))]
        badges, y = unplaced_badges(spec, placed, lefts, y + height + 16, badge_width)
        parts.append(badges)
    projections = "; ".join(panel.crs_label for panel in spec.panels)
    credits = [*spec.credits, f"Projection{'' if single else 's'}: {projections}.", *sources]
    credit_svg, height = blocks.credits_block(credits, MARGIN, y, WIDTH - 2 * MARGIN)
    summary, counts = _summary(spec, placed)
    head, top = blocks.title_block(spec.title, summary, WIDTH)
    # A page writes the key and the summary as text: below a wide map it shows the map (and
    # its panels) only; beside a tall one, the region table stays (the page hides the key).
    everything = (0, top - 8, WIDTH, y - TOP + 8)  # all but the heading and the credits
    map_only = everything if layout.tall else (0, top - 8, WIDTH, map_bottom - TOP + 16)
    items = host_legend_items(spec.region_word, where)
    shown_items = items if layout.tall else tuple(i for i in items if i.shape != "square")
    web = WebView(map_only, (summary, *credits), shown_items)
    body = f'{head}<g transform="translate(0 {top - TOP:g})">{"".join(parts)}{credit_svg}</g>'
    alt = _alt(spec, summary, placed, where)
    svg = document(spec.key, WIDTH, y + height + 14 + top - TOP, spec.title, alt, body)
    return RenderedMap(spec.key, spec.title, svg, alt, counts, items, web)
