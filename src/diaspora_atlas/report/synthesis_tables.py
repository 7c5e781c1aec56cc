"""Step 5's tables (CSV, XLSX sheets, the report), read from results.json's sections: the
ranked gap list, the whole LMIC x host gap table, completeness by host, focuses by origin."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from diaspora_atlas.refdata import country
from diaspora_atlas.report.tables import Cell, Table

# The WHO licence travels with the column (a CSV has no notes): non-commercial use only.
WHO_COLUMN = "Doctors per 10,000 (WHO; CC BY-NC-SA 3.0 IGO, non-commercial use only)"


def _stock(cell: Mapping[str, Any]) -> Cell:
    value = cell["foreign_trained_doctors"]["value"]
    return int(value) if value is not None else None


def largest_gaps_table(gaps: Mapping[str, Any]) -> Table:
    hosts = list(gaps["hosts"])
    rows: list[tuple[Cell, ...]] = []
    for g in gaps["largest"]:
        stocks = {c["host_iso3"]: _stock(c) for c in g["cells"]}
        density = g["doctors_per10000"]
        rows.append((
            g["rank"], g["name"], g["origin_iso3"], g["foreign_trained_doctors_in_hosts_with_figure"],
            *(stocks.get(h) for h in hosts), density["value"], density["year"], g["caveat"],
        ))  # fmt: skip
    return Table(
        "gaps-largest",
        "Large medical diasporas with no organisation found (ranked)",
        ("Rank", "Country", "ISO3", "Foreign-trained doctors in hosts with a figure",
         *(f"OECD {h}" for h in hosts), WHO_COLUMN, "WHO year", "Caveat"),
        tuple(rows),
        (gaps["ranking_rule"] + ".", *_figure_notes(gaps), gaps["search_note"], gaps["licence"]),
    )  # fmt: skip


def _figure_notes(gaps: Mapping[str, Any]) -> list[str]:
    return [f"{h}: {note}." for h, note in gaps["host_figures"].items()]


def gap_table_full(gaps: Mapping[str, Any]) -> Table:
    rows: list[tuple[Cell, ...]] = []
    for r in gaps["rows"]:
        density = r["doctors_per10000"]
        for c in r["cells"]:
            figure = c["foreign_trained_doctors"]
            rows.append((
                r["origin_iso3"], country(r["origin_iso3"]).name, c["host_iso3"], c["status"],
                len(c["organisations"]), ";".join(c["organisations"]), c["searched_by"],
                _stock(c), figure["reason"], density["value"], density["year"], density["reason"],
            ))  # fmt: skip
    return Table(
        "gaps-lmic-host",
        f"Gap analysis: every LMIC of FY{gaps['fiscal_year']} in every host",
        ("ISO3", "Country", "Host", "Status", "Organisations", "Organisation ids", "Searched by",
         "OECD foreign-trained doctors (2018)", "Why no OECD figure", WHO_COLUMN,
         "WHO year", "Why no WHO figure"),
        tuple(rows),
        (gaps["search_note"], *_figure_notes(gaps), gaps["licence"]),
    )  # fmt: skip


def completeness_table(completeness: Mapping[str, Any]) -> Table:
    rows: list[tuple[Cell, ...]] = []
    for design, found in completeness["designs"].items():
        for host, e in found["by_host"].items():
            low, high = e.get("interval") or (None, None)
            estimate = e.get("estimate")
            rows.append((
                host, str(design).replace("_", " "), e["found_in_inventory"],
                "; ".join(e.get("sources", [])), str(e.get("method", "")).capitalize(), round(estimate, 1) if estimate is not None else None,
                round(low, 1) if low is not None else None,
                round(high, 1) if high is not None else None, e["verdict"],
                e.get("explanation", ""),
            ))  # fmt: skip
    return Table(
        "completeness-by-host",
        "How complete is the inventory? Capture–recapture estimates by host",
        ("Host", "Sources", "Found (inventory)", "Source ids", "Method", "Estimated total",
         "95% interval from", "95% interval to", "Verdict", "Explanation"),
        tuple(rows),
        (completeness["note"], *("Assumption: " + a for a in completeness["assumptions"])),
    )  # fmt: skip


def focuses_table(focuses: Mapping[str, Any]) -> Table:
    codes = list(focuses["codes"])
    rows = tuple(
        (country(iso3).name, iso3, mix["organisations"], *(mix[c] for c in codes),
         mix["no_label"], mix["no_text"])
        for iso3, mix in focuses["by_origin"].items()
    )  # fmt: skip
    return Table(
        "focuses-by-origin",
        "Focuses of the organisations by country of origin",
        ("Origin", "ISO3", "Organisations", *codes, "Texts state no focus", "No text to judge"),
        rows,
        (focuses["note"], "An organisation may hold several focuses."),
    )


def synthesis_tables(results: Mapping[str, Any]) -> list[Table]:
    """The tables, if the results have the sections (an empty study has none)."""
    if "gaps" not in results:
        return []
    return [
        largest_gaps_table(results["gaps"]),
        gap_table_full(results["gaps"]),
        completeness_table(results["completeness"]),
        focuses_table(results["focuses"]),
    ]
