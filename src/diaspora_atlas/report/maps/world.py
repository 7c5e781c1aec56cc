"""The world map both choropleths share: Equal Earth, one filled, titled, linked shape each."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from diaspora_atlas.refdata import countries
from diaspora_atlas.report.maps import blocks, style
from diaspora_atlas.report.maps.blocks import MARGIN
from diaspora_atlas.report.maps.figures import WORLD_CREDIT
from diaspora_atlas.report.maps.projection import (
    fit,
    height_for,
    projected,
    to_metres,
    union_bounds,
)
from diaspora_atlas.report.maps.svg import attrs, document, linked, tooltip
from diaspora_atlas.report.maps.types import WebView

LAYER, CRS = "world", "EPSG:8857"
PROJECTION_CREDIT = "Projection: Equal Earth (EPSG:8857)."
WIDTH = 900.0
SMALL_PX2 = 10.0  # countries smaller than this (at 900 px) also get a circle, to be seen


@dataclass(frozen=True)
class Fill:
    """How one country is drawn: colour, css class, tooltip, link, circle if it is tiny."""

    colour: str
    cls: str
    tip: str
    href: str = ""
    mark_small: bool = True


def country_name(iso3: str, names: Mapping[str, str], fallback: str) -> str:
    """The caller's name, else the reference table's, else the boundary file's."""
    if names.get(iso3):
        return names[iso3]
    known = countries().get(iso3)
    return known.name if known else fallback


def drawn_iso3s() -> frozenset[str]:
    """Every code the world layer can colour (disputed areas excluded)."""
    return frozenset(item.area.id for item in projected(LAYER, CRS) if not item.area.no_data)


@cache
def _sphere() -> np.ndarray:
    lat = np.linspace(-90.0, 90.0, 91)
    edge = np.concatenate(
        [
            np.column_stack((np.full_like(lat, -180.0), lat)),
            np.column_stack((np.full_like(lat, 180.0), lat[::-1])),
        ]
    )
    return to_metres(CRS, edge)


def world_map(key: str, title: str, subtitle: str, alt: str, fills: Mapping[str, Fill],
              no_data: Fill, legend: tuple[str, float], sources: Sequence[str],
              notes: Sequence[str] = ()) -> tuple[str, WebView]:  # fmt: skip
    """The whole SVG document: heading, map, legend (already drawn at y=0), notes, credits;
    and what of it a web page shows (the map, the legend, the words as text)."""
    head, top = blocks.title_block(title, subtitle, WIDTH)
    items = projected(LAYER, CRS)
    sphere = _sphere()  # the full width of the globe, the height of the land (no Antarctica)
    _, miny, _, maxy = union_bounds(items)
    bounds = (float(sphere[:, 0].min()), miny, float(sphere[:, 0].max()), maxy)
    map_width = WIDTH - 2 * MARGIN
    map_height = height_for(bounds, map_width, 6)
    frame = fit(bounds, (MARGIN, top, map_width, map_height), 6)
    shapes, dots = [], []
    for item in items:
        fill = None if item.area.no_data else fills.get(item.area.id)
        if fill is None:
            fill = Fill(no_data.colour, no_data.cls, f"{item.area.name}: {no_data.tip}", "", False)
        path = f"<path{attrs(cls=f'country {fill.cls}', d=frame.path(item.rings), fill=fill.colour)}{attrs(data_iso3=item.area.id)}>{tooltip(fill.tip)}</path>"
        shapes.append(linked(fill.href, path))
        biggest = max(frame.pixel_area(ring) for ring in item.rings)
        if fill.mark_small and biggest < SMALL_PX2:
            cx, cy = frame.point(*item.label)
            dot = f"<circle{attrs(cls=f'country-dot {fill.cls}', cx=round(cx, 1), cy=round(cy, 1), r=3.2)}{attrs(fill=fill.colour, data_iso3=item.area.id)}>{tooltip(fill.tip)}</circle>"
            dots.append(linked(fill.href, dot))
    clip = f"{key}-clip"
    box = attrs(x=MARGIN, y=top, width=map_width, height=map_height)
    body = [
        head,
        f'<clipPath id="{clip}"><rect{box}/></clipPath><g clip-path="url(#{clip})">',
        f"<path{attrs(d=frame.path([sphere]), fill=style.OCEAN)}/>",
        f'<g class="countries"{attrs(stroke=style.COUNTRY_EDGE, stroke_width=0.4)}>{"".join(shapes)}</g></g>',
        f'<g class="small-countries"{attrs(stroke=style.SMALL_COUNTRY_EDGE, stroke_width=0.7)}>{"".join(dots)}</g>',
    ]
    y = top + map_height + 16
    legend_svg, legend_height = legend
    body.append(f'<g transform="translate(0 {y:g})">{legend_svg}</g>')
    y += legend_height + 12
    web = WebView(
        (0, top - 8, WIDTH, map_height + 16),
        (subtitle, *notes, WORLD_CREDIT, PROJECTION_CREDIT, *sources),
    )
    for line in notes:
        svg, height = blocks.note(line, MARGIN, y, map_width)
        body.append(svg)
        y += height + 4
    credit_svg, height = blocks.credits_block(
        [WORLD_CREDIT, PROJECTION_CREDIT, *sources], MARGIN, y + 6, map_width
    )
    body.append(credit_svg)
    return document(key, WIDTH, y + height + 20, title, alt, "".join(body)), web
