#!/usr/bin/env python
"""Derive the bundled reference tables in data/refdata/ from public raw files.

Usage (from the repository root, with shared/ beside it)::

    pip install -e '.[derive]'
    python scripts/derive_refdata.py --shared ../shared          # write the tables
    python scripts/derive_refdata.py --shared ../shared --check  # fail if they are stale

Inputs (provenance and licences in data/refdata/SOURCES.md):

* shared/data/worldbank/OGHIST.xlsx, CLASS_FY2026.xlsx, CLASS_FY2017_Dec2016.xls
* shared/seed/frehywot-2019-medical-diaspora.txt (Table 2 country cells, Results lists)
* the PyPI packages pycountry (ISO 3166-1/-2) and countryinfo (regions, demonyms, spellings)
* the hand-curated tables in data/refdata/curated/ (overrides, extra spellings, exclusions)

Outputs: countries.csv, country_aliases.csv, income_groups.csv, income_thresholds.csv,
wb_code_changes.csv, paper_countries.csv. Every exception to what the sources say lives in
data/refdata/curated/*.csv with a note, never in this script's logic.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from importlib.resources import files
from itertools import pairwise
from pathlib import Path
from typing import Any, NoReturn

import openpyxl
import pycountry
import xlrd

from diaspora_atlas.refdata.normalise import normalise_name

REPO = Path(__file__).resolve().parents[1]
OUT_DIR = REPO / "data" / "refdata"
CURATED_DIR = OUT_DIR / "curated"

PRIMARY_KINDS = ("name", "official", "wb", "paper", "common", "historic")
SECONDARY_KINDS = ("demonym", "adjectival", "subnational")
ALL_KINDS = (*PRIMARY_KINDS, *SECONDARY_KINDS, "domain")
INCOME_GROUPS = ("L", "LM", "UM", "H")
INCOME_LABELS = {
    "Low income": "L",
    "Lower middle income": "LM",
    "Upper middle income": "UM",
    "High income": "H",
}
COUNTRY_FIELDS = (
    "iso3",
    "iso2",
    "iso_numeric",
    "name",
    "official_name",
    "un_region",
    "un_subregion",
    "un_intermediate_region",
    "wb_region",
    "wb_name_2026",
    "wb_name_2017",
    "paper_continent",
    "is_wb_economy",
    "note",
)
UN_REGIONS = {"Africa", "Americas", "Asia", "Europe", "Oceania"}

# What the raw files are expected to hold; a mismatch means the inputs changed.
EXPECTED = {
    "oghist_economies": 218,  # current economies in "Country Analytical History"
    "oghist_former": 6,  # former economies listed below them (CSK, MYT, ANT, YUG, SUN, YUGf)
    "class2026_economies": 218,
    "class2017_economies": 218,
    "table2_cells": 134,
    "results_entries": 41,
    "table1_orgs": 89,
}


def fail(message: str) -> NoReturn:
    sys.exit(f"derive_refdata: {message}")


def warn(message: str) -> None:
    print(f"  warning: {message}", file=sys.stderr)


def split_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {k: (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(handle)
            if any((v or "").strip() for v in row.values())
        ]


# ---------------------------------------------------------------- World Bank files


def fiscal_year(label: str) -> int:
    """'FY89' -> 1989, 'FY05' -> 2005 (the World Bank fiscal year ending 30 June)."""
    match = re.fullmatch(r"FY(\d\d)", label.strip())
    if not match:
        raise ValueError(f"not a fiscal-year label: {label!r}")
    two = int(match.group(1))
    return 1900 + two if two >= 50 else 2000 + two


@dataclass
class Oghist:
    names: dict[str, str]  # WB code -> economy name (current economies)
    groups: dict[str, dict[int, str]]  # code -> FY -> L/LM/UM/H
    notes: dict[tuple[str, int], str]  # (code, FY) -> note on a normalised value
    former: dict[str, str]  # former economies: code -> name
    header_thresholds: dict[int, list[str]]  # FY -> [L, LM, UM, H] cells
    data_years: dict[int, int]


def read_oghist(path: Path) -> Oghist:
    book = openpyxl.load_workbook(path, data_only=True, read_only=True)
    rows = [tuple(r) for r in book["Country Analytical History"].iter_rows(values_only=True)]
    header_index = next(i for i, r in enumerate(rows) if r[1] == "Bank's fiscal year:")
    header = rows[header_index]
    columns = {i: fiscal_year(str(v)) for i, v in enumerate(header) if i >= 2 and v}
    data_years = {
        columns[i]: int(str(v)) for i, v in enumerate(rows[header_index + 1]) if i in columns
    }
    header_thresholds: dict[int, list[str]] = defaultdict(list)
    for row in rows[header_index + 2 : header_index + 6]:
        for i, fy in columns.items():
            header_thresholds[fy].append(str(row[i]).strip())
    footnotes = {
        str(r[1]).strip()[0]: str(r[1]).strip()
        for r in rows
        if r[0] is None and r[1] and str(r[1]).startswith("*")
    }
    result = Oghist({}, {}, {}, {}, dict(header_thresholds), data_years)
    in_former_block = False
    for row in rows[header_index + 2 :]:
        code, name = row[0], row[1]
        if code is None:
            in_former_block = in_former_block or bool(
                name and str(name).startswith("*") and result.names
            )
            continue
        code = str(code).strip()
        if in_former_block:
            result.former[code] = str(name)
            continue
        result.names[code] = str(name).strip()
        history: dict[int, str] = {}
        for i, fy in columns.items():
            raw = "" if row[i] is None else str(row[i]).strip()
            if raw in ("", ".."):
                continue
            value = raw.rstrip("*")
            if value not in INCOME_GROUPS:
                fail(f"OGHIST {code} FY{fy}: unexpected value {raw!r}")
            if value != raw:
                note = footnotes.get("*", "marked with * in OGHIST")
                result.notes[(code, fy)] = f"OGHIST value {raw!r}: {note.lstrip('* ')}"
            history[fy] = value
        result.groups[code] = history
    return result


def parse_money(text: str) -> int:
    return int(re.sub(r"[^\d]", "", text))


def read_thresholds(path: Path) -> list[dict[str, Any]]:
    """The analytical income thresholds (rows 'Low income' .. 'High income')."""
    book = openpyxl.load_workbook(path, data_only=True, read_only=True)
    rows = [tuple(r) for r in book["Thresholds"].iter_rows(values_only=True)]
    fy_row = next(r for r in rows if r[0] == "Bank's fiscal year:")
    year_row = next(r for r in rows if r[0] == "Data for calendar year :")
    start = next(i for i, r in enumerate(rows) if r[0] == "Analytical Classifications")
    labelled = {str(r[0]).strip(): r for r in rows[start:] if r[0]}
    low, lower, upper, high = (
        labelled[k]
        for k in ("Low income", "Lower middle income", "Upper middle income", "High income")
    )
    out = []
    for i, label in enumerate(fy_row):
        if i == 0 or not label or low[i] is None:
            continue
        low_max = parse_money(str(low[i]).replace("<=", ""))
        lm_lo, lm_hi = (parse_money(p) for p in str(lower[i]).split("-"))
        um_lo, um_hi = (parse_money(p) for p in str(upper[i]).split("-"))
        high_min = parse_money(str(high[i]).replace(">", ""))
        fy = fiscal_year(str(label))
        if not (lm_lo == low_max + 1 and um_lo == lm_hi + 1 and high_min == um_hi):
            fail(f"Thresholds FY{fy}: bands do not join up: {low[i]} {lower[i]} {upper[i]}")
        out.append(
            {
                "fiscal_year": fy,
                "data_year": int(str(year_row[i])),
                "low_max": low_max,
                "lower_middle_max": lm_hi,
                "upper_middle_max": um_hi,
            }
        )
    return out


@dataclass
class WbList:
    economies: dict[str, dict[str, str]]  # code -> {name, region, income}


def read_class_2026(path: Path) -> WbList:
    book = openpyxl.load_workbook(path, data_only=True, read_only=True)
    rows = list(book["List of economies"].iter_rows(values_only=True))
    header = [str(v) for v in rows[0]]
    idx = {k: header.index(k) for k in ("Economy", "Code", "Region", "Income group")}
    economies = {}
    for row in rows[1:]:
        if row[idx["Economy"]] and row[idx["Region"]]:  # aggregates have no region
            economies[str(row[idx["Code"]]).strip()] = {
                "name": str(row[idx["Economy"]]).strip(),
                "region": str(row[idx["Region"]]).strip(),
                "income": INCOME_LABELS.get(str(row[idx["Income group"]] or "").strip(), ""),
            }
    return WbList(economies)


def read_class_2017(path: Path) -> WbList:
    sheet = xlrd.open_workbook(str(path)).sheet_by_index(0)
    header_row = next(i for i in range(sheet.nrows) if "Economy" in sheet.row_values(i))
    header = [str(v) for v in sheet.row_values(header_row)]
    idx = {k: header.index(k) for k in ("Economy", "Code", "Region", "Income group")}
    economies = {}
    for i in range(header_row + 1, sheet.nrows):
        row = sheet.row_values(i)
        if isinstance(row[0], float) and row[idx["Region"]]:
            economies[str(row[idx["Code"]]).strip()] = {
                "name": str(row[idx["Economy"]]).strip(),
                "region": str(row[idx["Region"]]).strip(),
                "income": INCOME_LABELS.get(str(row[idx["Income group"]]).strip(), ""),
            }
    return WbList(economies)


# ---------------------------------------------------------------- the paper


@dataclass
class Paper:
    table2: list[str]
    results: list[tuple[str, str]]  # (continent, cell)
    table1: list[str]
    text: str


def read_paper(path: Path) -> Paper:
    text = path.read_text(encoding="utf-8")
    start = text.index("\tYear established")
    end = text.index("Total: 68", start)
    lines = text[start:end].split("\n")
    table2 = [
        line.strip()
        for previous, line in pairwise(lines)
        if (previous == "" or ("\xa0" in previous and not previous.strip()))
        and re.fullmatch(r"\t[^\t\xa0]+", line)
    ]
    results: list[tuple[str, str]] = []
    for continent, count, body in re.findall(
        r"(Asia|Africa|America|Europe) \((\d+)\): ([^\n\t]+)", text
    ):
        cells = [re.sub(r"^and ", "", c.strip()) for c in body.split(",")]
        if len(cells) != int(count):
            fail(f"paper Results: {continent} lists {len(cells)} names, says {count}")
        results.extend((continent, c) for c in cells)
    t1_start = text.index("Table 1The list")
    t1_end = text.index("There are four medical diaspora", t1_start)
    table1 = re.findall(r"^\t\d+\. (.+?)\*?\s*$", text[t1_start:t1_end], flags=re.M)
    return Paper(table2, results, table1, text)


# ---------------------------------------------------------------- countryinfo


def countryinfo_records() -> dict[str, dict[str, Any]]:
    """countryinfo's country files keyed by ISO alpha-3; duplicates merged (first wins)."""
    merged: dict[str, dict[str, Any]] = {}
    folder = files("countryinfo") / "data"
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".json"):
            continue
        record = json.loads(entry.read_text(encoding="utf-8"))
        iso3 = (record.get("ISO") or {}).get("alpha3")
        if not iso3:
            continue
        target = merged.setdefault(iso3, {"altSpellings": []})
        for key, value in record.items():
            if key == "altSpellings":
                target["altSpellings"] += [a for a in value or [] if a not in target[key]]
            elif value and not target.get(key):
                target[key] = value
    return merged


