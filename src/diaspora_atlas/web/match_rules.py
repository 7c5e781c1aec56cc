"""What in two names says they are different organisations, though they look alike.

A candidate is never ``chosen`` when the query and the name it matched disagree on:

- a country: the query names a country (in any spelling: "Australian", "UK", "Burma") that is
  neither the organisation's host nor one of its origins;
- a host the query leaves out: the matched name names the organisation's host ("... UK") and
  the query does not ("Pakistan Medical Association" is the national association in Pakistan,
  not the Pakistan Medical Association UK);
- a distinguishing word (``data/rules/match_words.csv``: "junior", "foundation", "students",
  "united", another profession, ...) that one name has and the other has not;
- a word of the query that the matched name does not have, even misspelt ("United Iraqi
  Medical Association" is not "Iraqi Medical Association UK");
- an acronym: one the query gives that the organisation is not known by.

Each rule returns the reason in words, or "".
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Sequence
from functools import cache

from rapidfuzz import fuzz

from diaspora_atlas.errors import DataFileError
from diaspora_atlas.refdata.normalise import acronym_key, normalise_name
from diaspora_atlas.refdata.paths import data_dir
from diaspora_atlas.web.facts import country_names
from diaspora_atlas.web.find.places import find_countries
from diaspora_atlas.web.find.words import search_words

SAME_WORD = 85.0  # rapidfuzz ratio at which two words are one word misspelt
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&\-]{1,}[A-Z0-9]\b")


@cache
def distinguishing_words() -> frozenset[str]:
    path = data_dir() / "rules" / "match_words.csv"
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return frozenset(normalise_name(row["word"]) for row in csv.DictReader(handle))
    except (OSError, KeyError) as exc:
        raise DataFileError(f"cannot read {path}: {exc}", "restore data/rules/ from git") from exc


def _words(text: str) -> list[str]:
    return normalise_name(text).split()


def countries_named(text: str) -> list[tuple[str, frozenset[str]]]:
    """The countries a name names, with the words that name them."""
    words = _words(text)
    skip = search_words().stop
    return [(p.text, p.iso3s) for p in find_countries(words, skip=skip)]


def country_conflict(query: str, host: str, origins: Collection[str]) -> str:
    names = country_names()
    theirs = {host, *origins}
    for words, codes in countries_named(query):
        if not codes & theirs:
            place = " or ".join(names.get(c, c) for c in sorted(codes))
            own = ", ".join(names.get(c, c) for c in [host, *sorted(origins)] if c)
            return f"the query names {place} ('{words}'), not one of its countries ({own})"
    return ""


def host_conflict(query: str, matched: str, host: str) -> str:
    """The matched name says where the organisation is based and the query does not."""
    if not host:
        return ""
    in_query = {c for _, codes in countries_named(query) for c in codes}
    typed = _words(query)
    for words, codes in countries_named(matched):
        misspelt = all(_has(w, typed) for w in words.split())  # "Amercian"
        if host in codes and host not in in_query and not misspelt:
            place = country_names().get(host, host)
            return (
                f"'{words}' in '{matched}' names its host, {place}; the query names no host, "
                "so it may be a body in the home country"
            )
    return ""


def _has(word: str, words: Sequence[str]) -> bool:
    return any(w == word or fuzz.ratio(w, word) >= SAME_WORD for w in words)


def word_conflict(query: str, matched: str) -> str:
    """A distinguishing word on one side only, or a query word the matched name lacks."""
    ours, theirs = _words(query), _words(matched)
    special = distinguishing_words()
    country_words = {w for words, _ in countries_named(query) for w in words.split()}
    stop = search_words().stop
    for word in ours:
        if word in stop or word in country_words:
            continue
        if not _has(word, theirs):
            return f"'{word}' is in the query but not in '{matched}'"
    for word in theirs:
        if word in special and not _has(word, ours):
            return f"'{word}' is in '{matched}' but not in the query"
    return ""


def acronym_conflict(query: str, acronyms: Collection[str]) -> str:
    known = {acronym_key(a) for a in acronyms}
    for token in _ACRONYM.findall(query):
        key = acronym_key(token)
        if len(key) >= 2 and key not in known and key not in ("uk", "usa", "us"):
            return f"the query's acronym {token} is not one this organisation is known by"
    return ""


def contradiction(
    query: str, matched: str, host: str, origins: Collection[str], acronyms: Collection[str]
) -> str:
    """Why the query and the name it matched are not the same organisation ("" if nothing
    says so)."""
    return (
        country_conflict(query, host, origins)
        or acronym_conflict(query, acronyms)
        or host_conflict(query, matched, host)
        or word_conflict(query, matched)
    )
