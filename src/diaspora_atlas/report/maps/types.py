"""The map API's records: what callers pass in (Pin) and what they get back (RenderedMap)."""

from __future__ import annotations

from dataclasses import dataclass

PRECISIONS = ("address", "city", "region", "country")


@dataclass(frozen=True)
class Pin:
    """One organisation on a host-country map."""

    id: str  # organisation id, e.g. "org-53fb27e88e"
    name: str
    host_iso3: str  # a host with a bundled panel (data/geo/panels.yaml)
    lat: float | None  # None when only the region or only the country is known
    lon: float | None
    precision: str  # "address" | "city" | "region" | "country"
    region_code: str  # ISO 3166-2 of the state/province/UK nation when known ("US-NY"), else ""
    origin: str  # origin country names for the tooltip, e.g. "Nigeria"
    href: str  # link target for the organisation (relative URL), may be ""


@dataclass(frozen=True)
class LegendItem:
    """One entry of a map's key, for a key written outside the SVG (a web page on a phone)."""

    shape: str  # "swatch" (a fill colour) | "point" | "ring" | "square"
    colour: str
    label: str


Box = tuple[float, float, float, float]  # x, y, width, height in the SVG's coordinates


@dataclass(frozen=True)
class WebView:
    """How a web page shows a map: the part of the SVG it shows (``box``: the drawing, without
    the key the page writes as a list) and, as text, the words the SVG prints around that part
    (subtitle, notes, credits), which a phone would shrink past reading. The standalone SVG
    and the PDF keep everything."""

    box: Box
    caption: tuple[str, ...]
    #: the key a page writes for ``box``, when it differs from the map's (symbols only
    #: drawn outside the box left out)
    legend: tuple[LegendItem, ...] | None = None


@dataclass(frozen=True)
class RenderedMap:
    """A finished map: a standalone SVG document plus what it shows, for cross-checks."""

    key: str  # a host figure's key (from the protocol), "origins" or "offices"
    title: str
    svg: str
    alt: str  # one paragraph, with the counts, for accessibility
    counts: dict[str, int]  # what the map shows, e.g. {"pins": 57, "region_only": 3, ...}
    legend: tuple[LegendItem, ...] = ()  # the key drawn in the SVG, as data
    web: WebView | None = None
