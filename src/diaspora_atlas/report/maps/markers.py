"""Drawing packed marker clusters: one linked, titled circle per organisation."""

from __future__ import annotations

from collections.abc import Sequence

from diaspora_atlas.report.maps import style
from diaspora_atlas.report.maps.figures import Panel
from diaspora_atlas.report.maps.legend import POINT_RADIUS, RING_RADIUS
from diaspora_atlas.report.maps.pins import POINT, REGION, Cluster, Marker, packed_radius
from diaspora_atlas.report.maps.svg import attrs, linked, text, tooltip
from diaspora_atlas.report.maps.types import Pin

COUNT_FROM = 3  # clusters with this many dots or more get their number written beside them


def tip(pin: Pin, kind: str, panel: Panel, region_name: str = "") -> str:
    """The tooltip of an organisation's marker: name, origin, and what is known of where."""
    parts = [pin.name]
    if pin.origin:
        parts.append(f"origin: {pin.origin}")
    if kind == POINT:
        parts.append(f"{region_name}, {panel.short}" if region_name else panel.short)
    elif kind == REGION:
        parts.append(f"{region_name} ({panel.region_word} only; city not known)")
    else:
        parts.append(f"location in {panel.name} not known")
    return " — ".join(parts)


def _circle(marker: Marker, x: float, y: float, panel: Panel, region_names: dict[str, str]) -> str:
    region = region_names.get(marker.pin.region_code, "")
    title = tooltip(tip(marker.pin, marker.kind, panel, region))
    if marker.kind == POINT:
        look = attrs(cls="pin pin-point", r=POINT_RADIUS, fill=style.POINT_FILL,
                     stroke=style.POINT_STROKE, stroke_width=1.2)  # fmt: skip
    else:
        look = attrs(cls="pin pin-region", r=RING_RADIUS, fill=style.PAPER,
                     stroke=style.REGION_STROKE, stroke_width=2.2)  # fmt: skip
    circle = f"<circle{attrs(cx=round(x, 1), cy=round(y, 1))}{look}{attrs(data_org=marker.pin.id)}>{title}</circle>"
    return linked(marker.pin.href, circle)


def draw_clusters(
    clusters: Sequence[Cluster], panel: Panel, region_names: dict[str, str], spacing: float
) -> str:
    """Every cluster's markers on their hexagonal spots, and the count of big clusters."""
    parts = []
    for item in clusters:
        for marker, (dx, dy) in zip(item.markers, item.offsets, strict=True):
            parts.append(_circle(marker, item.x + dx, item.y + dy, panel, region_names))
        dots = sum(1 for marker in item.markers if marker.kind == POINT)
        if dots >= COUNT_FROM:
            radius = packed_radius(len(item.markers), spacing, POINT_RADIUS)
            parts.append(text(item.x + radius + 3, item.y + 4.5, str(dots),
                              style.SMALL_SIZE, weight="bold", halo=True, cls="cluster-count"))  # fmt: skip
    return f'<g class="pins">{"".join(parts)}</g>'
