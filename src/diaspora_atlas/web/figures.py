"""The report's maps for the web pages: rendered once per data version, inlined as SVG (so
tooltips and links work). If the map package fails or is missing, pages show a plain
"map unavailable" figure and the table of counts instead of failing."""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from diaspora_atlas.web.cache import memo
from diaspora_atlas.web.scope import site_protocol

log = logging.getLogger(__name__)
ORG_HREF = "/organisations/{id}/"
COUNTRY_HREF = "/countries/{iso3}/"
WORLD_KEYS = ("origins", "offices", "gaps")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>\s*")


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    alt: str
    counts: dict[str, int] = field(default_factory=dict)
    svg: str = ""  # inline SVG markup, "" when unavailable

    @property
    def available(self) -> bool:
        return bool(self.svg)

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "alt": self.alt,
            "counts": self.counts,
            "available": self.available,
            "svg_url": f"/maps/{self.key}.svg" if self.available else None,
        }


def _inline(svg: str) -> str:
    return _XML_DECL.sub("", svg)


def _render_all() -> dict[str, Figure]:
    try:
        from diaspora_atlas.report.figures import all_maps, gaps_map
        from diaspora_atlas.report.study import load_study
        from diaspora_atlas.web.audit import results

        protocol = site_protocol()
        study = load_study(protocol.inventory_datasets)
        rendered = all_maps(study, protocol, ORG_HREF, COUNTRY_HREF)
        step5 = results().get("gaps")
        if step5:
            rendered.append(gaps_map(step5, COUNTRY_HREF))
        return {
            m.key: Figure(m.key, m.title, m.alt, dict(m.counts), _inline(m.svg)) for m in rendered
        }
    except Exception:  # the map package is optional for the site: degrade, never fail
        log.exception("maps unavailable")
        return {}


def titles() -> dict[str, str]:
    """Every map's title by key: the world maps, then the protocol's host-country figures."""
    return {
        "origins": "Countries of origin of the medical diaspora organisations",
        "offices": "Government diaspora offices of low- and middle-income countries",
        "gaps": "Large medical diasporas with no organisation found",
        **{f.key: f.title for f in site_protocol().figures},
    }


def keys() -> tuple[str, ...]:
    return tuple(titles())


def figures() -> dict[str, Figure]:
    """Every map by key; unavailable ones have no SVG (the page shows a table instead)."""
    found = memo("figures", _render_all)
    return {
        key: found.get(key) or Figure(key, title, "Map unavailable: see the table.")
        for key, title in titles().items()
    }


def figure(key: str) -> Figure | None:
    return figures().get(key)


def host_figure(host_iso3: str) -> Figure | None:
    """The report's figure of a host country (already rendered for the maps page)."""
    key = next((f.key for f in site_protocol().figures if host_iso3 in f.hosts), None)
    found = figures().get(key) if key else None
    return found if found is not None and found.available else None


def highlight_css(org_id: str) -> str:
    """An inline style that marks one organisation's pin on a host figure (its CSP hash is
    sent with the page; ``org_id`` is a slug checked against the store)."""
    return (
        f'.map-frame a[href="{ORG_HREF.format(id=org_id)}"] > * '
        "{ fill: #d81b60; stroke: #000000; stroke-width: 3px; r: 9px; }"
    )


def style_hash(css: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()
