"""Country names in a query, in any spelling the reference data knows: names, official, World
Bank, common ("UK", "US", "Britain") and historic ("Burma") spellings, demonyms ("Pakistani")
and adjectivals ("Philippine"). Sub-national names ("Kerala") are not countries here: they are
searched as words, so they find the organisation of that state, not every one of its
country."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from diaspora_atlas.refdata.aliases import PRIMARY_KINDS, phrase_index

COUNTRY_KINDS = PRIMARY_KINDS | {"demonym", "adjectival"}
MAX_PHRASE = 6


@dataclass(frozen=True)
class Phrase:
    start: int  # index of its first word in the query
    end: int  # one past its last word
    text: str  # folded, as typed
    iso3s: frozenset[str]


@cache
def country_phrases() -> Mapping[str, frozenset[str]]:
    """Folded phrase -> the countries it names."""
    table: dict[str, frozenset[str]] = {}
    for key, matches in phrase_index().items():
        codes = frozenset(m.iso3 for m in matches if m.kind in COUNTRY_KINDS)
        if codes:
            table[key] = codes
    return MappingProxyType(table)


def country_words() -> frozenset[str]:
    """Every single word of a country phrase (typo correction compares against these)."""
    return _country_words()


@cache
def _country_words() -> frozenset[str]:
    return frozenset(w for phrase in country_phrases() for w in phrase.split() if len(w) > 3)


def lookup(words: Sequence[str]) -> frozenset[str]:
    """The countries a run of folded words names exactly ("viet nam"), a plural included
    ("indians"), or none."""
    table = country_phrases()
    phrase = " ".join(words)
    found = table.get(phrase)
    if found is None and len(words) == 1 and phrase.endswith("s"):
        found = table.get(phrase[:-1])
    return found or frozenset()


def find_countries(words: Sequence[str], skip: frozenset[str] = frozenset()) -> list[Phrase]:
    """Country phrases in a query's words, longest first, left to right; ``skip`` are words
    that are never a country alone (stop words such as "in", whatever the alias table says)."""
    found: list[Phrase] = []
    i = 0
    while i < len(words):
        for n in range(min(MAX_PHRASE, len(words) - i), 0, -1):
            if n == 1 and words[i] in skip:
                continue
            codes = lookup(words[i : i + n])
            if codes:
                found.append(Phrase(i, i + n, " ".join(words[i : i + n]), codes))
                i += n
                break
        else:
            i += 1
    return found
