"""The report's maps for the web pages, inlined as SVG (tooltips and pointer links work), for
the whole inventory or for the current selection of the directory.

Inline, every link of a map is taken out of the keyboard's tab order (``tabindex="-1"``) and
the map is one image to screen readers (``role="img"`` with its title and description): the
same links are listed in the page, under the map, where keyboards and screen readers reach
them. A small script (``static/web/site.js``) adds zoom and pan. The key to the map is also
given as data (``legend``), so a phone shows it in readable HTML.

If the map package fails, pages show a plain "map unavailable" figure and the table of
counts instead of failing.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import Any

from diaspora_atlas.refdata import country
from diaspora_atlas.report.maps import LegendItem, RenderedMap
from diaspora_atlas.report.study import StudyView
from diaspora_atlas.web.cache import current_version, memo
from diaspora_atlas.web.numbers import default_fiscal_year, study
from diaspora_atlas.web.scope import site_protocol

log = logging.getLogger(__name__)
ORG_HREF = "/organisations/{id}/"
COUNTRY_HREF = "/countries/{iso3}/"
WORLD_KEYS = ("origins", "offices", "gaps")
WHOLE_ONLY = ("offices", "gaps")  # maps of the whole inventory, not of a selection
SELECTIONS_KEPT = 32
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>\s*")
_LINK = re.compile(r"<a href=")
_ROOT = re.compile(r"<svg\b[^>]*>")
_SIZE = re.compile(r'\s(?:width|height)="[^"]*"')
_VIEWBOX = re.compile(r'viewBox="[^"]*"')


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    alt: str
    counts: dict[str, int] = field(default_factory=dict)
    svg: str = ""  # inline SVG markup, "" when unavailable
    legend: tuple[LegendItem, ...] = ()
    links: tuple[dict[str, Any], ...] = ()  # what the map links to, for keyboards and readers
    #: the map as a page shows it: its heading, notes and credits left to the page's text
    #: (on a phone they would shrink past reading); ``svg`` is the whole document
    page_svg: str = ""
    caption: tuple[str, ...] = ()  # the words around that part, for the page to print

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
            "legend": [vars(item) for item in self.legend],
            "links": list(self.links),
            "notes": list(self.caption),
        }


def inline(svg: str) -> str:
    """An SVG document as an element of a page: no XML prolog, links out of the tab order."""
    return _LINK.sub('<a tabindex="-1" href=', _XML_DECL.sub("", svg))


def _links(key: str, shown: StudyView) -> tuple[dict[str, Any], ...]:
    if key in WHOLE_ONLY:
        return ()
    if key == "origins":
        counted: dict[str, int] = {}
        names: dict[str, str] = {}
        for org in shown.organisations:
            for iso3 in org.origin_iso3:
                counted[iso3] = counted.get(iso3, 0) + 1
                names[iso3] = country(iso3).name
        return tuple(
            {"label": names[c], "count": n, "url": COUNTRY_HREF.format(iso3=c)}
            for c, n in sorted(counted.items(), key=lambda kv: (-kv[1], names[kv[0]]))
        )
    hosts = next((f.hosts for f in site_protocol().figures if f.key == key), ())
    return tuple(
        {"label": o.name, "count": None, "url": ORG_HREF.format(id=o.id)}
        for o in sorted(shown.organisations, key=lambda o: o.name)
        if o.host_iso3 in hosts
    )


def _figure(m: RenderedMap, shown: StudyView) -> Figure:
    view = None if m.web is None else m.web.box
    caption = () if m.web is None else tuple(line for line in m.web.caption if line)
    links = _links(m.key, shown)
    legend = m.legend if m.web is None or m.web.legend is None else m.web.legend
    svg = inline(m.svg)
    page = cropped(svg, view) if view else svg  # once per data version, not per page view
    return Figure(m.key, m.title, m.alt, dict(m.counts), svg, legend, links, page, caption)


def cropped(svg: str, box: tuple[float, float, float, float]) -> str:
    """``svg`` showing only ``box`` (x, y, width, height): the root's viewBox and size, and
    the paper behind it, set to the box (the rest stays in the markup, outside the view)."""
    x, y, width, height = (round(v) for v in box)
    root = _ROOT.search(svg)
    if root is None:
        return svg
    tag = _SIZE.sub("", root.group(0))
    tag = _VIEWBOX.sub(f'viewBox="{x} {y} {width} {height}"', tag)
    tag = tag.replace("<svg ", f'<svg width="{width}" height="{height}" ', 1)
    body = svg[root.end() :].replace(
        '<rect width="100%" height="100%"',
        f'<rect x="{x}" y="{y}" width="{width}" height="{height}"',
        1,
    )
    return svg[: root.start()] + tag + body


def _render(shown: StudyView, fiscal_year: int, with_offices: bool) -> dict[str, Figure]:
    try:
        from diaspora_atlas.report.figures import (
            gaps_map,
            government_offices_map,
            host_maps,
            origins_map,
        )
        from diaspora_atlas.web.audit import results

        protocol = site_protocol()
        lmic = replace(protocol.lmic, fiscal_year=fiscal_year)
        rendered = [
            *host_maps(shown, protocol.figures, ORG_HREF),
            origins_map(shown, lmic, COUNTRY_HREF),
        ]
        if with_offices:
            rendered.append(government_offices_map(shown, COUNTRY_HREF))
            step5 = results().get("gaps")
            if step5:
                rendered.append(gaps_map(step5, COUNTRY_HREF))
        return {m.key: _figure(m, shown) for m in rendered}
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


def _complete(found: dict[str, Figure], wanted: tuple[str, ...]) -> dict[str, Figure]:
    names = titles()
    return {
        key: found.get(key) or Figure(key, names[key], "Map unavailable: see the table.")
        for key in wanted
    }


def figures() -> dict[str, Figure]:
    """Every map of the whole inventory by key; unavailable ones have no SVG."""
    found = memo("figures", lambda: _render(study(), default_fiscal_year(), True))
    return _complete(found, keys())


_lock = threading.Lock()
_selections: OrderedDict[tuple[str, str], dict[str, Figure]] = OrderedDict()


def selection_figures(ids: list[str] | None, fiscal_year: int) -> dict[str, Figure]:
    """The maps of a selection of organisations (None: all of them) with the LMIC list of
    ``fiscal_year``; the offices map only for the whole inventory. The latest selections
    are kept (per data version)."""
    if ids is None and fiscal_year == default_fiscal_year():
        return figures()
    wanted = set(ids) if ids is not None else None
    digest = hashlib.sha1(" ".join(sorted(wanted or ["*"])).encode()).hexdigest()
    key = (current_version(), f"{fiscal_year}:{digest}")
    with _lock:
        found = _selections.get(key)
    if found is None:
        everyone = study()
        shown = replace(
            everyone,
            organisations=tuple(
                o for o in everyone.organisations if wanted is None or o.id in wanted
            ),
        )
        found = _render(shown, fiscal_year, wanted is None)
        with _lock:
            _selections[key] = found
            while len(_selections) > SELECTIONS_KEPT:
                _selections.popitem(last=False)
    shown_keys = tuple(
        k
        for k in keys()
        if wanted is None
        or (k not in WHOLE_ONLY and (k not in found or found[k].counts.get("total", 1) > 0))
    )
    return _complete(found, shown_keys)


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
