"""What a protocol searches for: profession and organisation words per language, the search
terms, how they combine with each country, and the engines."""

from __future__ import annotations

from dataclasses import dataclass

# How search terms combine with each country; the value says it in words.
COMBINATIONS = {
    "country_and_any_term": "each country AND (term 1 OR term 2 OR ...), one query per "
    "country and language",
    "country_and_each_term": "each country AND one term, one query per country, term and language",
}
ENGINE_KINDS = ("bibliographic", "scholarly", "web", "news")


@dataclass(frozen=True)
class Words:
    """Words or phrases in one language (ISO 639-1 code)."""

    language: str
    words: tuple[str, ...]


def _in(groups: tuple[Words, ...], language: str) -> tuple[str, ...]:
    return next((g.words for g in groups if g.language == language), ())


@dataclass(frozen=True)
class Profession:
    """A profession (or kind of organisation) and the name words that signal it."""

    name: str
    words: tuple[Words, ...]
    criterion: str = ""  # excluded professions: the exclusion criterion they signal
    note: str = ""  # where the words come from

    def words_in(self, language: str) -> tuple[str, ...]:
        return _in(self.words, language)

    @property
    def all_words(self) -> tuple[str, ...]:
        return tuple(w for group in self.words for w in group.words)


@dataclass(frozen=True)
class Professions:
    included: tuple[Profession, ...]
    excluded: tuple[Profession, ...]


@dataclass(frozen=True)
class Engine:
    """A search engine or database, with its name as a report cites it."""

    id: str  # "pubmed", "google_scholar": lower case, digits and underscores
    name: str
    kind: str  # one of ENGINE_KINDS
    url: str = ""


@dataclass(frozen=True)
class Search:
    """The search terms per language, how they combine with each country, and the engines."""

    terms: tuple[Words, ...]
    combine: str  # a key of COMBINATIONS
    engines: tuple[Engine, ...]
    rationale: str = ""

    def terms_in(self, language: str) -> tuple[str, ...]:
        return _in(self.terms, language)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(group.language for group in self.terms)

    def queries(self, country_name: str, language: str) -> tuple[str, ...]:
        """The Boolean queries for one country in one language, in plain syntax
        (``"Nigeria" AND ("a" OR "b")``); each engine's own syntax is the search plan's."""
        terms = self.terms_in(language)
        if not terms:
            return ()
        country = _quote(country_name)
        if self.combine == "country_and_each_term":
            return tuple(f"{country} AND {_quote(t)}" for t in terms)
        return (f"{country} AND ({' OR '.join(_quote(t) for t in terms)})",)


def _quote(phrase: str) -> str:
    return '"' + phrase.replace('"', "") + '"'
