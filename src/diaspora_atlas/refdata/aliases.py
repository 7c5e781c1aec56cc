"""Country names, spellings, demonyms and sub-national names, and resolving text to a country."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from rapidfuzz import fuzz, process

from diaspora_atlas.errors import UnknownCountryError
from diaspora_atlas.refdata.countries import Country, countries
from diaspora_atlas.refdata.exceptions import AmbiguousCountryError
from diaspora_atlas.refdata.normalise import normalise_name
from diaspora_atlas.refdata.tables import parse_rows, require

ALIASES_FILE = "country_aliases.csv"
CODE_CHANGES_FILE = "wb_code_changes.csv"
# Kinds that name the country itself; resolve_country tries these first.
PRIMARY_KINDS = frozenset({"name", "official", "wb", "paper", "common", "historic"})
# Kinds that point at a country indirectly; tried only when no primary alias matches.
SECONDARY_KINDS = frozenset({"demonym", "adjectival", "subnational"})
ALIAS_KINDS = PRIMARY_KINDS | SECONDARY_KINDS | {"domain"}
SUGGESTION_LIMIT = 5
SUGGESTION_CUTOFF = 75.0


@dataclass(frozen=True)
class AliasMatch:
    """One row of data/refdata/country_aliases.csv."""

    alias: str
    iso3: str
    kind: str
    source: str


def _parse_alias(row: dict[str, str]) -> AliasMatch:
    require(row["kind"] in ALIAS_KINDS, f"unknown alias kind {row['kind']!r}")
    require(row["iso3"] in countries(), f"alias {row['alias']!r} names unknown {row['iso3']!r}")
    require(bool(normalise_name(row["alias"])), "empty alias")
    return AliasMatch(row["alias"], row["iso3"], row["kind"], row["source"])


@cache
def _alias_rows() -> tuple[AliasMatch, ...]:
    return tuple(parse_rows(ALIASES_FILE, ("alias", "iso3", "kind", "source"), _parse_alias))


def _index(kinds: Iterable[str]) -> Mapping[str, tuple[AliasMatch, ...]]:
    wanted = frozenset(kinds)
    grouped: dict[str, list[AliasMatch]] = defaultdict(list)
    for match in _alias_rows():
        if match.kind in wanted:
            grouped[normalise_name(match.alias)].append(match)
    return MappingProxyType({key: tuple(value) for key, value in grouped.items()})


@cache
def phrase_index() -> Mapping[str, tuple[AliasMatch, ...]]:
    """Normalised phrase -> every alias row spelled that way, over all kinds but "domain".

    For scanning free text such as organisation names ("Association of Kerala Medical
    Graduates" contains "kerala" -> IND). A phrase with matches for several countries
    ("punjab") is ambiguous; the caller decides what to make of it. Domain suffixes are
    left out because ".in" would normalise to the word "in": see country_for_domain().
    """
    return _index(ALIAS_KINDS - {"domain"})


@cache
def _primary() -> Mapping[str, tuple[AliasMatch, ...]]:
    return _index(PRIMARY_KINDS)


@cache
def _secondary() -> Mapping[str, tuple[AliasMatch, ...]]:
    return _index(SECONDARY_KINDS)


@cache
def _domains() -> Mapping[str, tuple[AliasMatch, ...]]:
    return _index({"domain"})


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
    table = countries()
    index = _primary()
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
    for index in (_primary(), _secondary()):
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
    for match in _domains().get(normalise_name(label), ()):
        return countries()[match.iso3]
    return None
