"""Flat exports: organisations.csv and offices.csv, one row per record, sources traceable."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from diaspora_atlas.model.focuses import FOCUS_PROP, focus_column, labels
from diaspora_atlas.refdata import country
from diaspora_atlas.report.cells import CsvWriter
from diaspora_atlas.report.study import OfficeView, OrganisationView, StudyView

# Facts shown by their preferred value, and those whose source URL gets a column of its own.
PREFERRED_COLUMNS = (
    "hq_city",
    "hq_region",
    "hq_country_iso3",
    "hq_lat",
    "hq_lon",
    "hq_precision",
    "founded_year",
    "legal_form",
    "registration_id",
    "mission_summary",
    "website_current",
)
SOURCED_COLUMNS = ("hq_city", "founded_year", "legal_form", "registration_id", "mission_summary")
ORGANISATION_COLUMNS = [
    "id",
    "paper_row",
    "name",
    "host_iso3",
    "host_name",
    "origin_iso3",
    "origin_names",
    "origin_subnational",
    "website",
    "online_presence",
    "paper_note",
    "source",
    *PREFERRED_COLUMNS,
    "roles",
    "focuses",
    "focus_evidence",
    "social_urls",
    *(f"{c}_source" for c in SOURCED_COLUMNS),
]
OFFICE_COLUMNS = [
    "id",
    "country_iso3",
    "country_name",
    "table2_country",
    "name",
    "parent",
    "institution_type",
    "websites",
    "established_from",
    "established_to",
    "established_dataset",
    "events",
    "source",
]


def _source(org: OrganisationView, prop: str) -> str:
    chosen = org.source_of(prop)
    return chosen.source_url if chosen and chosen.value else ""


def _names(codes: Iterable[str]) -> str:
    return ";".join(country(c).name for c in codes)


def focus_evidence(facts: dict[str, list[dict[str, object]]]) -> str:
    """Each focus that holds with its sentence, source and how it was labelled."""
    return " | ".join(
        f"{lb['code']}: “{lb['sentence']}” {lb['source_url']} ({lb['method']}"
        + (f", {lb['confidence']:.2f})" if lb["confidence"] is not None else ")")
        for lb in labels(facts, FOCUS_PROP)
        if lb["status"] != "rejected"
    )


def organisation_row(org: OrganisationView, paper_url: str) -> dict[str, object]:
    facts = org.entity.facts_json()
    return {
        "id": org.id,
        "paper_row": org.paper_row or "",
        "name": org.name,
        "host_iso3": org.host_iso3,
        "host_name": _names([org.host_iso3] if org.host_iso3 else []),
        "origin_iso3": ";".join(org.origin_iso3),
        "origin_names": _names(org.origin_iso3),
        "origin_subnational": org.origin_subnational,
        "website": org.website,
        "online_presence": org.online_presence,
        "paper_note": org.value("paper_note"),
        "source": f"{paper_url}#Tab1-row{org.paper_row}" if org.paper_row else "",
        **{prop: org.value(prop) for prop in PREFERRED_COLUMNS},
        "roles": ";".join(sorted(org.values("role"))),
        "focuses": focus_column(facts),
        "focus_evidence": focus_evidence(facts),
        **{f"{prop}_source": _source(org, prop) for prop in SOURCED_COLUMNS},
        "social_urls": ";".join(
            sorted({s.value for s in org.facts.get("social_url", []) if s.value})
        ),
    }


def office_row(office: OfficeView, country_text: str, paper_url: str) -> dict[str, object]:
    established = office.established()
    return {
        "id": office.id,
        "country_iso3": office.country_iso3,
        "country_name": _names([office.country_iso3]),
        "table2_country": country_text,
        "name": office.name,
        "parent": office.parent,
        "institution_type": office.institution_type,
        "websites": ";".join(office.websites),
        "established_from": established["year_from"] if established else "",
        "established_to": established["year_to"] if established else "",
        "established_dataset": established["dataset"] if established else "",
        "events": ";".join(
            f"{e['kind']} {e['year_from']}"
            + (f"-{e['year_to']}" if e["year_to"] != e["year_from"] else "")
            for e in office.events
        ),
        "source": f"{paper_url}#Tab2-{office.listing_id}",
    }


def write_table(path: Path, columns: list[str], rows: Iterable[dict[str, object]]) -> int:
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = CsvWriter(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(column, "") for column in columns])
            count += 1
    return count


def write_exports(study: StudyView, out: Path) -> dict[str, int]:
    texts = {li.id: li.country_text for li in study.listings}
    return {
        "organisations.csv": write_table(
            out / "organisations.csv",
            ORGANISATION_COLUMNS,
            (organisation_row(o, study.paper_url) for o in study.organisations),
        ),
        "offices.csv": write_table(
            out / "offices.csv",
            OFFICE_COLUMNS,
            (office_row(o, texts.get(o.listing_id, ""), study.paper_url) for o in study.offices),
        ),
    }
