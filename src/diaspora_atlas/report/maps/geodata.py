"""The bundled boundaries (data/geo/*.geojson), read lazily and checked on first use.

The files are derived by ``scripts/derive_geo.py`` from public raw files (provenance in
``data/geo/SOURCES.md``). Each is a GeoJSON FeatureCollection of MultiPolygons in lon/lat;
every feature has ``id`` (ISO3 or ISO 3166-2), ``name`` and ``label`` (a lon/lat point inside
it), and may have ``group`` (the US inset it belongs to) and ``no_data`` (a disputed area).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from diaspora_atlas.errors import DataFileError
from diaspora_atlas.refdata.paths import data_dir

Ring = npt.NDArray[np.float64]  # (n, 2): lon, lat
REPAIR_HINT = (
    "re-run `python scripts/derive_geo.py --shared ../shared` "
    "or restore it from git (`git checkout -- data/geo/`)"
)


@dataclass(frozen=True)
class Area:
    """One country, state, province or nation of a bundled layer."""

    id: str
    name: str
    label: tuple[float, float]  # lon, lat
    polygons: tuple[tuple[Ring, ...], ...]  # each polygon: exterior ring, then holes
    group: str = ""
    no_data: bool = False


def geo_path(layer_name: str) -> Path:
    return data_dir() / "geo" / f"{layer_name}.geojson"


def _error(path: Path, problem: str) -> DataFileError:
    return DataFileError(f"map boundary file {path} {problem}", REPAIR_HINT)


def _ring(raw: Any) -> Ring:
    ring = np.asarray(raw, dtype=np.float64)
    if ring.ndim != 2 or ring.shape[0] < 4 or ring.shape[1] != 2:
        raise ValueError("a ring is not a list of at least 4 [lon, lat] points")
    if not np.all(np.isfinite(ring)) or np.abs(ring[:, 0]).max() > 180.5:
        raise ValueError("a ring has a point outside the globe")
    if np.abs(ring[:, 1]).max() > 90.0:
        raise ValueError("a ring has a point outside the globe")
    return ring


def _area(feature: Any) -> Area:
    props, geometry = feature["properties"], feature["geometry"]
    if geometry["type"] != "MultiPolygon":
        raise ValueError(f"{props.get('id')!r} is a {geometry['type']}, not a MultiPolygon")
    lon, lat = (float(v) for v in props["label"])
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise ValueError(f"{props['id']!r} has a bad label point")
    identifier, name = props["id"], props["name"]
    if not (isinstance(identifier, str) and identifier and isinstance(name, str)):
        raise ValueError("a feature has no id or name")
    polygons = tuple(tuple(_ring(r) for r in polygon) for polygon in geometry["coordinates"])
    if not polygons or any(not p for p in polygons):
        raise ValueError(f"{identifier!r} has an empty polygon")
    return Area(
        id=identifier,
        name=name,
        label=(lon, lat),
        polygons=polygons,
        group=str(props.get("group", "")),
        no_data=bool(props.get("no_data", False)),
    )


@cache
def layer(layer_name: str) -> tuple[Area, ...]:
    """Every area of one bundled layer, e.g. ``layer("usa")`` (read once, then cached)."""
    path = geo_path(layer_name)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise _error(path, "is missing") from exc
    except OSError as exc:
        raise _error(path, f"cannot be read ({exc.strerror or exc})") from exc
    except (UnicodeDecodeError, ValueError) as exc:
        raise _error(path, f"is not valid GeoJSON ({exc})") from exc
    try:
        if document.get("type") != "FeatureCollection" or not document["features"]:
            raise ValueError("it is not a non-empty FeatureCollection")
        areas = tuple(_area(feature) for feature in document["features"])
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise _error(path, f"is corrupted: {exc}") from exc
    if len({a.id for a in areas}) != len(areas):
        raise _error(path, "is corrupted: an id appears twice")
    return areas


def areas_by_id(layer_name: str) -> dict[str, Area]:
    return {area.id: area for area in layer(layer_name)}
