"""The alias table: country names, spellings, demonyms and sub-national names."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from diaspora_atlas.refdata.countries import countries
from diaspora_atlas.refdata.normalise import normalise_name
from diaspora_atlas.refdata.tables import parse_rows, require

ALIASES_FILE = "country_aliases.csv"
# Kinds that name the country itself; resolve_country tries these first.
PRIMARY_KINDS = frozenset({"name", "official", "wb", "paper", "common", "historic"})
# Kinds that point at a country indirectly; tried only when no primary alias matches.
SECONDARY_KINDS = frozenset({"demonym", "adjectival", "subnational"})
ALIAS_KINDS = PRIMARY_KINDS | SECONDARY_KINDS | {"domain"}


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
def primary_index() -> Mapping[str, tuple[AliasMatch, ...]]:
    """Normalised spelling -> rows of the kinds that name a country itself."""
    return _index(PRIMARY_KINDS)


@cache
def secondary_index() -> Mapping[str, tuple[AliasMatch, ...]]:
    """Normalised spelling -> demonym, adjectival and sub-national rows."""
    return _index(SECONDARY_KINDS)


@cache
def domain_index() -> Mapping[str, tuple[AliasMatch, ...]]:
    """Country-code top-level domain (".uk" folds to "uk") -> rows."""
    return _index({"domain"})


@cache
def _by_country() -> Mapping[str, tuple[AliasMatch, ...]]:
    grouped: dict[str, list[AliasMatch]] = defaultdict(list)
    for match in _alias_rows():
        grouped[match.iso3].append(match)
    return MappingProxyType({key: tuple(value) for key, value in grouped.items()})


def aliases_of(iso3: str, kinds: Iterable[str] = ALIAS_KINDS) -> tuple[AliasMatch, ...]:
    """Every spelling of one country of the given kinds (e.g. its names, or its demonyms)."""
    wanted = frozenset(kinds)
    return tuple(m for m in _by_country().get(iso3, ()) if m.kind in wanted)
