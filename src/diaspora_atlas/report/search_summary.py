"""The search runs in the store, summed up for people: per run and engine what was planned,
done and failed, the records and duplicates, the candidates and how many name an inventory
organisation; per country what was searched and what came back. Read through the one
projection; the web Search page, the report and ``search status`` all show this."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from diaspora_atlas import model
from diaspora_atlas.model.projection import EntityView
from diaspora_atlas.model.search_ids import RUN_DATASET_PREFIX, run_of
from diaspora_atlas.store import queries


def _by_run(schema: model.Schema) -> dict[str, dict[str, EntityView]]:
    found: dict[str, dict[str, EntityView]] = defaultdict(dict)
    for entity_id, view in queries.entity_views(schema).items():
        for values in view.facts.values():
            for s in values:
                if s.dataset.startswith(RUN_DATASET_PREFIX):
                    found[run_of(s.dataset)][entity_id] = view
    return found


def _engine_rows(
    qs: dict[str, EntityView], recs: dict[str, EntityView], cands: dict[str, EntityView]
) -> list[dict[str, Any]]:
    engine_of_rec = {i: v.value("engine") for i, v in recs.items()}
    rows: dict[str, Counter[str]] = defaultdict(Counter)
    for view in qs.values():
        rows[view.value("engine")][view.value("status") or "done"] += 1
    for view in recs.values():
        rows[view.value("engine")]["records"] += 1
        rows[view.value("engine")]["duplicates"] += bool(view.value("duplicate_of"))
    for view in cands.values():
        if view.value("status") == "candidate":
            engine = engine_of_rec.get(view.value("record"), "")
            rows[engine]["candidates"] += 1
            rows[engine]["matched"] += bool(view.value("inventory_match"))
    keys = ("done", "failed", "planned", "records", "duplicates", "candidates", "matched")
    return [
        {"engine": engine, **{k: counts[k] for k in keys}}
        for engine, counts in sorted(rows.items())
    ]


def _country_rows(qs: dict[str, EntityView]) -> dict[str, dict[str, int]]:
    countries: dict[str, Counter[str]] = defaultdict(Counter)
    for view in qs.values():
        iso3 = view.value("country_iso3")
        if not iso3:
            continue
        countries[iso3]["queries"] += 1
        countries[iso3]["done"] += view.value("status") in ("", "done")
        countries[iso3]["records"] += int(view.value("records_retrieved") or 0)
    return {iso3: dict(c) for iso3, c in sorted(countries.items())}


def _candidate_totals(cands: dict[str, EntityView]) -> dict[str, int]:
    found = [v for v in cands.values() if v.value("status") == "candidate"]
    names = {v.value("normalised") for v in found}
    matched = {v.value("normalised") for v in found if v.value("inventory_match")}
    return {
        "mentions": len(found),
        "rejected": sum(1 for v in cands.values() if v.value("status") == "rejected"),
        "distinct": len(names),
        "distinct_matched": len(matched),
        "organisations_matched": len({v.value("inventory_match") for v in found} - {""}),
        "distinct_new": len(names - matched),
    }


def search_summary(run: str | None = None) -> dict[str, Any]:
    """Every run (or one), with per-engine and per-country rows and candidate totals."""
    qs, recs, cands = (
        _by_run(s)
        for s in (model.Schema.SEARCH_QUERY, model.Schema.SEARCH_RECORD, model.Schema.CANDIDATE)
    )
    names = sorted(set(qs) | set(recs))
    runs = []
    for name in names:
        if run and name != run:
            continue
        runs.append(
            {
                "run": name,
                "dataset": RUN_DATASET_PREFIX + name,
                "queries": len(qs.get(name, {})),
                "engines": _engine_rows(qs.get(name, {}), recs.get(name, {}), cands.get(name, {})),
                "countries": _country_rows(qs.get(name, {})),
                "candidates": _candidate_totals(cands.get(name, {})),
            }
        )
    return {"runs": runs}


def search_results(protocol_lmics: int) -> list[dict[str, Any]]:
    """The runs as results.json and the report give them: per engine, the countries searched
    and those searched with no hit (the gap analysis needs "searched, none found")."""
    found = []
    for run in search_summary()["runs"]:
        countries = run["countries"]
        found.append(
            {
                "run": run["run"],
                "queries": run["queries"],
                "engines": run["engines"],
                "countries_searched": len(countries),
                "countries_with_hits": sum(1 for c in countries.values() if c["records"]),
                "searched_none_found": sorted(i for i, c in countries.items() if not c["records"]),
                "lmics_of_protocol": protocol_lmics,
                "candidates": run["candidates"],
            }
        )
    return found
