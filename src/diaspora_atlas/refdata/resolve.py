"""Resolving free text (names, spellings, codes, domains) to one country."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from diaspora_atlas.errors import UnknownCountryError
from diaspora_atlas.refdata.aliases import (
    AliasMatch,
    domain_index,
    primary_index,
    secondary_index,
)
from diaspora_atlas.refdata.countries import Country, countries
from diaspora_atlas.refdata.exceptions import AmbiguousCountryError
from diaspora_atlas.refdata.normalise import normalise_name
from diaspora_atlas.refdata.tables import parse_rows, require

CODE_CHANGES_FILE = "wb_code_changes.csv"
SUGGESTION_LIMIT = 5
SUGGESTION_CUTOFF = 75.0


@cache
def _codes() -> Mapping[str, str]:
    """ISO3, ISO2 and former World Bank codes -> ISO3."""
    codes: dict[str, str] = {}
    for item in countries().values():
        codes[item.iso3] = item.iso3
        if item.iso2:
            codes[item.iso2] = item.iso3

    def parse(row: dict[str, str]) -> tuple[str, str]:
        require(row["new_code"] in countries(), f"unknown new_code {row['new_code']!r}")
        return row["old_code"], row["new_code"]

    for old, new in parse_rows(CODE_CHANGES_FILE, ("old_code", "new_code"), parse):
        codes.setdefault(old, new)
    return MappingProxyType(codes)


def _one(name: str, matches: tuple[AliasMatch, ...]) -> Country:
    table = countries()
    codes = sorted({m.iso3 for m in matches})
    if len(codes) > 1:
        raise AmbiguousCountryError(name, [(code, table[code].name) for code in codes])
    return table[codes[0]]


def suggest(name: str) -> list[str]:
    """Up to five country names whose spellings are closest to ``name``."""
    from rapidfuzz import fuzz, process  # only for a name that was not found: kept off start-up

    table = countries()
    index = primary_index()
    found = process.extract(
        normalise_name(name),
        list(index),
        scorer=fuzz.WRatio,
        limit=40,
        score_cutoff=SUGGESTION_CUTOFF,
    )
    names: list[str] = []
    for key, _score, _position in found:
        for match in index[key]:
            label = table[match.iso3].name
            if label not in names:
                names.append(label)
    return names[:SUGGESTION_LIMIT]


def find_country(name: str) -> Country | None:
    """Like resolve_country, but None when nothing matches (ambiguity still raises)."""
    key = normalise_name(name)
    for index in (primary_index(), secondary_index()):
        if key in index:
            return _one(name, index[key])
    code = name.strip().upper()
    if re.fullmatch(r"[A-Z]{2,3}", code) and code in _codes():
        return countries()[_codes()[code]]
    return None


def resolve_country(name: str) -> Country:
    """The one country a name, spelling or code denotes.

    Matching is exact after normalise_name(): first the country's names, official, World
    Bank, paper, common and historic spellings; then, only if none matches, demonyms,
    adjectives and sub-national names ("Kerala" -> India); then ISO3, ISO2 and former
    World Bank codes ("ZAR" -> COD). Raises AmbiguousCountryError when the spelling belongs
    to several countries ("Punjab"), UnknownCountryError with close names when none.
    """
    found = find_country(name)
    if found is None:
        raise UnknownCountryError(name, suggest(name))
    return found


def country_for_domain(host: str) -> Country | None:
    """The country of a host name's country-code top-level domain ("x.org.uk" -> GBR)."""
    label = host.strip().lower().rstrip(".").rsplit(".", 1)[-1]
    for match in domain_index().get(normalise_name(label), ()):
        return countries()[match.iso3]
    return None
