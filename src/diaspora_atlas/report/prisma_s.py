"""The PRISMA-S checklist (Rethlefsen et al. 2021, 16 items) filled from a run's search log:
its ``SearchQuery`` entities (engine, interface, the query exactly as sent, date, filters,
limits, hits reported, records retrieved, status) and the protocol. An item the log cannot
answer says so; nothing is made up."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from diaspora_atlas.model import Schema
from diaspora_atlas.model.runs import of_datasets, search_dataset
from diaspora_atlas.protocol import Protocol
from diaspora_atlas.report.prisma import Prisma
from diaspora_atlas.store import queries

NOT_RECORDED = "not recorded in the search log"


@dataclass(frozen=True)
class Item:
    number: int
    section: str
    item: str
    answer: str


def search_log(run: str) -> list[dict[str, str]]:
    views = of_datasets(queries.entity_views(Schema.SEARCH_QUERY), search_dataset(run))
    props = ("engine", "interface", "query", "searched_at", "filters", "limits", "hits_reported",
             "records_retrieved", "country_iso3", "status")  # fmt: skip
    return [{"id": qid, **{p: v.value(p) for p in props}} for qid, v in sorted(views.items())]


def _distinct(log: list[dict[str, str]], prop: str) -> list[str]:
    return sorted({q[prop] for q in log if q[prop]})


def checklist(run: str, protocol: Protocol, p: Prisma) -> list[Item]:
    log = search_log(run)
    done = [q for q in log if q["status"] in ("done", "")]
    engines = {e.id: e for e in protocol.search.engines}
    per_engine = Counter(q["engine"] for q in done)
    names = ", ".join(
        f"{engines[e].name if e in engines else e} via {', '.join(_distinct([q for q in done if q['engine'] == e], 'interface')) or 'its own interface'} ({n} quer{'y' if n == 1 else 'ies'})"
        for e, n in sorted(per_engine.items())
    )
    web = [e for e in per_engine if e in engines and engines[e].kind in ("web", "news")]
    dates = _distinct(log, "searched_at")
    failed = sum(q["status"] == "failed" for q in log)
    retrieved = Counter[str]()
    for q in done:
        retrieved[q["engine"]] += int(q["records_retrieved"] or 0)
    answers = [
        ("Information sources and methods", "Database name", names or NOT_RECORDED),
        ("Information sources and methods", "Multi-database searching",
         "each database was searched on its own (one query, one engine)" if log else NOT_RECORDED),
        ("Information sources and methods", "Study registries", "none searched (not part of the protocol)"),
        ("Information sources and methods", "Online resources and browsing",
         ", ".join(engines[e].name for e in sorted(web)) or "none"),
        ("Information sources and methods", "Citation searching", "not done: " + NOT_RECORDED),
        ("Information sources and methods", "Contacts", "not done: " + NOT_RECORDED),
        ("Information sources and methods", "Other methods", "none recorded"),
        ("Search strategies", "Full search strategies",
         f"{len(log)} queries, each kept exactly as sent in the run's log (search-{run}); "
         f"{len(done)} done, {failed} failed; the protocol combines: {protocol.search.combine}"),
        ("Search strategies", "Limits and restrictions", "; ".join(_distinct(log, "limits")) or "none recorded"),
        ("Search strategies", "Search filters", "; ".join(_distinct(log, "filters")) or "none"),
        ("Search strategies", "Prior work", f"the search terms of {protocol.citation}"),
        ("Search strategies", "Updates", f"an update of the search of {protocol.citation}"),
        ("Search strategies", "Dates of searches",
         f"{dates[0][:10]} to {dates[-1][:10]}" if dates else NOT_RECORDED),
        ("Peer review", "Peer review", "not peer reviewed: " + NOT_RECORDED),
        ("Managing records", "Total records",
         ", ".join(f"{e}: {n}" for e, n in sorted(retrieved.items())) + f"; {p.identified} records in the store"),
        ("Managing records", "Deduplication",
         f"records merged when they share a DOI, PMID or URL: {p.duplicates} duplicates removed"),
    ]  # fmt: skip
    return [Item(n, section, item, answer) for n, (section, item, answer) in enumerate(answers, 1)]


def checklist_json(items: list[Item]) -> list[dict[str, Any]]:
    return [asdict(i) for i in items]
