#!/usr/bin/env python
"""Derive the boundaries the maps need (data/geo/) from the raw files in shared/data/geo/.

Usage (from the repository root, with shared/ beside it)::

    python scripts/derive_geo.py --shared ../shared           # write data/geo/*.geojson
    python scripts/derive_geo.py --shared ../shared --check   # exit 1 if they are stale

Inputs (provenance and licences in data/geo/SOURCES.md): visionscarto_world_50m.topo.json,
us_atlas_states_10m.topo.json, ne_50m_admin_1_states_provinces.json,
ne_110m_admin_0_map_units.json, us-atlas.LICENSE, and data/geo/curated/merges.csv (every
merge or drop of a raw feature, with a note).

Each layer is projected into the projection its map uses, simplified there as a coverage
(shapely.coverage_simplify: shared borders stay shared, no slivers) to what a 900-px map
printed at 2x needs, parts smaller than a few pixels are dropped (never a feature's largest
part), a label point is added (Natural Earth's where it has one, else the pole of
inaccessibility), and the result is written back in longitude/latitude as rounded GeoJSON.
The maps never read shared/: only these derived files.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NoReturn

import numpy as np
import pycountry
import shapely
from pyproj import Transformer
from shapely.geometry import LineString, MultiPolygon, Polygon, box, shape
from shapely.ops import linemerge, polylabel, split, unary_union

REPO = Path(__file__).resolve().parents[1]
OUT_DIR = REPO / "data" / "geo"
MERGES = OUT_DIR / "curated" / "merges.csv"
LICENCE_COPIES = ("us-atlas.LICENSE",)

# The projections the maps use (data/geo/panels.yaml names the same).
EQUAL_EARTH = "EPSG:8857"
CONUS = "EPSG:5070"
ALASKA = "EPSG:3338"
HAWAII = "ESRI:102007"
PUERTO_RICO = "+proj=aea +lat_0=18 +lat_1=17.9 +lat_2=18.5 +lon_0=-66.4 +datum=WGS84 +units=m"
BNG = "EPSG:27700"
AUS_ALBERS = "EPSG:3577"
CANADA_LAMBERT = "EPSG:3978"

# Territories of us-atlas that no figure draws (the paper's Figure 1 is the 50 states + DC).
US_DROPPED = {"American Samoa", "Guam", "Commonwealth of the Northern Mariana Islands",
              "United States Virgin Islands"}  # fmt: skip
US_GROUPS = {"US-AK": ("alaska", ALASKA), "US-HI": ("hawaii", HAWAII),
             "US-PR": ("puerto_rico", PUERTO_RICO)}  # fmt: skip
UK_NATIONS = {"ENG": ("GB-ENG", "England"), "SCT": ("GB-SCT", "Scotland"),
              "WLS": ("GB-WLS", "Wales"), "NIR": ("GB-NIR", "Northern Ireland")}  # fmt: skip
# Neighbours drawn in grey around each host: (lon/lat pre-clip box, margin around the host).
# Neighbours drawn in grey around each host: lon/lat boxes to pre-clip them with (so that no
# projection sees the far side of the globe), and a margin around the host's extent.
CONTEXT: dict[str, tuple[tuple[tuple[float, float, float, float], ...], float]] = {
    "usa": (((-140.0, 5.0, -45.0, 65.0),), 0.12),
    "gbr": (((-20.0, 42.0, 15.0, 66.0),), 0.12),
    "aus": (((90.0, -56.0, 180.0, 5.0),), 0.15),
    "can": (((-180.0, 25.0, 0.0, 90.0), (150.0, 40.0, 180.0, 90.0)), 0.12),
}


def fail(message: str) -> NoReturn:
    sys.exit(f"derive_geo: {message}")


@dataclass
class Feat:
    """One feature while it is processed: lon/lat in, projected in the middle, lon/lat out."""

    id: str
    name: str
    geom: Any  # shapely (Multi)Polygon
    label: tuple[float, float] | None = None
    props: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- reading the raw files


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        fail(f"cannot read {path}: {exc}")


def topo_features(path: Path, name: str) -> list[tuple[dict[str, Any], Any]]:
    """Decode one object of a quantised TopoJSON file into (geometry record, shapely geom)."""
    topo = read_json(path)
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        xy = np.cumsum(np.asarray(arc, dtype=float), axis=0)
        arcs.append(np.column_stack((xy[:, 0] * sx + tx, xy[:, 1] * sy + ty)))

    def ring(indexes: list[int]) -> np.ndarray:
        parts = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in indexes]
        return np.concatenate([parts[0], *(p[1:] for p in parts[1:])])

    def polygon(rings: list[list[int]]) -> Polygon | None:
        # Quantisation collapses some tiny islands (and holes) to fewer than 4 points.
        shell, *holes = [ring(i) for i in rings]
        if len(np.unique(shell, axis=0)) < 3:
            return None
        return Polygon(shell, [h for h in holes if len(np.unique(h, axis=0)) >= 3])

    result = []
    for geo in topo["objects"][name]["geometries"]:
        if geo["type"] not in ("Polygon", "MultiPolygon"):
            continue  # null geometries carry nothing to draw
        polygons = [geo["arcs"]] if geo["type"] == "Polygon" else geo["arcs"]
        geom: Any = MultiPolygon([p for p in map(polygon, polygons) if p is not None])
        geom = split_antimeridian(geom)
        if geom.is_empty:
            print(f"  note: {path.name}: {geo.get('properties')} is empty once quantised; dropped")
            continue
        result.append((geo, geom if geom.is_valid else as_multi(shapely.make_valid(geom))))
    return result


def split_antimeridian(geom: MultiPolygon) -> MultiPolygon:
    """Cut polygons whose rings jump across the antimeridian (TopoJSON is spherical).

    Such a polygon is unwrapped to longitudes 0..360, cut at 180 and its east part shifted
    back, so that planar tools (and projections) see two well-formed pieces.
    """
    parts: list[Polygon] = []
    for poly in geom.geoms:
        if np.abs(np.diff(np.asarray(poly.exterior.coords)[:, 0])).max() <= 180:
            parts.append(poly)
            continue
        unwrapped = shapely.make_valid(shapely.transform(
            poly, lambda a: np.column_stack((np.where(a[:, 0] < 0, a[:, 0] + 360, a[:, 0]), a[:, 1]))
        ))  # fmt: skip
        west = shapely.clip_by_rect(unwrapped, -180, -90, 180, 90)
        east = shapely.transform(
            shapely.clip_by_rect(unwrapped, 180, -90, 540, 90),
            lambda a: np.column_stack((a[:, 0] - 360, a[:, 1])),
        )
        parts += [*as_multi(west).geoms, *as_multi(east).geoms]
    return MultiPolygon(parts)


def read_merges() -> list[dict[str, str]]:
    with MERGES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["action"] not in {"merge", "drop", "no_data"} or not row["note"].strip():
            fail(f"{MERGES}: bad row {row}")
    return rows


def apply_merges(layer: str, feats: list[Feat], merges: list[dict[str, str]]) -> list[Feat]:
    by_id = {f.id: f for f in feats}
    for row in (r for r in merges if r["layer"] == layer):
        if row["code"] not in by_id:
            fail(f"{MERGES}: {layer} has no feature {row['code']}")
        if row["action"] == "no_data":
            by_id[row["code"]].props["no_data"] = True
            continue
        gone = by_id.pop(row["code"])
        if row["action"] == "merge":
            into = by_id[row["into"]]
            into.geom = unary_union([into.geom, gone.geom])
    return list(by_id.values())


# ---------------------------------------------------------------- projection and simplification


def transformer(crs: str, inverse: bool = False) -> Callable[[Any], Any]:
    """A function projecting a shapely geometry from lon/lat into ``crs`` (or back)."""
    trans = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    direction = "INVERSE" if inverse else "FORWARD"

    def coords(xy: np.ndarray) -> np.ndarray:
        x, y = trans.transform(xy[:, 0], xy[:, 1], direction=direction)
        return np.column_stack((x, y))

    return lambda geom: shapely.transform(geom, coords)


def as_multi(geom: Any) -> MultiPolygon:
    polys = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, Polygon) and not g.is_empty]
    polys += [p for g in getattr(geom, "geoms", []) if isinstance(g, MultiPolygon) for p in g.geoms]
    return MultiPolygon(polys)


def process(feats: list[Feat], crs: str, tolerance: float, min_area: float) -> list[Feat]:
    """Project, simplify as a coverage, drop tiny parts, label; return lon/lat features."""
    fwd, inv = transformer(crs), transformer(crs, inverse=True)
    projected = [fwd(f.geom) for f in feats]
    simplified = shapely.coverage_simplify(np.array(projected, dtype=object), tolerance)
    out = []
    for feat, geom in zip(feats, simplified, strict=True):
        parts = sorted(as_multi(geom).geoms, key=lambda p: p.area, reverse=True)
        kept = [p for i, p in enumerate(parts) if i == 0 or p.area >= min_area]
        label = feat.label
        if label is None:
            point = polylabel(kept[0], tolerance=max(tolerance, 1.0))
            lon, lat = inv(point).coords[0]
            label = (lon, lat)
        out.append(replace(feat, geom=inv(MultiPolygon(kept)), label=label))
    return out


# ---------------------------------------------------------------- writing GeoJSON


def rings_json(geom: MultiPolygon, decimals: int) -> list[list[list[list[float]]]]:
    polygons = []
    for poly in geom.geoms:
        rings = []
        for ring in (poly.exterior, *poly.interiors):
            xy = np.round(np.asarray(ring.coords), decimals)
            keep = np.ones(len(xy), dtype=bool)
            keep[1:] = np.any(xy[1:] != xy[:-1], axis=1)
            xy = xy[keep]
            if len(xy) >= 4:
                rings.append([[float(x), float(y)] for x, y in xy])
        if rings and len(rings[0]) >= 4:
            polygons.append(rings)
    return polygons


def encode(name: str, feats: Iterable[Feat], decimals: int) -> bytes:
    lines = []
    for feat in sorted(feats, key=lambda f: f.id):
        label = feat.label or (0.0, 0.0)
        props = {"id": feat.id, "name": feat.name, **feat.props,
                 "label": [round(label[0], decimals), round(label[1], decimals)]}  # fmt: skip
        geometry = {"type": "MultiPolygon", "coordinates": rings_json(feat.geom, decimals)}
        item = {"type": "Feature", "properties": props, "geometry": geometry}
        lines.append(json.dumps(item, ensure_ascii=False, separators=(",", ":")))
    head = json.dumps({"type": "FeatureCollection", "name": name}, separators=(",", ":"))[:-1]
    return (head + ',"features":[\n' + ",\n".join(lines) + "\n]}\n").encode("utf-8")


# ---------------------------------------------------------------- the layers


def world_features(geo_dir: Path, merges: list[dict[str, str]]) -> list[Feat]:
    raw = topo_features(geo_dir / "visionscarto_world_50m.topo.json", "countries")
    feats = [Feat(g["properties"]["a3"], g["properties"]["name"], geom) for g, geom in raw]
    if len({f.id for f in feats}) != len(feats):
        fail("visionscarto_world_50m.topo.json: an a3 code appears twice")
    return apply_merges("world", feats, merges)


def natural_earth_admin1(geo_dir: Path, adm0: str) -> list[Feat]:
    data = read_json(geo_dir / "ne_50m_admin_1_states_provinces.json")
    feats = []
    for item in data["features"]:
        p = item["properties"]
        if p["adm0_a3"] == adm0:
            geom = as_multi(shape(item["geometry"]))
            feats.append(Feat(p["iso_3166_2"], p["name"], geom, (p["longitude"], p["latitude"])))
    return feats


def us_states(geo_dir: Path) -> dict[str, list[Feat]]:
    """us-atlas states by group (conus, alaska, hawaii, puerto_rico), ids ISO 3166-2."""
    codes = {s.name: s.code for s in pycountry.subdivisions.get(country_code="US")}
    labels = {f.id: f.label for f in natural_earth_admin1(geo_dir, "USA")}
    groups: dict[str, list[Feat]] = {"conus": []}
    for geo, geom in topo_features(geo_dir / "us_atlas_states_10m.topo.json", "states"):
        name = geo["properties"]["name"]
        if name in US_DROPPED:
            continue
        code = codes.get(name) or fail(f"us-atlas state {name!r} has no ISO 3166-2 code")
        group = US_GROUPS.get(code, ("conus", CONUS))[0]
        groups.setdefault(group, []).append(Feat(code, name, geom, labels.get(code)))
    if len(groups["conus"]) != 49:  # 48 states + DC
        fail(f"expected 49 contiguous states and DC in us-atlas, found {len(groups['conus'])}")
    return groups


def extended(line: LineString, distance: float) -> LineString:
    """The line with both ends pushed ``distance`` further along their direction."""
    xy = np.asarray(line.coords)

    def push(end: np.ndarray, inner: np.ndarray) -> np.ndarray:
        away = end - inner
        return end + away / np.hypot(*away) * distance

    return LineString(
        [push(xy[0], xy[min(3, len(xy) - 1)]), *xy, push(xy[-1], xy[max(-4, -len(xy))])]
    )


def uk_nations(geo_dir: Path, world: list[Feat]) -> list[Feat]:
    """England, Scotland, Wales, Northern Ireland at 1:50m.

    Natural Earth has the four nations only at 1:110m (map units); the 1:50m UK outline
    (visionscarto) is cut along the 1:110m England-Scotland and England-Wales borders
    (extended out to sea), and each piece goes to the nation it overlaps most (or is nearest).
    """
    fwd, inv = transformer(BNG), transformer(BNG, inverse=True)
    units = read_json(geo_dir / "ne_110m_admin_0_map_units.json")["features"]
    coarse = {u["properties"]["GU_A3"]: fwd(shape(u["geometry"])) for u in units
              if u["properties"]["ADM0_A3"] == "GBR" and u["properties"]["GU_A3"] in UK_NATIONS}  # fmt: skip
    if set(coarse) != set(UK_NATIONS):
        fail(f"ne_110m_admin_0_map_units.json: UK nations found {sorted(coarse)}")
    cuts = [extended(linemerge(coarse["ENG"].boundary.intersection(coarse[b].boundary)), 40_000)
            for b in ("SCT", "WLS")]  # fmt: skip
    pieces = list(fwd(next(f.geom for f in world if f.id == "GBR")).geoms)
    for cut in cuts:
        pieces = [p for piece in pieces for p in split(piece, cut).geoms]
    owned: dict[str, list[Any]] = {code: [] for code in UK_NATIONS}
    for piece in pieces:
        overlap = {c: piece.intersection(g).area for c, g in coarse.items()}
        best = max(overlap, key=lambda c: overlap[c])
        if overlap[best] <= 0:
            best = min(coarse, key=lambda c: coarse[c].distance(piece))
        owned[best].append(piece)
    feats = []
    for code, parts in owned.items():
        geom = unary_union(parts)
        ratio = geom.area / coarse[code].area
        if not 0.7 < ratio < 1.3:  # 1:110m outlines are coarse (Wales: 0.79)
            fail(f"UK nation {code} came out at {ratio:.2f} x its 1:110m area")
        iso, name = UK_NATIONS[code]
        feats.append(Feat(iso, name, inv(as_multi(geom))))
    return feats


def context(
    key: str, world: list[Feat], host: list[Feat], crs: str, tol: float, area: float
) -> list[Feat]:
    """Neighbouring countries, clipped to the host's extent plus a margin, to draw in grey."""
    boxes, margin = CONTEXT[key]
    fwd, inv = transformer(crs), transformer(crs, inverse=True)
    minx, miny, maxx, maxy = unary_union([fwd(f.geom) for f in host]).bounds
    pad = margin * max(maxx - minx, maxy - miny)
    frame = box(minx - pad, miny - pad, maxx + pad, maxy + pad)
    host_iso3 = key.upper()
    feats = []
    for feat in world:
        if feat.id == host_iso3:
            continue
        pieces = [shapely.clip_by_rect(feat.geom, *lonlat_box) for lonlat_box in boxes]
        pieces = [shapely.make_valid(fwd(p)) for p in pieces if not p.is_empty]
        if not pieces:
            continue
        inside = as_multi(unary_union(pieces).intersection(frame))
        if not inside.is_empty:
            feats.append(Feat(feat.id, feat.name, inv(inside)))
    return process(feats, crs, tol, area)


