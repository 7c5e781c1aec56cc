"""What the recorded searches covered and found, read from the store (issue 10's search runs).

A search run is a dataset ``search-<run>`` holding its queries (``SearchQuery``: ``engine``,
``country_iso3`` the LMIC it is about, ``status``, optionally ``host_iso3``), its records
(``SearchRecord``: ``engine``, ``query``) and its candidates (``Candidate``: ``status``,
``record``, ``inventory_match`` = the inventory organisation it names). New organisations of
the 2026 update (dataset ``update2026``) name the candidates that found them in ``found_by``.

* coverage: a query with status ``done`` about an LMIC covers that LMIC in its host, or in
  every host of the protocol when it names none; the 2019 paper recorded no per-country
  queries, so nothing counts as searched until a run is in the store;
* incidence: which inventory organisations each run, and each engine within a run, found.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from diaspora_atlas.model import Schema
from diaspora_atlas.model.projection import EntityView
from diaspora_atlas.store import queries

PREFIX = "search-"
DONE = "done"
REJECTED = "rejected"
UPDATE_DATASET = "update2026"


@dataclass(frozen=True)
class SearchRuns:
    runs: tuple[str, ...] = ()
    queries: int = 0
    queries_done: int = 0
    coverage: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (origin, host)
    hosts_by_run: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    found_by_run: Mapping[str, frozenset[str]] = field(default_factory=dict)
    found_by_engine: Mapping[str, frozenset[str]] = field(default_factory=dict)  # "run · engine"
    hosts_by_engine: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def _run_of(entity: EntityView) -> str:
    """The run a search entity belongs to: its ``run`` value, else its dataset's name."""
    if entity.value("run"):
        return entity.value("run")
    datasets = {s.dataset for st in entity.facts.values() for s in st}
    found = sorted(d for d in datasets if d.startswith(PREFIX))
    return found[0].removeprefix(PREFIX) if found else ""


def _coverage(
    query_views: Mapping[str, EntityView], hosts: Sequence[str]
) -> tuple[dict[tuple[str, str], list[str]], dict[str, set[str]], dict[str, set[str]]]:
    covered: dict[tuple[str, str], list[str]] = {}
    run_hosts: dict[str, set[str]] = {}
    engine_hosts: dict[str, set[str]] = {}
    for query in query_views.values():
        run, origin = _run_of(query), query.value("country_iso3")
        if query.value("status") != DONE or not run:
            continue
        engine = query.value("engine") or "unknown engine"
        where = [query.value("host_iso3")] if query.value("host_iso3") else list(hosts)
        for host in where:
            run_hosts.setdefault(run, set()).add(host)
            engine_hosts.setdefault(f"{run} · {engine}", set()).add(host)
            if origin:
                covered.setdefault((origin, host), []).append(f"{run} ({engine})")
    return covered, run_hosts, engine_hosts


def _found(
    candidates: Mapping[str, EntityView],
    records: Mapping[str, EntityView],
    new_orgs: Mapping[str, Collection[str]],
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Organisations each run and each engine found: by a candidate's inventory match, or a
    new organisation's ``found_by``."""
    named: dict[str, set[str]] = {}
    for org_id, cand_ids in new_orgs.items():
        for cand_ref in cand_ids:
            named.setdefault(cand_ref, set()).add(org_id)
    by_run: dict[str, set[str]] = {}
    by_engine: dict[str, set[str]] = {}
    for cand_id, cand in candidates.items():
        if cand.value("status") == REJECTED:
            continue
        orgs = set(cand.values("inventory_match")) | named.get(cand_id, set())
        run = _run_of(cand)
        if not orgs or not run:
            continue
        record = records.get(cand.value("record"))
        engine = (record.value("engine") if record else "") or "unknown engine"
        by_run.setdefault(run, set()).update(orgs)
        by_engine.setdefault(f"{run} · {engine}", set()).update(orgs)
    return by_run, by_engine


def _new_organisations() -> dict[str, list[str]]:
    views = queries.entity_views(Schema.ORGANISATION)
    return {
        org_id: entity.values("found_by")
        for org_id, entity in views.items()
        if any(s.dataset == UPDATE_DATASET for st in entity.facts.values() for s in st)
    }


def search_runs(hosts: Sequence[str]) -> SearchRuns:
    """Everything the recorded search runs say, for a protocol with ``hosts``."""
    query_views = queries.entity_views(Schema.SEARCH_QUERY)
    if not query_views:
        return SearchRuns()
    covered, run_hosts, engine_hosts = _coverage(query_views, hosts)
    candidates = queries.entity_views(Schema.CANDIDATE)
    records = queries.entity_views(Schema.SEARCH_RECORD) if candidates else {}
    by_run, by_engine = _found(candidates, records, _new_organisations())
    runs = sorted({_run_of(q) for q in query_views.values()} - {""})
    return SearchRuns(
        runs=tuple(runs),
        queries=len(query_views),
        queries_done=sum(1 for q in query_views.values() if q.value("status") == DONE),
        coverage={k: "; ".join(sorted(set(v))) for k, v in covered.items()},
        hosts_by_run={r: tuple(sorted(h)) for r, h in run_hosts.items()},
        found_by_run={r: frozenset(by_run.get(r, set())) for r in run_hosts},
        found_by_engine={e: frozenset(by_engine.get(e, set())) for e in engine_hosts},
        hosts_by_engine={e: tuple(sorted(h)) for e, h in engine_hosts.items()},
    )
