#!/usr/bin/env python
"""Derive the bundled health-workforce tables in data/workforce/ from the raw WHO and OECD files.

Usage (from the repository root, with shared/ beside it)::

    python scripts/derive_workforce.py --shared ../shared          # write the tables
    python scripts/derive_workforce.py --shared ../shared --check  # exit 1 if they are stale

Inputs (provenance and licences in data/workforce/SOURCES.md):

* shared/data/health-workforce/who_medical_doctors_per10000.csv — WHO Global Health
  Observatory, indicator HWF_0001 (medical doctors per 10,000 population);
* shared/data/health-workforce/oecd_foreign_trained_doctors_2018.csv — OECD Health Workforce
  Migration, foreign-trained doctors, stock (VAR=FTDS), by destination and country of origin.

Outputs:

* who_doctors_per10000.csv — iso3, value, year: the latest year with a value, per country;
* oecd_foreign_trained_doctors.csv — host_iso3, origin_iso3, year, stock: every row as given
  (a 0 is a figure; a pair that is absent has no figure).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

from diaspora_atlas.refdata import country

REPO = Path(__file__).resolve().parents[1]
OUT_DIR = REPO / "data" / "workforce"
WHO_FILE = Path("data/health-workforce/who_medical_doctors_per10000.csv")
OECD_FILE = Path("data/health-workforce/oecd_foreign_trained_doctors_2018.csv")
WHO_INDICATOR = "HWF_0001"
OECD_VARIABLE = "FTDS"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def who_latest(rows: list[dict[str, str]]) -> list[tuple[str, str, int]]:
    """(iso3, value, year) for each country: the value of the latest year that has one."""
    latest: dict[str, tuple[int, str]] = {}
    flagged: dict[str, int] = {}
    for row in rows:
        if row["IndicatorCode"] != WHO_INDICATOR or not row["FactValueNumeric"].strip():
            continue
        iso3, year = row["SpatialDimValueCode"], int(row["Period"])
        assert row["Location type"] == "Country", row
        country(iso3)  # raises for a code the project does not know
        value = row["FactValueNumeric"].strip()
        float(value)
        if iso3 not in latest or year > latest[iso3][0]:
            latest[iso3] = (year, value)
        if row["IsLatestYear"] == "TRUE":
            flagged[iso3] = year
    assert flagged == {k: v[0] for k, v in latest.items()}, "WHO's IsLatestYear disagrees"
    assert len(latest) == 194, f"expected 194 countries with HWF_0001, found {len(latest)}"
    return sorted((iso3, value, year) for iso3, (year, value) in latest.items())


def oecd_stocks(rows: list[dict[str, str]]) -> list[tuple[str, str, int, int]]:
    """(host_iso3, origin_iso3, year, stock) for each row of foreign-trained doctors (stock)."""
    out: dict[tuple[str, str, int], int] = {}
    for row in rows:
        assert row["VAR"] == OECD_VARIABLE, row
        host, origin, year = row["COU"], row["CO2"], int(row["YEA"])
        country(host)
        country(origin)
        key = (host, origin, year)
        assert key not in out, f"duplicate OECD row {key}"
        stock = float(row["Value"])
        assert stock == int(stock) and stock >= 0, row
        out[key] = int(stock)
    assert len(out) == 1576, f"expected 1576 OECD rows, found {len(out)}"
    return sorted((h, o, y, s) for (h, o, y), s in out.items())


def render(header: tuple[str, ...], rows: list[tuple[object, ...]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    tables = {
        "who_doctors_per10000.csv": render(
            ("iso3", "value", "year"), list(who_latest(read_csv(args.shared / WHO_FILE)))
        ),
        "oecd_foreign_trained_doctors.csv": render(
            ("host_iso3", "origin_iso3", "year", "stock"),
            list(oecd_stocks(read_csv(args.shared / OECD_FILE))),
        ),
    }
    stale = []
    for name, text in tables.items():
        path = args.out / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path} ({text.count(chr(10)) - 1} rows)")
    if stale:
        print(f"stale: {', '.join(stale)}; re-run without --check", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
