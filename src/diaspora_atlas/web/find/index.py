"""The directory in memory: each organisation's summary, sort keys, countries, facet values
and folded search text, with an inverted index of its words. Built from the store's rows
(``store.directory``) once per data version.

Fields and their weights: name 10, other names 8, acronyms 8, places (headquarters city and
state, origin region) 4, mission 2, the paper's sentences about it alone 1.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from diaspora_atlas.refdata.normalise import acronym_key, normalise_name
from diaspora_atlas.store.directory import facet_rows, index_rows
from diaspora_atlas.web.find.places import country_words
from diaspora_atlas.web.scope import site_protocol

FIELD_WEIGHTS = {
    "name": 10.0,
    "aliases": 8.0,
    "acronyms": 8.0,
    "places": 4.0,
    "mission": 2.0,
    "body": 1.0,
}
TYPO_CUTOFF = 80.0
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Doc:
    id: str
    summary: dict[str, Any]
    sort_name: str
    origin_sort: str
    founded: int | None
    paper_row: int | None
    host: str
    origins: frozenset[str]
    facets: Mapping[tuple[str, int], frozenset[str]]  # (facet, fiscal year or 0) -> values
    names: frozenset[str]  # folded name, aliases and stated acronyms, whole
    initials: frozenset[str]  # acronyms made of its name's initials


@dataclass(frozen=True)
class Index:
    docs: tuple[Doc, ...]
    postings: Mapping[str, Mapping[int, float]]  # token -> doc -> best field weight
    tokens: tuple[str, ...]  # sorted, for prefix look-ups
    idf: Mapping[str, float]
    vocabulary: tuple[str, ...]  # tokens and country words, for typo correction

    def prefixed(self, prefix: str) -> list[str]:
        """Indexed tokens starting with ``prefix``."""
        start = bisect.bisect_left(self.tokens, prefix)
        found = []
        for token in self.tokens[start:]:
            if not token.startswith(prefix):
                break
            found.append(token)
        return found

    def knows(self, word: str) -> bool:
        return bool(self.prefixed(word))

    def closest(self, word: str) -> str | None:
        """The known word a typo most likely meant ("philipine" -> "philippine"), if any."""
        if len(word) < 4 or not self.vocabulary:
            return None
        found = process.extractOne(
            word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF
        )
        return str(found[0]) if found else None


def _places(summary: Mapping[str, Any]) -> str:
    parts = [summary.get("hq_city") or "", summary.get("hq_region") or ""]
    parts.append(summary.get("origin_subnational") or "")
    return normalise_name(" ".join(parts))


def _doc(row: Mapping[str, Any], facets: Mapping[tuple[str, int], frozenset[str]]) -> Doc:
    summary = row["summary"]
    origins = [o["name"] for o in summary.get("origins", [])]
    text = row["text"]
    aliases = [normalise_name(a) for a in summary.get("aliases", [])]
    stated = {acronym_key(a) for a in summary.get("acronyms_stated", [])}
    derived = {acronym_key(a) for a in summary.get("acronyms", [])} - stated
    whole = {text["name"], *aliases, *stated}
    return Doc(
        id=row["id"],
        summary=summary,
        sort_name=row["sort_name"],
        origin_sort=normalise_name(origins[0]) if origins else "~",
        founded=row["founded_year"],
        paper_row=row["paper_row"],
        host=summary.get("host_iso3", ""),
        origins=frozenset(o["iso3"] for o in summary.get("origins", [])),
        facets=facets,
        names=frozenset(w for w in whole if w),
        initials=frozenset(derived),
    )


def _texts(row: Mapping[str, Any]) -> dict[str, str]:
    return {**row["text"], "places": _places(row["summary"])}


def build(rows: Iterable[Mapping[str, Any]], facets: Iterable[tuple[str, str, str, int]]) -> Index:
    by_org: dict[str, dict[tuple[str, int], set[str]]] = defaultdict(lambda: defaultdict(set))
    for org_id, facet, value, fy in facets:
        by_org[org_id][(facet, fy)].add(value)
    docs: list[Doc] = []
    postings: dict[str, dict[int, float]] = defaultdict(dict)
    for position, row in enumerate(rows):
        values = by_org.get(row["id"], {})
        docs.append(_doc(row, {k: frozenset(v) for k, v in values.items()}))
        for field, text in _texts(row).items():
            weight = FIELD_WEIGHTS[field]
            for token in _WORD.findall(text):
                known = postings[token].get(position, 0.0)
                postings[token][position] = max(known, weight)
    total = max(len(docs), 1)
    idf = {t: math.log(1 + total / len(found)) for t, found in postings.items()}
    tokens = tuple(sorted(postings))
    vocabulary = tuple(sorted(set(tokens) | country_words()))
    return Index(tuple(docs), dict(postings), tokens, idf, vocabulary)


def load() -> Index:
    """The index of the store's directory as it is now: the organisations of the site
    protocol's inventories (the numbers, maps and report count the same ones)."""
    wanted = set(site_protocol().inventory_datasets)
    facets = facet_rows()
    inside = {org for org, facet, value, _ in facets if facet == "inventory" and value in wanted}
    return build(
        (row for row in index_rows() if row["id"] in inside),
        (f for f in facets if f[0] in inside),
    )
