"""The report's maps from the store's views: the protocol's host-country figures (the paper's
Figures 1-3), origins, and offices."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from diaspora_atlas.protocol import HostFigure, LmicRule, Protocol
from diaspora_atlas.refdata import countries, country
from diaspora_atlas.report.maps import (
    Pin,
    RenderedMap,
    has_panel,
    host_figure,
    host_map,
    offices_map,
    origin_map,
)
from diaspora_atlas.report.maps.gaps import GapCountry, gap_map
from diaspora_atlas.report.study import OrganisationView, StudyView

SOURCES = (
    "Organisations: Frehywot et al. 2019 (CC BY 4.0); headquarters from 2026 web sources, "
    "geocoded with GeoNames (CC BY 4.0)",
)


def pin(org: OrganisationView, href: str) -> Pin:
    """Placed at its headquarters only when they lie in its host country; else at the host's
    level with what is known, never as if the city were known."""
    in_host = org.value("hq_country_iso3") == org.host_iso3
    lat, lon = (org.value("hq_lat"), org.value("hq_lon")) if in_host else ("", "")
    precision = org.value("hq_precision") if in_host else "country"
    return Pin(
        id=org.id,
        name=org.name,
        host_iso3=org.host_iso3,
        lat=float(lat) if lat else None,
        lon=float(lon) if lon else None,
        precision=precision or "country",
        region_code=org.value("hq_region_code") if in_host else "",
        origin=", ".join(country(c).name for c in org.origin_iso3),
        href=href.format(id=org.id),
    )


def drawable(figures: Sequence[HostFigure]) -> list[HostFigure]:
    """The figures whose every host has bundled boundaries (data/geo/panels.yaml)."""
    return [f for f in figures if all(has_panel(h) for h in f.hosts)]


def undrawable(figures: Sequence[HostFigure]) -> list[str]:
    """One line per figure that cannot be drawn yet, saying why."""
    return [
        f"{f.key}: no bundled map for {', '.join(h for h in f.hosts if not has_panel(h))} "
        "(add its boundaries to data/geo and its panel to data/geo/panels.yaml)"
        for f in figures
        if not all(has_panel(h) for h in f.hosts)
    ]


def host_maps(study: StudyView, figures: Sequence[HostFigure], href: str = "") -> list[RenderedMap]:
    rendered = []
    for figure in drawable(figures):
        pins = [pin(o, href) for o in study.organisations if o.host_iso3 in figure.hosts]
        spec = host_figure(figure.key, figure.title, figure.hosts)
        rendered.append(host_map(spec, pins, SOURCES))
    return rendered


def origins_map(study: StudyView, lmic: LmicRule, href: str = "") -> RenderedMap:
    counts = Counter(c for o in study.organisations for c in o.origin_iso3)
    names = {code: c.name for code, c in countries().items()}
    hrefs = {code: href.format(iso3=code) for code in names} if href else {}
    return origin_map(
        counts,
        lmic.iso3s(),
        names,
        hrefs,
        lmic.fiscal_year,
        (
            "Origin countries: Frehywot et al. 2019, Table 1 (curated)",
            f"LMIC list: World Bank FY{lmic.fiscal_year} (OGHIST, CC BY 4.0)",
        ),
    )


def government_offices_map(study: StudyView, href: str = "") -> RenderedMap:
    types: dict[str, list[str]] = defaultdict(list)
    for office in study.offices:
        types[office.country_iso3].append(office.institution_type)
    listed = {c for li in study.listings for c in li.country_iso3}
    names = {code: c.name for code, c in countries().items()}
    hrefs = {code: href.format(iso3=code) for code in names} if href else {}
    return offices_map(
        types,
        names,
        hrefs,
        listed,
        ("Offices: Frehywot et al. 2019, Table 2 (bodies typed by documented rules)",),
    )


def all_maps(
    study: StudyView, protocol: Protocol, org_href: str = "", country_href: str = ""
) -> list[RenderedMap]:
    """The protocol's host-country figures that can be drawn, then origins and offices."""
    return [
        *host_maps(study, protocol.figures, org_href),
        origins_map(study, protocol.lmic, country_href),
        government_offices_map(study, country_href),
    ]


def gaps_map(gaps: Mapping[str, Any], href: str = "") -> RenderedMap:
    """The gap analysis of results.json (``results["gaps"]``) as a world map."""
    ranks = {g["origin_iso3"]: g["rank"] for g in gaps["largest"]}
    shown = [
        GapCountry(
            r["origin_iso3"],
            r["organisations"],
            r["foreign_trained_doctors_in_hosts_with_figure"],
            bool(r["hosts_with_figure"]),
            ranks.get(r["origin_iso3"]),
        )
        for r in gaps["rows"]
    ]
    names = {code: c.name for code, c in countries().items()}
    hrefs = {code: href.format(iso3=code) for code in names} if href else {}
    notes = [
        f"Ranking: {gaps['ranking_rule']}.",
        *(f"{note[0].upper()}{note[1:]}." for note in gaps["host_figures"].values()),
        gaps["search_note"],
    ]
    sources = (
        "Organisations: Frehywot et al. 2019 (CC BY 4.0) and the store's inventories",
        "Foreign-trained doctors: OECD Health Statistics, Health Workforce Migration (2018)",
        gaps["licence"],
    )
    return gap_map(shown, names, hrefs, gaps["fiscal_year"], notes, sources)
