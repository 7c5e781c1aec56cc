"""Country names in the language of a search: what a query names a country by.

English names are countries.csv's ``name``; other languages come from country_names.csv
(CLDR short names, derived by ``scripts/derive_country_names.py``). A country with no name
in a language falls back to English, and the answer says so."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from diaspora_atlas.refdata.countries import country
from diaspora_atlas.refdata.tables import read_table, table_path

NAMES_FILE = "country_names.csv"
HINT = "re-run `python scripts/derive_country_names.py` or restore data/refdata/ from git"


@dataclass(frozen=True)
class LocalName:
    iso3: str
    language: str
    name: str
    source: str  # where the name comes from ("countries.csv", "CLDR via Babel 2.19.0", ...)
    fallback: bool = False  # True: no name in ``language``, the English one is given


@cache
def _names() -> dict[tuple[str, str], tuple[str, str]]:
    rows = read_table(table_path(NAMES_FILE), ("iso3", "language", "name", "source"), HINT)
    return {(r["iso3"], r["language"]): (r["name"], r["source"]) for r in rows}


def name_in(iso3: str, language: str) -> LocalName:
    """The country's name in ``language`` (an ISO 639-1 code)."""
    english = country(iso3).name
    if language == "en":
        return LocalName(iso3, language, english, "countries.csv")
    found = _names().get((iso3, language))
    if found is None:
        return LocalName(iso3, language, english, "countries.csv (no name in this language)", True)
    return LocalName(iso3, language, found[0], found[1])
