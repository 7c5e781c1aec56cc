"""Which symbol each organisation gets, and how markers that share a spot are packed.

* a **point** (filled dot) when the city or street address is known and lat/lon are given;
* a **region** (hollow ring at the state's label point, the state shaded) when only the
  ISO 3166-2 region is known, or when coordinates come with a coarser precision;
* **country** (a square in the margin) when neither is known.

Markers closer than their size are merged into clusters packed on a hexagonal grid around
the clusters' mean position, so every organisation keeps its own marker, tooltip and link.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

import numpy as np

from diaspora_atlas.report.maps.types import Pin

POINT, REGION, COUNTRY = "point", "region", "country"
LOCATED_PRECISIONS = frozenset({"address", "city"})


def kind_of(pin: Pin, known_regions: Collection[str]) -> str:
    """POINT, REGION or COUNTRY: how honestly this pin can be drawn."""
    lat, lon = pin.lat, pin.lon
    located = lat is not None and lon is not None and math.isfinite(lat) and math.isfinite(lon)
    if pin.precision in LOCATED_PRECISIONS and located and abs(lat or 0.0) <= 90:
        return POINT
    if pin.region_code in known_regions:
        return REGION
    return COUNTRY


@dataclass
class Marker:
    pin: Pin
    kind: str  # POINT or REGION
    x: float  # where it belongs, in figure pixels
    y: float


@dataclass
class Cluster:
    markers: list[Marker]
    x: float
    y: float
    offsets: list[tuple[float, float]] = field(default_factory=list)


def hex_offsets(count: int, spacing: float) -> list[tuple[float, float]]:
    """``count`` positions on a hexagonal grid spiralling out from (0, 0), centred."""
    steps = [(1.0, 0.0), (0.5, 0.866), (-0.5, 0.866), (-1.0, 0.0), (-0.5, -0.866), (0.5, -0.866)]
    spots = [(0.0, 0.0)]
    ring = 1
    while len(spots) < count:
        x, y = -0.5 * ring, -0.866 * ring  # start of the ring, then walk its six sides
        for dx, dy in steps:
            for _ in range(ring):
                spots.append((x, y))
                x, y = x + dx, y + dy
        ring += 1
    spots = spots[:count]
    cx, cy = sum(s[0] for s in spots) / count, sum(s[1] for s in spots) / count
    return [((x - cx) * spacing, (y - cy) * spacing) for x, y in spots]


def packed_radius(count: int, spacing: float, marker_radius: float) -> float:
    if count <= 1:
        return marker_radius
    return max(math.hypot(*o) for o in hex_offsets(count, spacing)) + marker_radius


def cluster(
    markers: Sequence[Marker], spacing: float, marker_radius: float, gap: float = 2.0
) -> list[Cluster]:
    """Merge markers whose packed discs would overlap, until none do."""
    groups = [[m] for m in markers]
    centres = np.array([[m.x, m.y] for m in markers], dtype=np.float64).reshape(-1, 2)
    while len(groups) > 1:
        radii = np.array([packed_radius(len(g), spacing, marker_radius) for g in groups])
        distance = np.hypot(*(centres[:, None, :] - centres[None, :, :]).transpose(2, 0, 1))
        clash = distance - (radii[:, None] + radii[None, :] + gap)
        np.fill_diagonal(clash, np.inf)
        i, j = np.unravel_index(int(np.argmin(clash)), clash.shape)
        if clash[i, j] >= 0:
            break
        weights = np.array([len(groups[i]), len(groups[j])], dtype=np.float64)
        merged = (centres[i] * weights[0] + centres[j] * weights[1]) / weights.sum()
        groups[i] = groups[i] + groups[j]
        centres[i] = merged
        del groups[j]
        centres = np.delete(centres, j, axis=0)
    result = []
    for group, (x, y) in zip(groups, centres.tolist(), strict=True):
        ordered = sorted(group, key=lambda m: (m.kind != POINT, m.pin.name.casefold(), m.pin.id))
        result.append(Cluster(ordered, x, y, hex_offsets(len(ordered), spacing)))
    return result
