"""Answer a selection from the in-memory index: search, filters, facet counts, order, page.

Search: an organisation matches when it is of (by origin or by host) every country the query
names (a country no organisation is of is searched as words: "Georgia" the US state) and has
every required word (as the start of a word of its names, acronyms, places,
mission or the paper's sentences about it alone); generic words only rank. When some
organisations have a word in their names or places, those that have it only in their
mission or the paper's sentences are left out ("London" finds the organisations based
there, not one whose mission mentions a London hospital). Ranking: the whole name, another
name or a stated acronym typed exactly first, then the initials of a name; then matched
words weighted by field and rarity; origin matches before host matches; then by name.

Facets: several values of one facet mean any of them, different facets must all hold. A
facet without a filter counts within the results; a facet with one counts within the results
of the other filters, so its other values show what choosing them would give.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from diaspora_atlas.refdata.normalise import acronym_key, normalise_name
from diaspora_atlas.store.directory import FACETS, Selection
from diaspora_atlas.web.find.index import Doc, Index
from diaspora_atlas.web.find.plan import Plan, Term

EXACT_BONUS = 100.0  # the whole name, another name or a stated acronym, typed exactly
INITIALS_BONUS = 50.0  # the initials of its name, typed exactly
STRONG_WEIGHT = 4.0  # fields that name or place it (index.FIELD_WEIGHTS)
ORIGIN_BONUS, HOST_BONUS = 3.0, 2.0
OPTIONAL_SHARE = 0.5  # an optional (generic) word counts half


@dataclass(frozen=True)
class Answer:
    total: int
    results: list[dict[str, Any]]
    facets: dict[str, dict[str, int]]
    ids: list[str]  # every matching organisation, in order


def _term_scores(index: Index, term: Term) -> tuple[dict[int, float], set[int]]:
    """Each matching organisation's best score for the term, and those that have it in
    what names or places them (not only in their mission or the paper's sentences)."""
    scores: dict[int, float] = {}
    strong: set[int] = set()
    for word in (term.word, *term.alternatives):
        exact_only = term.exact or len(word) < 3
        tokens = [word] if exact_only else index.prefixed(word)
        for token in tokens:
            for doc, weight in index.postings.get(token, {}).items():
                score = weight * index.idf[token]
                scores[doc] = max(scores.get(doc, 0.0), score)
                if weight >= STRONG_WEIGHT:
                    strong.add(doc)
    return scores, strong


def _country_score(doc: Doc, iso3s: frozenset[str]) -> float:
    if doc.origins & iso3s:
        return ORIGIN_BONUS
    return HOST_BONUS if doc.host in iso3s else 0.0


def search(index: Index, plan: Plan) -> list[int]:
    """Positions of the matching organisations, best first."""
    candidates = set(range(len(index.docs)))
    scores: dict[int, float] = dict.fromkeys(candidates, 0.0)
    terms = list(plan.terms)
    for country in plan.countries:
        matched = {d for d in candidates if _country_score(index.docs[d], country.iso3s)}
        if not any(_country_score(doc, country.iso3s) for doc in index.docs):
            # No organisation is of this country at all: the words may name a place
            # ("Georgia", the US state), so look for them as words.
            terms += [Term(word, exact=True) for word in country.text.split()]
            continue
        candidates &= matched
        for d in candidates:
            scores[d] += _country_score(index.docs[d], country.iso3s)
    for term in terms:
        found, strong = _term_scores(index, term)
        if term.required:
            candidates &= found.keys()
            if candidates & strong:  # matches in names and places first: drop the others
                candidates &= strong
        share = 1.0 if term.required else OPTIONAL_SHARE
        for d, score in found.items():
            if d in candidates:
                scores[d] += share * score
    typed = normalise_name(plan.query)
    squashed = acronym_key(plan.query)
    for d in candidates:
        doc = index.docs[d]
        if typed in doc.names or squashed in doc.names:
            scores[d] += EXACT_BONUS
        elif squashed in doc.initials:
            scores[d] += INITIALS_BONUS
    return sorted(candidates, key=lambda d: (-scores[d], index.docs[d].sort_name))


def _has(doc: Doc, facet: str, values: Iterable[str], fiscal_year: int) -> bool:
    held = doc.facets.get((facet, fiscal_year if facet == "income" else 0), frozenset())
    return any(v in held for v in values)


def _filtered(
    index: Index, positions: Iterable[int], filters: dict[str, tuple[str, ...]], fy: int
) -> list[int]:
    return [
        d
        for d in positions
        if all(_has(index.docs[d], f, chosen, fy) for f, chosen in filters.items() if chosen)
    ]


def facet_counts(
    index: Index, positions: Iterable[int], fiscal_year: int, only: Sequence[str] = FACETS
) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {facet: {} for facet in only}
    keys = [(counts[f], (f, fiscal_year if f == "income" else 0)) for f in only]
    docs = index.docs
    for d in positions:
        held = docs[d].facets
        for counted, key in keys:
            for value in held.get(key, ()):
                counted[value] = counted.get(value, 0) + 1
    return counts


SORT_KEYS: dict[str, tuple[Callable[[Doc], Any], bool]] = {
    "name": (lambda d: d.sort_name, False),
    "-name": (lambda d: d.sort_name, True),
    "origin": (lambda d: (d.origin_sort, d.sort_name), False),
    "-origin": (lambda d: (d.origin_sort, d.sort_name), True),
    "host": (lambda d: (d.host, d.sort_name), False),
}
NULLS_LAST: dict[str, tuple[Callable[[Doc], Any], bool]] = {
    "row": (lambda d: d.paper_row, False),
    "-row": (lambda d: d.paper_row, True),
    "founded": (lambda d: d.founded, False),
    "-founded": (lambda d: d.founded, True),
}


def order(index: Index, positions: list[int], sort: str) -> list[int]:
    """Positions in the selection's order (relevance: as ranked; unknown values last)."""
    if sort == "relevance":
        return positions
    if sort in NULLS_LAST:
        key, reverse = NULLS_LAST[sort]
        known = [d for d in positions if key(index.docs[d]) is not None]
        unknown = [d for d in positions if key(index.docs[d]) is None]
        known.sort(key=lambda d: index.docs[d].sort_name)
        known.sort(key=lambda d: key(index.docs[d]), reverse=reverse)
        return known + sorted(unknown, key=lambda d: index.docs[d].sort_name)
    key, reverse = SORT_KEYS.get(sort, SORT_KEYS["name"])
    return sorted(positions, key=lambda d: key(index.docs[d]), reverse=reverse)


def answer(index: Index, selection: Selection, plan: Plan | None) -> Answer:
    """One page of a selection, its total, its order and every facet's counts."""
    ranked = search(index, plan) if plan is not None and not plan.empty else None
    everyone = list(range(len(index.docs))) if ranked is None else ranked
    fy = selection.fiscal_year
    chosen = _filtered(index, everyone, selection.filters, fy)
    counts = facet_counts(index, chosen, fy)
    for facet in selection.filters:
        others = {k: v for k, v in selection.filters.items() if k != facet}
        widened = _filtered(index, everyone, others, fy)
        counts[facet] = facet_counts(index, widened, fy, (facet,))[facet]
    ordered = order(index, chosen, selection.sort)
    start = (selection.page - 1) * selection.per_page
    page = ordered[start : start + selection.per_page]
    return Answer(
        total=len(chosen),
        results=[index.docs[d].summary for d in page],
        facets=counts,
        ids=[index.docs[d].id for d in ordered],
    )