# ---------------------------------------------------------------- curated inputs


@dataclass
class Curated:
    country_fields: dict[str, dict[str, str]]
    country_notes: dict[str, list[str]]
    adds: list[dict[str, str]]
    drops: list[dict[str, str]]
    ambiguous: dict[tuple[str, str], dict[str, str]]  # (normalised alias, tier) -> row
    subdivisions: list[dict[str, str]]
    paper_cells: dict[tuple[str, str], dict[str, str]]


def read_curated(folder: Path) -> Curated:
    fields: dict[str, dict[str, str]] = defaultdict(dict)
    notes: dict[str, list[str]] = defaultdict(list)
    for row in read_csv(folder / "countries.csv"):
        if row["field"] not in COUNTRY_FIELDS or row["field"] in ("note", "paper_continent"):
            fail(f"curated/countries.csv: cannot set field {row['field']!r}")
        fields[row["iso3"]][row["field"]] = row["value"]
        if row["note"] and row["note"] not in notes[row["iso3"]]:
            notes[row["iso3"]].append(row["note"])
    adds, drops, ambiguous = [], [], {}
    for row in read_csv(folder / "aliases.csv"):
        if row["action"] == "add":
            if row["kind"] not in ALL_KINDS:
                fail(f"curated/aliases.csv: unknown kind {row['kind']!r} for {row['alias']!r}")
            adds.append(row)
        elif row["action"] == "drop":
            drops.append(row)
        elif row["action"] == "ambiguous":
            ambiguous[(normalise_name(row["alias"]), row["kind"])] = row
        else:
            fail(f"curated/aliases.csv: unknown action {row['action']!r}")
    cells = {(r["section"], r["cell"]): r for r in read_csv(folder / "paper_cells.csv")}
    return Curated(
        dict(fields),
        dict(notes),
        adds,
        drops,
        ambiguous,
        read_csv(folder / "subdivisions.csv"),
        cells,
    )


