"""The search plan: every query a protocol implies, in each engine's own syntax, checked.

For each engine (the protocol's, or those asked for), each LMIC of the protocol's list and
each search language: the country named in that language (refdata), ANDed with the
protocol's terms as its ``combine`` rule says. A query over an engine's limits is split into
several, each with a share of the terms (Google's 32 words, Google Scholar's 256
characters); a query that still breaks a limit, or has unbalanced quotes or brackets, keeps
its problems and the plan reports them. Pure: no store, no network.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from diaspora_atlas.protocol import Protocol
from diaspora_atlas.refdata import country, name_in
from diaspora_atlas.search.checks import limit_problems, problems, word_count
from diaspora_atlas.search.engines import EngineRule, planned_engines
from diaspora_atlas.search.syntax import write_query


def plan_key(engine: str, query: str) -> str:
    """A planned query's key, the same in every run (a run's query id adds the run)."""
    return hashlib.sha1(f"{engine}|{query}".encode()).hexdigest()[:12]


@dataclass(frozen=True)
class PlannedQuery:
    engine: str
    country_iso3: str
    country_name: str  # as the query names it
    name_source: str
    language: str
    terms: tuple[str, ...]
    query: str
    part: int = 1
    parts: int = 1
    problems: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return plan_key(self.engine, self.query)

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "engine": self.engine,
            "country_iso3": self.country_iso3,
            "country_name": self.country_name,
            "name_source": self.name_source,
            "language": self.language,
            "part": self.part,
            "parts": self.parts,
            "terms": list(self.terms),
            "query": self.query,
            "characters": len(self.query),
            "words": word_count(self.query),
            "problems": list(self.problems),
        }


@dataclass(frozen=True)
class SearchPlan:
    protocol: str
    combine: str
    engines: tuple[EngineRule, ...]
    queries: tuple[PlannedQuery, ...]
    countries: int
    lmic_fiscal_year: int
    warnings: tuple[str, ...] = field(default=())

    def per_engine(self) -> dict[str, int]:
        counts = Counter(q.engine for q in self.queries)
        return {e.id: counts[e.id] for e in self.engines}

    @property
    def failing(self) -> tuple[PlannedQuery, ...]:
        return tuple(q for q in self.queries if q.problems)

    def for_engine(self, engine: str) -> tuple[PlannedQuery, ...]:
        return tuple(q for q in self.queries if q.engine == engine)

    def summary(self) -> dict[str, Any]:
        return {
            "protocol": self.protocol,
            "combine": self.combine,
            "lmic_fiscal_year": self.lmic_fiscal_year,
            "countries": self.countries,
            "engines": [{**e.as_json(), "queries": self.per_engine()[e.id]} for e in self.engines],
            "queries": len(self.queries),
            "failing": len(self.failing),
            "warnings": list(self.warnings),
        }


def term_groups(terms: Sequence[str], combine: str) -> list[tuple[str, ...]]:
    """The term sets of one country's queries before any split."""
    if combine == "country_and_each_term":
        return [(t,) for t in terms]
    return [tuple(terms)] if terms else []


def split_to_fit(rule: EngineRule, name: str, terms: tuple[str, ...]) -> list[tuple[str, ...]]:
    """``terms`` cut into consecutive groups whose queries fit the engine's limits (greedy);
    a single term too long on its own stays alone (its query keeps the problem)."""
    if not limit_problems(write_query(rule, name, terms), rule):
        return [terms]
    groups: list[tuple[str, ...]] = []
    current: tuple[str, ...] = ()
    for term in terms:
        trial = (*current, term)
        if current and limit_problems(write_query(rule, name, trial), rule):
            groups.append(current)
            current = (term,)
        else:
            current = trial
    groups.append(current)
    return groups


def _country_queries(
    rule: EngineRule, iso3: str, language: str, protocol: Protocol
) -> list[PlannedQuery]:
    local = name_in(iso3, language)
    terms = protocol.search.terms_in(language)
    groups = [
        part
        for group in term_groups(terms, protocol.search.combine)
        for part in split_to_fit(rule, local.name, group)
    ]
    out = []
    for number, group in enumerate(groups, start=1):
        query = write_query(rule, local.name, group)
        out.append(
            PlannedQuery(
                engine=rule.id,
                country_iso3=iso3,
                country_name=local.name,
                name_source=local.source,
                language=language,
                terms=group,
                query=query,
                part=number,
                parts=len(groups),
                problems=tuple(problems(query, rule)),
            )
        )
    return out


def build_plan(protocol: Protocol, engines: Sequence[str] = ()) -> SearchPlan:
    """Every query of ``protocol`` for ``engines`` (default: the protocol's), countries in
    the order of their English names."""
    rules = planned_engines(protocol, tuple(engines))
    lmics = sorted(protocol.lmic_iso3s(), key=lambda iso3: country(iso3).name)
    languages = protocol.search.languages
    queries = [
        query
        for rule in rules
        for iso3 in lmics
        for language in languages
        for query in _country_queries(rule, iso3, language, protocol)
    ]
    fallbacks = sorted(
        {f"{q.country_iso3}/{q.language}" for q in queries if "no name" in q.name_source}
    )
    warnings = (
        (
            f"no local name for {len(fallbacks)} country/language pairs; English used: "
            + ", ".join(fallbacks[:10])
            + (" ..." if len(fallbacks) > 10 else ""),
        )
        if fallbacks
        else ()
    )
    return SearchPlan(
        protocol=protocol.id,
        combine=protocol.search.combine,
        engines=rules,
        queries=tuple(queries),
        countries=len(lmics),
        lmic_fiscal_year=protocol.lmic.fiscal_year,
        warnings=warnings,
    )
