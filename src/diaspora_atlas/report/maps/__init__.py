"""Offline maps: host-country figures (the paper's Figures 1-3) and two world maps.

Boundaries come only from the bundled ``data/geo`` (see ``data/geo/SOURCES.md``), read on
first use; nothing touches the network. Every map is a standalone, accessible SVG document
(title, description, tooltips, links, legend, credits), and ``to_png`` rasterises it.
"""

from __future__ import annotations

from diaspora_atlas.report.maps.figures import (
    Figure,
    NoPanelError,
    has_panel,
    host_figure,
    region_word,
)
from diaspora_atlas.report.maps.host import host_map
from diaspora_atlas.report.maps.offices import offices_map
from diaspora_atlas.report.maps.origins import origin_map
from diaspora_atlas.report.maps.png import to_png
from diaspora_atlas.report.maps.projection import clear_caches
from diaspora_atlas.report.maps.types import LegendItem, Pin, RenderedMap

__all__ = [
    "Figure",
    "LegendItem",
    "NoPanelError",
    "Pin",
    "RenderedMap",
    "clear_caches",
    "has_panel",
    "host_figure",
    "host_map",
    "offices_map",
    "origin_map",
    "region_word",
    "to_png",
]
