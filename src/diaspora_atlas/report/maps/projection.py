"""Projecting lon/lat with pyproj, fitting a projected extent into a box of the figure."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from pyproj import Transformer

from diaspora_atlas.report.maps.figures import panels
from diaspora_atlas.report.maps.geodata import Area, Ring, layer

Bounds = tuple[float, float, float, float]  # minx, miny, maxx, maxy (metres)


@cache
def _transformer(crs: str) -> Transformer:
    return Transformer.from_crs("EPSG:4326", crs, always_xy=True)


def to_metres(crs: str, lonlat: Ring) -> Ring:
    """Project an (n, 2) array of lon/lat into ``crs`` (metres)."""
    x, y = _transformer(crs).transform(lonlat[:, 0], lonlat[:, 1])
    return np.column_stack((np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)))


@dataclass(frozen=True)
class Projected:
    """An area projected into one CRS: its rings (exterior and holes alike) and label."""

    area: Area
    rings: tuple[Ring, ...]
    label: tuple[float, float]

    @property
    def bounds(self) -> Bounds:
        xy = np.concatenate(self.rings)
        low, high = xy.min(axis=0), xy.max(axis=0)
        return (float(low[0]), float(low[1]), float(high[0]), float(high[1]))


@cache
def projected(layer_name: str, crs: str) -> tuple[Projected, ...]:
    """Every area of a layer projected into ``crs`` (one pyproj call per layer, cached)."""
    areas = layer(layer_name)
    rings = [ring for area in areas for polygon in area.polygons for ring in polygon]
    labels = np.array([area.label for area in areas], dtype=np.float64)
    xy = to_metres(crs, np.concatenate([*rings, labels]))
    out, start = [], 0
    for index, area in enumerate(areas):
        own = []
        for ring in (r for polygon in area.polygons for r in polygon):
            own.append(xy[start : start + len(ring)])
            start += len(ring)
        label = xy[len(xy) - len(areas) + index]
        out.append(Projected(area, tuple(own), (float(label[0]), float(label[1]))))
    return tuple(out)


def union_bounds(items: Iterable[Projected]) -> Bounds:
    boxes = np.array([item.bounds for item in items])
    return (boxes[:, 0].min(), boxes[:, 1].min(), boxes[:, 2].max(), boxes[:, 3].max())


@dataclass(frozen=True)
class Frame:
    """The affine map from projected metres to figure pixels (y grows downwards)."""

    scale: float  # pixels per metre
    minx: float
    maxy: float
    x0: float
    y0: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        return self.x0 + (x - self.minx) * self.scale, self.y0 + (self.maxy - y) * self.scale

    def pixels(self, ring: Ring) -> Ring:
        return np.column_stack(
            (
                self.x0 + (ring[:, 0] - self.minx) * self.scale,
                self.y0 + (self.maxy - ring[:, 1]) * self.scale,
            )
        )

    def path(self, rings: Sequence[Ring]) -> str:
        """SVG path data for the rings, rounded to 0.1 px, with repeated points dropped."""
        parts = []
        for ring in rings:
            px = np.round(self.pixels(ring), 1)
            keep = np.ones(len(px), dtype=bool)
            keep[1:] = np.any(px[1:] != px[:-1], axis=1)
            px = px[keep]
            if len(px) >= 3:
                parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in px.tolist()) + "Z")
        return "".join(parts)

    def pixel_area(self, ring: Ring) -> float:
        """Area of a ring in square pixels (shoelace)."""
        x, y = ring[:, 0], ring[:, 1]
        return float(abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))) / 2) * self.scale**2


def fit(bounds: Bounds, box: tuple[float, float, float, float], pad: float = 0.0) -> Frame:
    """The frame that fits ``bounds`` into ``box`` (x, y, width, height), centred."""
    minx, miny, maxx, maxy = bounds
    x, y, width, height = box
    scale = min((width - 2 * pad) / (maxx - minx), (height - 2 * pad) / (maxy - miny))
    x0 = x + (width - (maxx - minx) * scale) / 2
    y0 = y + (height - (maxy - miny) * scale) / 2
    return Frame(scale, minx, maxy, x0, y0)


def height_for(bounds: Bounds, width: float, pad: float = 0.0) -> float:
    """The box height at which ``bounds`` fills ``width`` exactly."""
    minx, miny, maxx, maxy = bounds
    return (width - 2 * pad) * (maxy - miny) / (maxx - minx) + 2 * pad


def clear_caches() -> None:
    """Forget the layers read and projected so far (for tests, or after re-deriving data/geo)."""
    layer.cache_clear()
    projected.cache_clear()
    panels.cache_clear()