# ---------------------------------------------------------------- countries


def wb_code_changes(class2017: WbList, class2026: WbList) -> list[dict[str, str]]:
    """FY2017 codes missing from FY2026, matched to FY2026 by normalised economy name."""
    by_name = {normalise_name(e["name"]): code for code, e in class2026.economies.items()}
    changes = []
    for code, economy in sorted(class2017.economies.items()):
        if code in class2026.economies:
            continue
        new = by_name.get(normalise_name(economy["name"]))
        if not new:
            fail(f"FY2017 code {code} ({economy['name']}) has no FY2026 economy of that name")
        changes.append(
            {
                "old_code": code,
                "new_code": new,
                "name": economy["name"],
                "source": "CLASS_FY2017_Dec2016.xls vs CLASS_FY2026.xlsx (matched by name)",
            }
        )
    return changes


def build_countries(
    ci: dict[str, dict[str, Any]],
    curated: Curated,
    class2026: WbList,
    class2017: WbList,
    old_to_new: dict[str, str],
) -> dict[str, dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    for c in pycountry.countries:
        record = ci.get(c.alpha_3, {})
        rows[c.alpha_3] = {
            "iso3": c.alpha_3,
            "iso2": c.alpha_2,
            "iso_numeric": c.numeric,
            "name": getattr(c, "common_name", None) or c.name,
            "official_name": getattr(c, "official_name", None) or c.name,
            "un_region": record.get("region") or "",
            "un_subregion": record.get("subregion") or "",
            "un_intermediate_region": record.get("intermediateregion") or "",
        }
    for iso3, values in curated.country_fields.items():
        row = rows.setdefault(iso3, {"iso3": iso3})
        row.update(values)
    wb17 = {old_to_new.get(code, code): e for code, e in class2017.economies.items()}
    for iso3, row in rows.items():
        for key in COUNTRY_FIELDS:
            row.setdefault(key, "")
        e26 = class2026.economies.get(iso3)
        row["wb_region"] = e26["region"] if e26 else ""
        row["wb_name_2026"] = e26["name"] if e26 else ""
        row["wb_name_2017"] = wb17[iso3]["name"] if iso3 in wb17 else ""
        row["is_wb_economy"] = "1" if e26 else "0"
        row["note"] = "; ".join(curated.country_notes.get(iso3, []))
        if row["un_region"] and row["un_region"] not in UN_REGIONS:
            fail(f"{iso3}: un_region {row['un_region']!r} is not a UN M49 region")
        if not row["name"] or not re.fullmatch(r"[A-Z]{3}", iso3):
            fail(f"country row {iso3!r} lacks a name or a valid code")
    missing = set(class2026.economies) - set(rows)
    if missing:
        fail(f"World Bank economies without a country row: {sorted(missing)}")
    return rows


# ---------------------------------------------------------------- aliases


@dataclass
class AliasTable:
    rows: list[dict[str, str]] = field(default_factory=list)
    seen: set[tuple[str, str, str]] = field(default_factory=set)

    def add(self, alias: str, iso3: str, kind: str, source: str, note: str = "") -> None:
        alias = " ".join(alias.split())
        key = (normalise_name(alias), iso3, kind)
        if not key[0]:
            return
        if kind == "common" and any((key[0], iso3, k) in self.seen for k in PRIMARY_KINDS):
            key = next(k for k in ((key[0], iso3, k) for k in PRIMARY_KINDS) if k in self.seen)
        if key in self.seen:
            if note:  # a curated note on a spelling another source already gave
                for row in self.rows:
                    if (normalise_name(row["alias"]), row["iso3"], row["kind"]) == key:
                        row["note"] = "; ".join(filter(None, (row["note"], note)))
            return
        self.seen.add(key)
        self.rows.append(
            {"alias": alias, "iso3": iso3, "kind": kind, "source": source, "note": note}
        )

    def drop(self, alias: str, iso3: str, kind: str) -> int:
        target = normalise_name(alias)
        before = len(self.rows)
        self.rows = [
            r
            for r in self.rows
            if not (
                normalise_name(r["alias"]) == target
                and r["iso3"] == iso3
                and (kind in ("", "*") or r["kind"] == kind)
            )
        ]
        self.seen = {(normalise_name(r["alias"]), r["iso3"], r["kind"]) for r in self.rows}
        return before - len(self.rows)

    def index(self, kinds: Iterable[str]) -> dict[str, set[str]]:
        wanted = set(kinds)
        out: dict[str, set[str]] = defaultdict(set)
        for r in self.rows:
            if r["kind"] in wanted:
                out[normalise_name(r["alias"])].add(r["iso3"])
        return out


def is_code(text: str, record_codes: set[str]) -> bool:
    return text in record_codes


def subdivision_aliases(table: AliasTable, curated: Curated, countries: dict[str, Any]) -> None:
    for spec in curated.subdivisions:
        iso3 = spec["iso3"]
        iso2 = countries[iso3]["iso2"]
        types = set(split_list(spec["types"]))
        suffixes = sorted(split_list(spec["strip_suffixes"]), key=len, reverse=True)
        excluded = {normalise_name(x) for x in split_list(spec["exclude"])}
        found = 0
        for sub in pycountry.subdivisions.get(country_code=iso2) or []:  # type: ignore[no-untyped-call]
            if sub.type not in types:
                continue
            name = sub.name
            for suffix in suffixes:
                if name.endswith(" " + suffix):
                    name = name[: -len(suffix) - 1]
                    break
            if normalise_name(name) in excluded or normalise_name(sub.name) in excluded:
                continue
            found += 1
            table.add(name, iso3, "subnational", f"pycountry ISO 3166-2 {sub.code} ({sub.type})")
        if not found:
            fail(f"curated/subdivisions.csv: no subdivisions selected for {iso3}")


def build_aliases(
    countries: dict[str, dict[str, str]],
    ci: dict[str, dict[str, Any]],
    curated: Curated,
    oghist: Oghist,
) -> AliasTable:
    table = AliasTable()
    for iso3, row in sorted(countries.items()):
        fields = curated.country_fields.get(iso3, {})
        table.add(row["name"], iso3, "name", "curated" if "name" in fields else "pycountry")
        c = pycountry.countries.get(alpha_3=iso3)
        if c is not None:
            table.add(c.name, iso3, "name", "pycountry ISO 3166-1 name")
            if getattr(c, "common_name", None):
                table.add(c.common_name, iso3, "common", "pycountry common_name")
            if getattr(c, "official_name", None):
                table.add(c.official_name, iso3, "official", "pycountry official_name")
        official_source = "curated" if "official_name" in fields else "pycountry"
        table.add(row["official_name"], iso3, "official", official_source)
        if row["wb_name_2026"]:
            table.add(row["wb_name_2026"], iso3, "wb", "World Bank CLASS_FY2026.xlsx")
        if row["wb_name_2017"]:
            table.add(row["wb_name_2017"], iso3, "wb", "World Bank CLASS_FY2017_Dec2016.xls")
        if iso3 in oghist.names:
            table.add(oghist.names[iso3], iso3, "wb", "World Bank OGHIST.xlsx")
    for iso3, record in sorted(ci.items()):
        if iso3 not in countries:
            continue
        codes = {countries[iso3]["iso2"], iso3}
        table.add(record.get("name", ""), iso3, "common", "countryinfo name")
        for alt in record.get("altSpellings") or []:
            if not is_code(alt, codes):
                table.add(alt, iso3, "common", "countryinfo altSpellings")
        for demonym in str(record.get("demonym") or "").split(","):
            table.add(demonym.strip(), iso3, "demonym", "countryinfo demonym")
        for tld in record.get("tld") or []:
            if re.fullmatch(r"\.[a-z]{2}", tld):
                table.add(tld, iso3, "domain", "countryinfo tld")
    subdivision_aliases(table, curated, countries)
    for row in curated.adds:
        if row["iso3"] not in countries:
            fail(f"curated/aliases.csv: {row['alias']!r} names unknown country {row['iso3']}")
        table.add(row["alias"], row["iso3"], row["kind"], "curated", row["note"])
    for row in curated.drops:
        if not table.drop(row["alias"], row["iso3"], row["kind"]):
            warn(f"curated drop matched nothing: {row['alias']!r} {row['iso3']} {row['kind']}")
    return table


def check_ambiguities(table: AliasTable, curated: Curated) -> list[str]:
    """Every alias naming several countries within a tier must be declared in curated."""
    problems = []
    declared_seen = set()
    for tier, kinds in (("primary", PRIMARY_KINDS), ("secondary", SECONDARY_KINDS)):
        for alias, codes in sorted(table.index(kinds).items()):
            if len(codes) < 2:
                continue
            declared = curated.ambiguous.get((alias, tier))
            declared_seen.add((alias, tier))
            if declared is None:
                problems.append(f"{tier} alias {alias!r} names {sorted(codes)}: undeclared")
            elif set(split_list(declared["iso3"])) != codes:
                problems.append(f"{tier} alias {alias!r} names {sorted(codes)}, declared otherwise")
    for key in set(curated.ambiguous) - declared_seen:
        problems.append(f"declared ambiguous alias {key} is not ambiguous")
    primary = table.index(PRIMARY_KINDS)
    for alias, codes in sorted(table.index(SECONDARY_KINDS).items()):
        if alias in primary and primary[alias] != codes:
            warn(f"{alias!r}: secondary {sorted(codes)} vs primary {sorted(primary[alias])}")
    return problems


def resolve_paper(
    paper: Paper, table: AliasTable, curated: Curated, countries: dict[str, dict[str, str]]
) -> list[dict[str, str]]:
    primary = table.index(PRIMARY_KINDS)
    out: list[dict[str, str]] = []
    unresolved = []
    cells = [("table2", "", c) for c in paper.table2] + [
        ("results", continent, c) for continent, c in paper.results
    ]
    for position, (section, continent, cell) in enumerate(cells, start=1):
        special = curated.paper_cells.get((section, cell))
        codes = (
            split_list(special["iso3"])
            if special
            else sorted(primary.get(normalise_name(cell), ()))
        )
        if len(codes) != 1 and not special:
            unresolved.append(f"{section}: {cell!r} -> {codes}")
            continue
        for iso3 in codes:
            if iso3 not in countries:
                fail(f"curated/paper_cells.csv: unknown code {iso3}")
            out.append(
                {
                    "section": section,
                    "position": str(
                        position if section == "table2" else position - len(paper.table2)
                    ),
                    "cell": cell,
                    "iso3": iso3,
                    "paper_continent": continent,
                    "note": special["note"] if special else "",
                }
            )
    if unresolved:
        fail("paper cells that do not resolve to one country:\n  " + "\n  ".join(unresolved))
    return out


def add_paper_aliases(table: AliasTable, paper_rows: list[dict[str, str]]) -> None:
    for row in paper_rows:
        if row["note"]:  # a merged or otherwise special cell is not a spelling of a country
            continue
        source = "Frehywot et al. 2019, " + ("Table 2" if row["section"] == "table2" else "Results")
        table.add(row["cell"], row["iso3"], "paper", source)


def set_paper_continents(
    countries: dict[str, dict[str, str]], paper_rows: list[dict[str, str]]
) -> None:
    for row in paper_rows:
        if row["section"] != "results":
            continue
        current = countries[row["iso3"]]["paper_continent"]
        if current and current != row["paper_continent"]:
            fail(f"{row['iso3']} is listed under two continents in the paper's Results")
        countries[row["iso3"]]["paper_continent"] = row["paper_continent"]


# ---------------------------------------------------------------- income


def income_rows(oghist: Oghist, countries: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    rows = []
    for code, history in sorted(oghist.groups.items()):
        if code not in countries:
            fail(f"OGHIST economy {code} has no country row")
        for fy, group in sorted(history.items()):
            rows.append(
                {
                    "iso3": code,
                    "fiscal_year": str(fy),
                    "income_group": group,
                    "note": oghist.notes.get((code, fy), ""),
                }
            )
    return rows


def cross_check_income(
    oghist: Oghist, class2026: WbList, class2017: WbList, old_to_new: dict[str, str]
) -> None:
    """Compare OGHIST with the two lists of economies; disagreements become row notes."""
    for label, fy, wb_list in (
        ("CLASS_FY2026.xlsx", 2026, class2026),
        ("CLASS_FY2017_Dec2016.xls", 2017, class2017),
    ):
        for code, economy in wb_list.economies.items():
            iso3 = old_to_new.get(code, code)
            ours = oghist.groups.get(iso3, {}).get(fy, "")
            if economy["income"] == ours:
                continue
            theirs = economy["income"] or "unclassified"
            warn(f"{label} says {iso3} {theirs}, OGHIST FY{fy % 100:02d} says {ours or '-'}")
            if ours:
                note = f"{label} lists it as {theirs}"
                old = oghist.notes.get((iso3, fy))
                oghist.notes[(iso3, fy)] = f"{old}; {note}" if old else note


def cross_check_thresholds(oghist: Oghist, thresholds: list[dict[str, Any]]) -> None:
    for t in thresholds:
        cells = oghist.header_thresholds.get(t["fiscal_year"])
        if not cells:
            continue
        low_max = parse_money(cells[0])
        lm_hi = parse_money(cells[1].split("-")[1])
        um_hi = parse_money(cells[2].split("-")[1])
        if (low_max, lm_hi, um_hi) != (t["low_max"], t["lower_middle_max"], t["upper_middle_max"]):
            fail(f"FY{t['fiscal_year']}: Thresholds sheet and history header disagree")
        if oghist.data_years.get(t["fiscal_year"]) != t["data_year"]:
            fail(f"FY{t['fiscal_year']}: GNI data year differs between sheets")


# ---------------------------------------------------------------- diagnostics


COMPASS_WORDS = {
    "north",
    "south",
    "east",
    "west",
    "central",
    "centre",
    "center",
    "northern",
    "southern",
    "eastern",
    "western",
    "province",
    "region",
}


def _distinctive(names: Iterable[str]) -> set[str]:
    """Normalised names, leaving out those made only of compass words ('North Central')."""
    out = set()
    for name in names:
        folded = normalise_name(name)
        if not set(folded.split()) <= COMPASS_WORDS:
            out.add(folded)
    return out


def check_countryinfo_provinces(ci: dict[str, dict[str, Any]]) -> list[str]:
    """Flag countryinfo province lists that are mostly another country's ISO 3166-2 names."""
    iso_names: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is not None:
            iso_names[country.alpha_3] |= _distinctive([sub.name])
    findings = []
    for iso3, record in sorted(ci.items()):
        provinces = _distinctive(record.get("provinces") or [])
        overlap = {code: len(provinces & names) for code, names in iso_names.items()}
        best = max(overlap, key=lambda code: overlap[code])
        own = overlap.get(iso3, 0)
        if best != iso3 and 2 * overlap[best] >= len(provinces) > 3 and own * 2 < overlap[best]:
            findings.append(
                f"countryinfo provinces of {iso3} are {best}'s ISO 3166-2 names "
                f"({overlap[best]} of {len(provinces)} match {best}, {own} match {iso3})"
            )
    return findings


def check_table1(paper: Paper, table: AliasTable) -> list[str]:
    """Table 1 organisation names in which no known phrase occurs."""
    phrases = table.index(ALL_KINDS)
    longest = max(len(p.split()) for p in phrases)
    missing = []
    for name in paper.table1:
        words = normalise_name(name).split()
        grams = {
            " ".join(words[i : i + n])
            for n in range(1, longest + 1)
            for i in range(len(words) - n + 1)
        }
        if not grams & set(phrases):
            missing.append(name)
    return missing


# ---------------------------------------------------------------- output


def render(columns: Iterable[str], rows: Iterable[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def lost_hand_edits(path: Path, new_rows: list[dict[str, str]]) -> Iterator[str]:
    """Rows someone added to country_aliases.csv by hand that the derivation drops."""
    if not path.exists():
        return
    new = {(normalise_name(r["alias"]), r["iso3"], r["kind"]) for r in new_rows}
    for row in read_csv(path):
        if (
            normalise_name(row.get("alias", "")),
            row.get("iso3", ""),
            row.get("kind", ""),
        ) not in new:
            yield f"{row.get('alias')!r} {row.get('iso3')} {row.get('kind')}"


def expect(label: str, actual: int) -> None:
    if actual != EXPECTED[label]:
        fail(f"expected {EXPECTED[label]} {label}, found {actual}: have the raw files changed?")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    shared: Path = args.shared
    wb_dir = shared / "data" / "worldbank"
    for required in (wb_dir / "OGHIST.xlsx", shared / "seed"):
        if not required.exists():
            fail(f"{required} not found: pass --shared pointing at the shared/ folder")

    curated = read_curated(CURATED_DIR)
    oghist = read_oghist(wb_dir / "OGHIST.xlsx")
    thresholds = read_thresholds(wb_dir / "OGHIST.xlsx")
    class2026 = read_class_2026(wb_dir / "CLASS_FY2026.xlsx")
    class2017 = read_class_2017(wb_dir / "CLASS_FY2017_Dec2016.xls")
    paper = read_paper(shared / "seed" / "frehywot-2019-medical-diaspora.txt")
    ci = countryinfo_records()
    expect("oghist_economies", len(oghist.names))
    expect("oghist_former", len(oghist.former))
    expect("class2026_economies", len(class2026.economies))
    expect("class2017_economies", len(class2017.economies))
    expect("table2_cells", len(paper.table2))
    expect("results_entries", len(paper.results))
    expect("table1_orgs", len(paper.table1))

    changes = wb_code_changes(class2017, class2026)
    old_to_new = {c["old_code"]: c["new_code"] for c in changes}
    countries = build_countries(ci, curated, class2026, class2017, old_to_new)
    table = build_aliases(countries, ci, curated, oghist)
    paper_rows = resolve_paper(paper, table, curated, countries)
    add_paper_aliases(table, paper_rows)
    set_paper_continents(countries, paper_rows)
    problems = check_ambiguities(table, curated)
    if problems:
        fail("alias ambiguities to resolve in curated/aliases.csv:\n  " + "\n  ".join(problems))
    for finding in check_countryinfo_provinces(ci):
        warn(finding)
    for name in check_table1(paper, table):
        warn(f"Table 1 organisation with no known country phrase: {name!r}")
    cross_check_income(oghist, class2026, class2017, old_to_new)
    cross_check_thresholds(oghist, thresholds)

    kind_order = {k: i for i, k in enumerate(ALL_KINDS)}
    alias_rows = sorted(
        table.rows, key=lambda r: (r["iso3"], kind_order[r["kind"]], normalise_name(r["alias"]))
    )
    income = income_rows(oghist, countries)
    outputs = {
        "countries.csv": render(COUNTRY_FIELDS, (countries[k] for k in sorted(countries))),
        "country_aliases.csv": render(("alias", "iso3", "kind", "source", "note"), alias_rows),
        "income_groups.csv": render(("iso3", "fiscal_year", "income_group", "note"), income),
        "income_thresholds.csv": render(
            ("fiscal_year", "data_year", "low_max", "lower_middle_max", "upper_middle_max"),
            thresholds,
        ),
        "wb_code_changes.csv": render(("old_code", "new_code", "name", "source"), changes),
        "paper_countries.csv": render(
            ("section", "position", "cell", "iso3", "paper_continent", "note"), paper_rows
        ),
    }
    for lost in lost_hand_edits(args.out / "country_aliases.csv", alias_rows):
        warn(f"country_aliases.csv row not reproduced (add it to curated/aliases.csv): {lost}")
    stale = []
    for filename, content in outputs.items():
        path = args.out / filename
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if args.check:
            if old != content:
                stale.append(filename)
        elif old != content:
            path.write_text(content, encoding="utf-8")
        print(f"{filename}: {content.count(chr(10)) - 1} rows")
    report_lmics(income)
    used = ", ".join(f"{pkg} {metadata.version(pkg)}" for pkg in ("pycountry", "countryinfo"))
    print(f"derived with {used}")
    if stale:
        print(f"stale: {', '.join(stale)} (re-run without --check)", file=sys.stderr)
        return 1
    return 0


def report_lmics(income: list[dict[str, str]]) -> None:
    per_year = Counter(
        int(r["fiscal_year"]) for r in income if r["income_group"] in ("L", "LM", "UM")
    )
    shown = ", ".join(f"FY{fy}: {per_year[fy]}" for fy in range(2017, 2021))
    print(f"LMIC economies (L+LM+UM) per fiscal year: {shown}")


if __name__ == "__main__":
    sys.exit(main())
