"""Each engine's own query syntax: one small writer per syntax, all taking the same input
(a country name, some search terms, the engine's rule) and returning one query string in
which the country is ANDed with any of the terms.

- ``pubmed``: field tags, ``"Ghana"[All Fields] AND ("a b"[All Fields] OR ...)``;
- ``europe_pmc``: ``"Ghana" AND ("a b" OR ...)`` (Europe PMC's Lucene-style syntax);
- ``openalex``: the value of ``search=`` on /works, ``"Ghana" AND ("a b" OR ...)``;
- ``scopus``: ``TITLE-ABS-KEY("Ghana") AND TITLE-ABS-KEY("a b" OR ...)``;
- ``google``: ``"Ghana" ("a b" OR ...)`` (AND is implied; OR in capitals), also Google
  Scholar and SearXNG;
- ``lexisnexis``: terms and connectors, ``"Ghana" AND ("a b" OR ...)``, the connector from
  the engine's ``join`` (``w/p``: in the same paragraph);
- ``boolean``: the plain form, for engines searched by hand with AND/OR;
- ``keywords``: the words of the country and the terms, each once, no operators (engines
  that take keywords only, such as the project's stored-pages search tool).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from diaspora_atlas.errors import DataFileError
from diaspora_atlas.search.engines import EngineRule

Writer = Callable[[str, Sequence[str], EngineRule], str]


def phrase(text: str) -> str:
    """A phrase in double quotes (quotes inside it dropped, so quotes stay balanced)."""
    return '"' + " ".join(text.replace('"', " ").split()) + '"'


def any_of(items: Sequence[str]) -> str:
    joined = " OR ".join(items)
    return f"({joined})" if len(items) > 1 else joined


def pubmed(country: str, terms: Sequence[str], rule: EngineRule) -> str:
    tag = f"[{rule.field or 'All Fields'}]"
    return f"{phrase(country)}{tag} AND " + any_of([phrase(t) + tag for t in terms])


def boolean(country: str, terms: Sequence[str], rule: EngineRule) -> str:
    return f"{phrase(country)} AND " + any_of([phrase(t) for t in terms])


def scopus(country: str, terms: Sequence[str], rule: EngineRule) -> str:
    return (
        f"TITLE-ABS-KEY({phrase(country)}) AND "
        f"TITLE-ABS-KEY({' OR '.join(phrase(t) for t in terms)})"
    )


def google(country: str, terms: Sequence[str], rule: EngineRule) -> str:
    return f"{phrase(country)} " + any_of([phrase(t) for t in terms])


def lexisnexis(country: str, terms: Sequence[str], rule: EngineRule) -> str:
    return f"{phrase(country)} {rule.join} " + any_of([phrase(t) for t in terms])


def keywords(country: str, terms: Sequence[str], rule: EngineRule) -> str:
    words: dict[str, None] = {}
    for text in (country, *terms):
        for word in text.replace('"', " ").split():
            words.setdefault(word, None)
    return " ".join(words)


WRITERS: dict[str, Writer] = {
    "pubmed": pubmed,
    "europe_pmc": boolean,
    "openalex": boolean,
    "scopus": scopus,
    "google": google,
    "lexisnexis": lexisnexis,
    "boolean": boolean,
    "keywords": keywords,
}


def writer_for(rule: EngineRule) -> Writer:
    if rule.syntax not in WRITERS:
        raise DataFileError(
            f"engine {rule.id}: unknown syntax {rule.syntax!r} in data/rules/engines.yaml",
            "choose one of " + ", ".join(WRITERS),
        )
    return WRITERS[rule.syntax]


def write_query(rule: EngineRule, country: str, terms: Sequence[str]) -> str:
    return writer_for(rule)(country, terms, rule)
