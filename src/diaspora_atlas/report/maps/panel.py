"""One host country's map panel: neighbours, regions, insets and the organisations' markers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from diaspora_atlas.report.maps import style
from diaspora_atlas.report.maps.figures import Panel
from diaspora_atlas.report.maps.markers import draw_clusters
from diaspora_atlas.report.maps.pins import COUNTRY, POINT, Marker, cluster, kind_of
from diaspora_atlas.report.maps.projection import (
    Bounds,
    Frame,
    fit,
    projected,
    to_metres,
    union_bounds,
)
from diaspora_atlas.report.maps.svg import attrs, text, tooltip
from diaspora_atlas.report.maps.types import Pin

Box = tuple[float, float, float, float]  # x, y, width, height
SPACING, RADIUS = 10.5, 5.0


@dataclass
class Placed:
    """What a panel drew, for the counts, the alt text and the margin badge."""

    svg: str = ""
    points: list[Pin] = field(default_factory=list)
    regions: list[Pin] = field(default_factory=list)
    country: list[Pin] = field(default_factory=list)
    outside: list[Pin] = field(default_factory=list)
    by_region: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class View:
    """One map frame of a panel: the main map (group "") or an inset."""

    group: str
    title: str
    crs: str
    box: Box
    frame: Frame


def main_bounds(panel: Panel) -> Bounds:
    return union_bounds(p for p in projected(panel.layer, panel.crs) if not p.area.group)


def _group_of(pin: Pin, kind: str, panel: Panel) -> str:
    """The inset group ('' for the main map) a pin belongs to: by region, else by position."""
    areas = {p.area.id: p.area for p in projected(panel.layer, panel.crs)}
    if pin.region_code in areas and (kind != POINT or areas[pin.region_code].group):
        return areas[pin.region_code].group
    if kind == POINT and pin.lat is not None and pin.lon is not None:
        for inset in panel.insets:
            own = [a for a in areas.values() if a.group == inset.group]
            lonlat = np.concatenate(
                [ring for a in own for polygon in a.polygons for ring in polygon]
            )
            (west, south), (east, north) = lonlat.min(axis=0) - 1, lonlat.max(axis=0) + 1
            if west <= pin.lon <= east and south <= pin.lat <= north:
                return inset.group
    return ""


def _views(panel: Panel, box: Box, groups: set[str]) -> list[View]:
    views = [View("", panel.short, panel.crs, box, fit(main_bounds(panel), box, 8))]
    left = box[0] + 6
    for inset in (i for i in panel.insets if i.group in groups):
        ibox = (left, box[1] + box[3] - inset.height - 6, inset.width, inset.height)
        own = [p for p in projected(panel.layer, inset.crs) if p.area.group == inset.group]
        below_caption = (ibox[0], ibox[1] + 18, ibox[2], ibox[3] - 18)
        frame = fit(union_bounds(own), below_caption, 6)
        views.append(View(inset.group, inset.title, inset.crs, ibox, frame))
        left += inset.width + 8
    return views


def _base_map(key: str, panel: Panel, view: View, shaded: Counter[str], labels: bool) -> str:
    frame, (x, y, w, h) = view.frame, view.box
    clip = f"{key}-clip-{panel.host_iso3.lower()}{'-' + view.group if view.group else ''}"
    context = "".join(
        f"<path{attrs(d=frame.path(item.rings))}>{tooltip(item.area.name)}</path>"
        for item in projected(panel.context, view.crs)
    )
    regions, names = [], []
    for item in projected(panel.layer, view.crs):
        if item.area.group != view.group:
            continue
        count = shaded[item.area.id]
        note = f": {count} placed only at {panel.region_word} level" if count else ""
        fill = style.REGION_SHADE if count else style.HOST_LAND
        regions.append(
            f"<path{attrs(cls='region region-shaded' if count else 'region')}"
            f"{attrs(d=frame.path(item.rings), fill=fill)}>{tooltip(item.area.name + note)}</path>"
        )
        if labels:
            lx, ly = frame.point(*item.label)
            ly += 22 if count else 4  # below the rings placed at the label point
            names.append(text(lx, ly, item.area.name, style.TEXT_SIZE, anchor="middle",
                              halo=True, fill=style.TEXT_MUTED, cls="region-label"))  # fmt: skip
    caption = (
        text(x + 6, y + 16, view.title, style.SMALL_SIZE, fill=style.TEXT) if view.group else ""
    )
    return (
        f'<clipPath id="{clip}"><rect{attrs(x=x, y=y, width=w, height=h)}/></clipPath>'
        f'<g clip-path="url(#{clip})"><rect{attrs(x=x, y=y, width=w, height=h, fill=style.OCEAN)}/>'
        f'<g class="context"{attrs(fill=style.CONTEXT_LAND, stroke=style.CONTEXT_BORDER, stroke_width=0.6)}>{context}</g>'
        f'<g class="regions"{attrs(stroke=style.HOST_BORDER, stroke_width=0.6, fill_rule="evenodd")}>{"".join(regions)}</g>'
        f"</g><rect{attrs(x=x, y=y, width=w, height=h, fill='none', stroke=style.FRAME)}/>"
        f"{''.join(names)}{caption}"
    )


def render(key: str, panel: Panel, pins: Sequence[Pin], box: Box) -> Placed:
    """Draw ``panel`` into ``box`` with its organisations."""
    known = {p.area.id for p in projected(panel.layer, panel.crs)}
    placed = Placed()
    grouped: dict[str, list[tuple[Pin, str]]] = {}
    for pin in pins:
        kind = kind_of(pin, known)
        if kind == COUNTRY:
            placed.country.append(pin)
        else:
            grouped.setdefault(_group_of(pin, kind, panel), []).append((pin, kind))
    views = _views(panel, box, set(grouped) - {""})
    names = {p.area.id: p.area.name for p in projected(panel.layer, panel.crs)}
    bases, marks = [], []
    for view in views:
        items = grouped.get(view.group, [])
        shaded = Counter(p.region_code for p, k in items if k != POINT)
        bases.append(_base_map(key, panel, view, shaded, panel.label_regions and not view.group))
        inside = []
        for marker in _markers(items, panel, view):
            x, y, w, h = view.box
            if x <= marker.x <= x + w and y <= marker.y <= y + h:
                inside.append(marker)
                (placed.points if marker.kind == POINT else placed.regions).append(marker.pin)
            else:
                placed.outside.append(marker.pin)
        marks.append(draw_clusters(cluster(inside, SPACING, RADIUS), panel, names, SPACING))
    placed.by_region = Counter(
        names[p.region_code] for p in placed.points + placed.regions if p.region_code in names
    )
    placed.svg = "".join(bases) + "".join(marks)
    return placed


def _markers(items: list[tuple[Pin, str]], panel: Panel, view: View) -> list[Marker]:
    labels = {p.area.id: p.label for p in projected(panel.layer, view.crs)}
    out = []
    for pin, kind in items:
        if kind == POINT and pin.lon is not None and pin.lat is not None:
            lonlat = np.array([[pin.lon, pin.lat]], dtype=np.float64)
            mx, my = (float(v) for v in to_metres(view.crs, lonlat)[0])
        else:
            mx, my = labels[pin.region_code]
        out.append(Marker(pin, kind, *view.frame.point(mx, my)))
    return out
