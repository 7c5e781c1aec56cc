"""The report's tables: Tables 1 and 2 regenerated from the store, and summary tables."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from diaspora_atlas.model.labels import label
from diaspora_atlas.refdata import country
from diaspora_atlas.report.study import StudyView

Cell = str | int | float | None


@dataclass(frozen=True)
class Table:
    key: str  # file stem and XLSX sheet name (<= 31 characters)
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...] = field(default=())

    def column(self, name: str) -> list[Cell]:
        index = self.columns.index(name)
        return [row[index] for row in self.rows]


def _names(codes: tuple[str, ...] | list[str]) -> str:
    return "; ".join(country(c).name for c in codes)


def table1(study: StudyView) -> Table:
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            o.paper_row,
            o.name,
            o.website or "(no website)",
            country(o.host_iso3).name,
            _names(o.origin_iso3),
            o.origin_subnational,
            label("presence", o.online_presence),
            o.value("hq_city"),
            o.value("founded_year"),
        )
        for o in study.organisations
    )
    return Table(
        "table1-organisations",
        "Table 1. Medical diaspora organisations (in the paper's alphabetical order)",
        (
            "No.",
            "Organisation",
            "URL",
            "Host country",
            "Origin",
            "Origin (sub-national)",
            "Online presence",
            "Headquarters city",
            "Founded",
        ),
        rows,
        (
            "No., Organisation and URL as printed in Frehywot et al. (2019), Table 1.",
            "Host and origin are curated (name/URL inference plus explained overrides); headquarters "
            "city and founding year come from 2026 web sources (see the organisation's statements).",
            "The four organisations without a website are the paper's documented exception.",
        ),
    )


def table2(study: StudyView) -> Table:
    bodies: dict[str, list[str]] = defaultdict(list)
    types: dict[str, list[str]] = defaultdict(list)
    for office in study.offices:
        bodies[office.listing_id].append(office.name)
        types[office.listing_id].append(office.institution_type)
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            li.country_text,
            _names(li.country_iso3),
            li.office_text.replace("\n", "; "),
            "; ".join(dict.fromkeys(label("institution_type", t) for t in types[li.id])),
            li.website_text.replace("\n", " "),
            li.year_text,
            label("status", li.office_status),
        )
        for li in study.listings
        if li.office_status != "total"
    )
    return Table(
        "table2-offices",
        "Table 2. Country diaspora offices (rows in the paper's order)",
        (
            "Country (as printed)",
            "Country",
            "Engagement office",
            "Institution type(s)",
            "Website",
            "Year established",
            "Office cell",
        ),
        rows,
        (
            "Country, office, website and year cells as printed in Frehywot et al. (2019), Table 2; "
            "institution types assigned by documented keyword rules.",
            "Office cell: 'Office named' names a body; 'No entry' was blank; 'Not available' "
            "printed so; 'No office' says there is none.",
        ),
    )


def host_by_continent(study: StudyView, hosts: Sequence[str]) -> Table:
    counts: Counter[tuple[str, str]] = Counter()
    regions: set[str] = set()
    for org in study.organisations:
        for region in sorted({country(c).un_region for c in org.origin_iso3}):
            counts[(org.host_iso3, region)] += 1
            regions.add(region)
    ordered = sorted(regions)
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            country(host).name,
            *(counts[(host, r)] for r in ordered),
            sum(1 for o in study.organisations if o.host_iso3 == host),
        )
        for host in hosts
    )
    return Table(
        "organisations-host-continent",
        "Organisations by host country and continent of origin (UN M49 regions)",
        ("Host", *ordered, "Organisations"),
        rows,
        ("An organisation counts once per continent of its origin countries.",),
    )


def by_origin(study: StudyView, hosts: Sequence[str]) -> Table:
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for org in study.organisations:
        for code in org.origin_iso3:
            per[code][org.host_iso3] += 1
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            country(code).name,
            code,
            country(code).un_region,
            *(per[code][h] for h in hosts),
            sum(per[code].values()),
        )
        for code in sorted(per, key=lambda c: (-sum(per[c].values()), country(c).name))
    )
    return Table(
        "organisations-by-origin",
        "Organisations by country of origin and host",
        ("Origin", "ISO3", "Continent", *hosts, "Total"),
        rows,
    )


def offices_by_type_decade(study: StudyView) -> Table:
    counts: Counter[tuple[str, str]] = Counter()
    decades: set[str] = set()
    for office in study.offices:
        chosen = office.established()
        decade = f"{chosen['year_from'] // 10 * 10}s" if chosen else "not available"
        counts[(office.institution_type, decade)] += 1
        decades.add(decade)
    ordered = [*sorted(d for d in decades if d != "not available"), "not available"]
    kinds = sorted({o.institution_type for o in study.offices})
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (
            label("institution_type", kind),
            *(counts[(kind, d)] for d in ordered),
            sum(counts[(kind, d)] for d in ordered),
        )
        for kind in kinds
    )
    return Table(
        "offices-type-decade",
        "Government diaspora bodies by institution type and decade established",
        ("Institution type", *ordered, "Bodies"),
        rows,
        (
            "Decade from the paper's 'Year established' (attached to the first body of its row), else "
            "from a 2026 source; 'Late 1990's' counts in the 1990s.",
        ),
    )


def all_tables(study: StudyView, hosts: Sequence[str]) -> list[Table]:
    """Every table; ``hosts`` (the protocol's, in its order) are the host rows and columns."""
    return [
        table1(study),
        table2(study),
        host_by_continent(study, hosts),
        by_origin(study, hosts),
        offices_by_type_decade(study),
    ]
