"""How a candidate's name is compared.

A name is folded (``refdata.normalise_name``), its abbreviations expanded and its small words
and legal forms dropped (``data/rules/name_variants.csv``), plurals made singular, and the
host country it names replaced by a marker (``@USA``: "of America", "American", "USA" and
"in the United States" say the same thing). Words naming a country of origin are kept as
they are spelt: "Burmese" and "Myanmar" name one country but two different bodies in the
2019 list (the Burmese Medical Association Australia and the Australia Myanmar Medical
Association). Chapter words ("chapter", "branch") are taken out and remembered.
"""

from __future__ import annotations

from dataclasses import dataclass

from diaspora_atlas.model.names import name_variants
from diaspora_atlas.refdata import normalise_name, phrase_index
from diaspora_atlas.refdata.regions import region_words

MAX_PLACE_WORDS = 4


@dataclass(frozen=True)
class NameKey:
    """The comparable form of a name: its words in order (host as a marker) and what the
    folding found."""

    tokens: tuple[str, ...]
    optional: frozenset[str]  # tokens that may be missing from another form of the name
    chapter: bool  # the name has a chapter word
    host_in_name: str | None  # the host the name itself names
    replaced: tuple[tuple[str, str], ...] = ()  # (word as written, what it was read as)


def singular(token: str) -> str:
    """English plural to singular, for comparison only ("societies" -> "society")."""
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is", "os")):
        return token[:-1]
    return token


def _place_at(words: list[str], i: int) -> tuple[int, frozenset[str]]:
    """The longest place phrase starting at word ``i``: (its length, its countries)."""
    index = phrase_index()
    for n in range(min(MAX_PLACE_WORDS, len(words) - i), 0, -1):
        found = index.get(" ".join(words[i : i + n]))
        if found:
            return n, frozenset(m.iso3 for m in found)
    return 0, frozenset()


def name_key(name: str, host_iso3: str | None = None) -> NameKey:
    """The comparable form of ``name``; ``host_iso3`` is the host the mention was read with
    (the words naming it become the marker ``@<host>``)."""
    words = normalise_name(name).split()
    table = name_variants()
    tokens: list[str] = []
    optional: set[str] = set()
    replaced: list[tuple[str, str]] = []
    chapter, host_in_name = False, None
    i = 0
    while i < len(words):
        span, places = _place_at(words, i)
        if span and host_iso3 and host_iso3 in places:
            tokens.append("@" + host_iso3)
            host_in_name = host_iso3
            i += span
            continue
        if span:  # a place word of the origin (or of another host): kept as spelt
            tokens.extend(words[i : i + span])
            i += span
            continue
        word = words[i]
        i += 1
        variant = table.get(word)
        if variant is None or variant.kind == "word":
            tokens.append(word if word in region_words() else singular(word))
        elif variant.kind in ("abbreviation", "spelling"):
            tokens.append(singular(variant.value))
            replaced.append((word, variant.value))
        elif variant.kind == "optional":
            tokens.append(word)
            optional.add(word)
        elif variant.kind == "chapter":
            chapter = True
    return NameKey(tuple(tokens), frozenset(optional), chapter, host_in_name, tuple(replaced))
