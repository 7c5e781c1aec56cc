"""Files a visitor may download: the build outputs that exist (a safe allow-list), a
consistent copy of the SQLite database, and the current selection as CSV or JSON."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any, BinaryIO

from diaspora_atlas.report.cells import CsvWriter
from diaspora_atlas.settings import load_settings
from diaspora_atlas.store.snapshot import is_sqlite, open_snapshot
from diaspora_atlas.web.cache import current_version

DATABASE_NAME = "medical-diaspora-atlas.sqlite3"
# Relative paths under the build folder that may be served, with what they are.
ALLOWED: tuple[tuple[str, str, str], ...] = (
    (r"datapackage\.json", "Frictionless data package (describes every table)", "data package"),
    (r"results\.json", "The study's numbers, claim verdicts and the audit", "JSON"),
    (r"organisations\.csv", "Organisations, one row each, with sources", "CSV"),
    (r"offices\.csv", "Government diaspora bodies, one row each", "CSV"),
    (r"organisations\.json", "Organisations with every fact and its source", "JSON"),
    (r"offices\.json", "Government bodies with every fact and its source", "JSON"),
    (r"[a-z0-9_\-]+\.json", "JSON export", "JSON"),
    (r"organisations\.geojson", "Organisation headquarters as points", "GeoJSON"),
    (r"tables\.xlsx", "The report's tables as one workbook", "XLSX"),
    (r"tables/[A-Za-z0-9_\-]+\.csv", "A table of the report", "CSV"),
    (r"CITATION\.cff", "How to cite the dataset", "CFF"),
    (r"report/report\.pdf", "The report as PDF", "PDF"),
    (r"report/index\.html", "The report as one HTML file", "HTML"),
    (r"report/maps/[a-z0-9\-]+\.(?:svg|png)", "A map of the report", "Map"),
)
CONTENT_TYPES = {
    ".json": "application/json",
    ".geojson": "application/geo+json",
    ".csv": "text/csv; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".cff": "text/plain; charset=utf-8",
    ".pdf": "application/pdf",
    ".html": "text/html; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".sqlite3": "application/vnd.sqlite3",
}


def _describe(relative: str) -> tuple[str, str] | None:
    for pattern, what, kind in ALLOWED:
        if re.fullmatch(pattern, relative):
            return what, kind
    return None


def out_dir() -> Path:
    return load_settings().out_dir


def available_files() -> list[dict[str, Any]]:
    """Allow-listed files present in the build folder, with sizes."""
    root = out_dir()
    if not root.is_dir():
        return []
    files = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        relative = path.relative_to(root).as_posix()
        described = _describe(relative)
        if described is None:
            continue
        files.append(
            {
                "name": relative,
                "description": described[0],
                "format": described[1],
                "bytes": path.stat().st_size,
                "url": f"/downloads/{relative}",
            }
        )
    return files


def resolve_file(relative: str) -> Path | None:
    """The file behind a download URL, only if allow-listed and inside the build folder."""
    if ".." in relative.split("/") or _describe(relative) is None:
        return None
    root = out_dir().resolve()
    path = (root / relative).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        return None
    return path


def database_available() -> bool:
    return is_sqlite()


def database_snapshot() -> BinaryIO:
    """A copy of the live database taken with SQLite's backup API, once per data version
    (across every server process), opened for reading."""
    version = re.sub(r"[^0-9A-Za-z]+", "-", current_version())
    return open_snapshot(load_settings().home / "snapshots", f"atlas-{version}.sqlite3")


CSV_COLUMNS = (
    "id",
    "name",
    "paper_row",
    "host_iso3",
    "host_name",
    "origin_iso3",
    "origin_names",
    "origin_subnational",
    "website",
    "online_presence",
    "roles",
    "founded_year",
    "hq_city",
    "hq_region",
    "acronyms",
    "mission_summary",
    "last_verified",
    "url",
    "sources",
    "data_version",
    "data_date",
    "query",
)


def selection_csv(
    rows: list[dict[str, Any]],
    base_url: str,
    sources: dict[str, list[str]],
    release: dict[str, Any],
    query_url: str,
) -> str:
    """The selection as CSV: one row per organisation with the sources of its values, the
    data version and date, and the address of the selection (so a file says what it is)."""
    out = io.StringIO()
    writer = CsvWriter(out)  # neutralises cells a spreadsheet would run as formulas
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row["id"],
                row["name"],
                row.get("paper_row") or "",
                row["host_iso3"],
                row["host_name"],
                ";".join(o["iso3"] for o in row["origins"]),
                ";".join(o["name"] for o in row["origins"]),
                row.get("origin_subnational", ""),
                row.get("website", ""),
                row.get("online_presence", ""),
                ";".join(row.get("roles", [])),
                row.get("founded_year") or "",
                row.get("hq_city", ""),
                row.get("hq_region", ""),
                ";".join(row.get("acronyms", [])),
                row.get("mission_summary", ""),
                row.get("last_verified") or "",
                base_url + row["url"],
                " ".join(sources.get(row["id"], [])),
                release.get("version", ""),
                release.get("date", ""),
                query_url,
            ]
        )
    return out.getvalue()


def countries_table_csv(found: dict[str, Any], release: dict[str, Any], query_url: str) -> str:
    """The countries table as shown (its filters and order), with the data version."""
    hosts = [h["iso3"] for h in found["hosts"]]
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.writerow(
        [
            "iso3",
            "name",
            "region",
            f"income_group_fy{found['fiscal_year']['fiscal_year']}",
            "organisations_from",
            *(f"organisations_in_{h}" for h in hosts),
            "government_bodies",
            "roles_covered",
            "organisations_hosted",
            "url",
            "data_version",
            "data_date",
            "query",
        ]
    )
    for c in found["countries"]:
        writer.writerow(
            [
                c["iso3"],
                c["name"],
                c["region"],
                c["income_group"],
                c["organisations_from"],
                *(c["by_host"].get(h, 0) for h in hosts),
                c["government_bodies"],
                c["roles_covered"],
                c["organisations_hosted"],
                c["url"],
                release.get("version", ""),
                release.get("date", ""),
                query_url,
            ]
        )
    return out.getvalue()
