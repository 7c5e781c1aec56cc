"""Reference data: countries, their many spellings, and World Bank income groups.

Everything is read lazily from the CSV tables in ``data/refdata/`` (derived from public
sources by ``scripts/derive_refdata.py``; provenance in ``data/refdata/SOURCES.md``) on
first use and cached. Nothing is read at import time.
"""

from __future__ import annotations

from diaspora_atlas.refdata import aliases as _aliases
from diaspora_atlas.refdata import countries as _countries
from diaspora_atlas.refdata import income as _income
from diaspora_atlas.refdata import names as _names
from diaspora_atlas.refdata import regions as _regions
from diaspora_atlas.refdata import resolve as _resolve
from diaspora_atlas.refdata import workforce as _workforce
from diaspora_atlas.refdata.aliases import AliasMatch, aliases_of, phrase_index
from diaspora_atlas.refdata.countries import Country, countries, country
from diaspora_atlas.refdata.exceptions import AmbiguousCountryError, UnknownFiscalYearError
from diaspora_atlas.refdata.income import (
    IncomeGroup,
    IncomeThresholds,
    fiscal_years,
    income_group,
    income_history,
    lmic_iso3s,
    thresholds,
)
from diaspora_atlas.refdata.names import LocalName, name_in
from diaspora_atlas.refdata.normalise import normalise_name
from diaspora_atlas.refdata.paths import data_dir
from diaspora_atlas.refdata.resolve import country_for_domain, find_country, resolve_country

__all__ = [
    "AliasMatch",
    "AmbiguousCountryError",
    "Country",
    "IncomeGroup",
    "IncomeThresholds",
    "LocalName",
    "UnknownFiscalYearError",
    "aliases_of",
    "clear_caches",
    "countries",
    "country",
    "country_for_domain",
    "data_dir",
    "find_country",
    "fiscal_years",
    "income_group",
    "income_history",
    "lmic_iso3s",
    "name_in",
    "normalise_name",
    "phrase_index",
    "resolve_country",
    "thresholds",
]


def clear_caches() -> None:
    """Forget every table read so far (for tests, or after re-deriving the tables)."""
    for cached in (
        _countries.countries,
        _aliases._alias_rows,
        _aliases._by_country,
        _aliases.phrase_index,
        _aliases.primary_index,
        _aliases.secondary_index,
        _aliases.domain_index,
        _resolve._codes,
        _income._groups,
        _income._thresholds,
        _income.fiscal_years,
        _income.lmic_iso3s,
        _names._names,
        _regions.regions,
    ):
        cached.cache_clear()
    _workforce.clear_caches()
