#!/usr/bin/env python
"""Derive data/refdata/country_names.csv: each country's short name in the languages the
search plan names countries in (other than English, whose names are countries.csv's).

Usage (from the repository root)::

    pip install -e '.[derive]'                       # brings Babel (CLDR)
    python scripts/derive_country_names.py           # rewrite the table
    python scripts/derive_country_names.py --check   # exit 1 if it is stale

Source: the Unicode CLDR territory names as Babel ships them (Unicode licence v3, see
data/refdata/SOURCES.md). Countries are those of countries.csv, by their ISO 3166-1 alpha-2
code; a country CLDR does not name in a language gets no row (the plan falls back to
English and says so).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFDATA = ROOT / "data" / "refdata"
OUT = REFDATA / "country_names.csv"
LANGUAGES = ("de", "es", "fr", "it", "nl", "pt")


def derive() -> str:
    from babel import Locale, __version__

    with (REFDATA / "countries.csv").open(encoding="utf-8", newline="") as handle:
        countries = [(row["iso3"], row["iso2"]) for row in csv.DictReader(handle)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["iso3", "language", "name", "source"])
    for language in LANGUAGES:
        names = Locale.parse(language).territories
        for iso3, iso2 in countries:
            name = names.get(iso2)
            if name:
                writer.writerow([iso3, language, name, f"CLDR via Babel {__version__}"])
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the table is stale")
    args = parser.parse_args()
    text = derive()
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.is_file() else ""
        if current != text:
            sys.stderr.write(f"{OUT} is stale: run scripts/derive_country_names.py\n")
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    sys.stdout.write(f"wrote {OUT} ({text.count(chr(10)) - 1} rows)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
