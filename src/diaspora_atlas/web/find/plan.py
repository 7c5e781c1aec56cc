"""What a search query asks for, read once: the countries it names, the words it must match,
the words that only rank, and the typos it corrected.

- A country in any spelling the reference data knows ("Burma", "Viet Nam", "UK", "Pakistani")
  is a condition on the organisation's origin or host country, not a word to find in texts.
- Stop words are dropped; the domain's generic words ("doctors", "association") rank but do
  not filter, unless the query has nothing else.
- A word no indexed word starts with is read as the closest known word if one is close
  enough ("philipine" -> "philippine"; the page says "showing results for" the corrected
  query), else by its stem ("cardiology" -> "cardiol…").
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from diaspora_atlas.refdata.normalise import normalise_name
from diaspora_atlas.web.find.index import Index
from diaspora_atlas.web.find.places import find_countries, lookup
from diaspora_atlas.web.find.words import search_words

MAX_WORDS = 12
MIN_STEM = 4


@dataclass(frozen=True)
class Country:
    text: str  # as typed (folded)
    iso3s: frozenset[str]


@dataclass(frozen=True)
class Term:
    word: str  # what is looked for (a prefix of indexed words)
    alternatives: tuple[str, ...] = ()  # other words that count as a match
    required: bool = True
    exact: bool = False  # the whole word only, not as a prefix


@dataclass(frozen=True)
class Plan:
    query: str
    countries: tuple[Country, ...] = ()
    terms: tuple[Term, ...] = ()
    corrections: tuple[tuple[str, str], ...] = ()  # (as typed, read as)

    @property
    def empty(self) -> bool:
        return not self.countries and not self.terms

    @property
    def corrected(self) -> str:
        """The query with its typos corrected ("" when nothing was corrected)."""
        if not self.corrections:
            return ""
        words = normalise_name(self.query).split()
        fixed = dict(self.corrections)
        return " ".join(fixed.get(w, w) for w in words)


def _stem(word: str, index: Index) -> str:
    """The longest stem of ``word`` (at least MIN_STEM letters, at most 3 letters shorter)
    that some indexed word starts with, or ""."""
    for length in range(len(word) - 1, max(MIN_STEM, len(word) - 3) - 1, -1):
        if index.knows(word[:length]):
            return word[:length]
    return ""


def _term(word: str, index: Index) -> tuple[Term | Country, str]:
    """A query word as a term (or a country after correcting a typo), and its correction."""
    words = search_words()
    required = word not in words.generic
    alternatives = words.alternatives(word)
    if index.knows(word) or any(index.knows(a) for a in alternatives):
        return Term(word, alternatives, required), ""
    closest = index.closest(word)
    if closest is not None:
        codes = lookup([closest])
        if codes:
            return Country(closest, codes), closest
        return Term(closest, words.alternatives(closest), closest not in words.generic), closest
    stem = _stem(word, index)
    return Term(stem or word, alternatives, required), ""


def plan(query: str, index: Index) -> Plan:
    words = normalise_name(query).split()[:MAX_WORDS]
    stop = search_words().stop
    phrases = find_countries(words, skip=stop | search_words().generic)
    taken = {i for p in phrases for i in range(p.start, p.end)}
    countries = [Country(p.text, p.iso3s) for p in phrases]
    terms: list[Term] = []
    corrections: list[tuple[str, str]] = []
    for i, word in enumerate(words):
        if i in taken or word in stop:
            continue
        found, corrected = _term(word, index)
        if corrected:
            corrections.append((word, corrected))
        if isinstance(found, Country):
            countries.append(found)
        else:
            terms.append(found)
    if not countries and terms and not any(t.required for t in terms):
        terms = [replace(t, required=True) for t in terms]
    return Plan(query, tuple(countries), tuple(terms), tuple(corrections))