def build(shared: Path) -> dict[str, bytes]:
    geo_dir = shared / "data" / "geo"
    merges = read_merges()
    world = world_features(geo_dir, merges)
    out: dict[str, bytes] = {}
    out["world.geojson"] = encode("world", process(world, EQUAL_EARTH, 10_000, 1.5e9), 2)

    states = us_states(geo_dir)
    usa = process(states["conus"], CONUS, 1_000, 15e6)
    for group, (tol, area) in {"alaska": (4_000, 400e6), "hawaii": (600, 10e6),
                               "puerto_rico": (400, 5e6)}.items():  # fmt: skip
        crs = next(c for g, c in US_GROUPS.values() if g == group)
        usa += [replace(f, props={"group": group}) for f in process(states[group], crs, tol, area)]
    out["usa.geojson"] = encode("usa", usa, 3)
    out["usa_context.geojson"] = encode(
        "usa_context", context("usa", world, states["conus"], CONUS, 1_000, 15e6), 3
    )

    nations = uk_nations(geo_dir, world)
    out["gbr.geojson"] = encode("gbr", process(nations, BNG, 300, 3e6), 3)
    out["gbr_context.geojson"] = encode(
        "gbr_context", context("gbr", world, nations, BNG, 300, 3e6), 3
    )

    aus = apply_merges("aus", natural_earth_admin1(geo_dir, "AUS"), merges)
    out["aus.geojson"] = encode("aus", process(aus, AUS_ALBERS, 1_800, 40e6), 3)
    out["aus_context.geojson"] = encode(
        "aus_context", context("aus", world, aus, AUS_ALBERS, 1_800, 40e6), 3
    )
    can = natural_earth_admin1(geo_dir, "CAN")
    out["can.geojson"] = encode("can", process(can, CANADA_LAMBERT, 2_500, 150e6), 3)
    out["can_context.geojson"] = encode(
        "can_context", context("can", world, can, CANADA_LAMBERT, 2_500, 150e6), 3
    )
    for name in LICENCE_COPIES:
        out[name] = (geo_dir / name).read_bytes()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                        help="the shared/ folder holding data/geo/ (default: ../shared)")  # fmt: skip
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    if not (args.shared / "data" / "geo").is_dir():
        fail(f"{args.shared / 'data' / 'geo'} not found (give --shared)")
    outputs = build(args.shared)
    stale = [n for n, b in outputs.items() if not (OUT_DIR / n).is_file()
             or (OUT_DIR / n).read_bytes() != b]  # fmt: skip
    if args.check:
        if stale:
            print(f"stale: {', '.join(stale)} (re-run without --check)", file=sys.stderr)
            return 1
        print("data/geo is up to date")
        return 0
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for name, data in outputs.items():
        (OUT_DIR / name).write_bytes(data)
        print(f"  {name:24} {len(data) / 1024:7.1f} KiB")
    total = sum(len(b) for b in outputs.values())
    print(f"  {'total':24} {total / 1024:7.1f} KiB ({len(stale)} changed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
