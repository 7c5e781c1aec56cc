"""The extract stage for search runs: every organisation mentioned in the text of each record
of a run (``mentions``: candidates and rejected look-alikes with the reason), each candidate
matched against the protocol's inventory (``inventory``), written as ``cand-`` entities of the
run's dataset (PLAN.md, "Search and screening data"). Records marked ``duplicate_of`` are the
same work or page as another record and are not read again."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from diaspora_atlas.extract.context import sentence_of
from diaspora_atlas.extract.inventory import InventoryMatch, OrgEntry, match_inventory
from diaspora_atlas.extract.mentions import Mention, extract_mentions
from diaspora_atlas.model import Schema, Statement
from diaspora_atlas.model.projection import EntityView
from diaspora_atlas.model.records import SearchRecord
from diaspora_atlas.model.search_ids import (
    RUN_DATASET_PREFIX,
    candidate_id,
    run_of,
    run_source,
)
from diaspora_atlas.protocol import Protocol

if TYPE_CHECKING:
    from diaspora_atlas.context import Context

ASSERTED_BY = "diaspora_atlas.extract.mentions"
VERSION = "1"  # bump when the rules change what is extracted from the same text


def _datasets(entity: EntityView) -> set[str]:
    return {s.dataset for values in entity.facts.values() for s in values}


def inventory_entries(ctx: Context) -> list[OrgEntry]:
    """The protocol's inventory organisations (those a statement of an inventory dataset
    speaks of), for matching candidates."""
    datasets = set(ctx.protocol.inventory_datasets)
    return [
        OrgEntry(
            id=org_id,
            name=view.value("name"),
            aliases=tuple(view.values("alias")),
            host_iso3=view.value("host_iso3"),
            origin_iso3=tuple(view.values("origin_iso3")),
        )
        for org_id, view in sorted(ctx.store.entity_views(Schema.ORGANISATION).items())
        if _datasets(view) & datasets and view.value("name")
    ]


def _statements(
    dataset: str, rec: str, url: str, mention: Mention, sentence: str, match: InventoryMatch | None
) -> Iterator[Statement]:
    entity = candidate_id(rec, mention.start, mention.end)
    why = "; ".join(e.explanation for e in mention.evidence if e.explanation)
    values = [
        ("name", mention.name, ""),
        ("normalised", mention.normalised, ""),
        ("acronym", mention.acronym or "", ""),
        ("host_iso3", mention.host_iso3 or "", why),
        ("span", f"{mention.start}-{mention.end}", ""),
        ("record", rec, ""),
        ("excerpt", sentence, ""),
        ("status", mention.status, why),
        ("reason", mention.reason, why),
        *(("origin_iso3", iso3, why) for iso3 in mention.origin_iso3),
    ]
    if match is not None:
        evidence = f"{match.kind} {match.score}: {match.evidence}"
        values.append(("inventory_match", match.org_id, evidence))
    for prop, value, rationale in values:
        if value:
            yield Statement(
                entity_id=entity,
                schema=Schema.CANDIDATE,
                prop=prop,
                value=value,
                source_id=dataset,
                dataset=dataset,
                asserted_by=ASSERTED_BY,
                rationale=rationale,
                source_url=url,
            )


def record_candidates(
    dataset: str, rec: str, record: SearchRecord, protocol: Protocol, inventory: Sequence[OrgEntry]
) -> list[Statement]:
    """Every mention in one record's text, the candidates matched against ``inventory``."""
    text = record.text()
    found: list[Statement] = []
    for mention in extract_mentions(text, protocol=protocol):
        left, right = sentence_of(text, mention.start, mention.end)
        match = None
        if mention.candidate:
            match = match_inventory(
                mention.name,
                inventory,
                acronym=mention.acronym,
                host_iso3=mention.host_iso3,
                origin_iso3=mention.origin_iso3,
            )
        sentence = " ".join(text[left:right].split())
        found += _statements(dataset, rec, record.url, mention, sentence, match)
    return found


def _run_views(ctx: Context, schema: Schema) -> dict[str, dict[str, EntityView]]:
    by_dataset: dict[str, dict[str, EntityView]] = {}
    for entity_id, view in ctx.store.entity_views(schema).items():
        for dataset in _datasets(view):
            if dataset.startswith(RUN_DATASET_PREFIX):
                by_dataset.setdefault(dataset, {})[entity_id] = view
    return by_dataset


def _record(view: EntityView, run: str) -> SearchRecord:
    return SearchRecord(
        source=view.value("engine"),
        run=run,
        record_id=view.entity_id,
        title=view.value("title"),
        abstract=view.value("text"),
        url=view.value("url"),
    )


def extract_run(
    ctx: Context,
    dataset: str,
    records: dict[str, EntityView],
    old: set[str],
    inventory: list[OrgEntry],
) -> dict[str, Any]:
    """One run's candidates as one load scoped to its candidates (old and new), so a
    candidate that is no longer found is retracted."""
    kept = {
        i: _record(v, run_of(dataset))
        for i, v in sorted(records.items())
        if not v.value("duplicate_of")
    }
    content = json.dumps([(i, r.title, r.abstract) for i, r in kept.items()])
    digest = json.dumps([(e.id, e.name, e.aliases, e.host_iso3, e.origin_iso3) for e in inventory])
    content_hash = hashlib.sha256(f"{content}|{digest}|{VERSION}".encode()).hexdigest()
    if ctx.store.dataset_is_current(dataset, content_hash):
        return {"dataset": dataset, "changed": False}
    statements: list[Statement] = []
    for rec, record in kept.items():
        statements += record_candidates(dataset, rec, record, ctx.protocol, inventory)
    scope = old | {s.entity_id for s in statements}
    report = ctx.store.load_dataset(
        dataset, content_hash, [run_source(run_of(dataset))], statements, scope=scope
    )
    return report.as_dict()


def extract_search_candidates(ctx: Context) -> dict[str, Any]:
    """Candidates of every search run in the store (or of the runs in the option ``runs``)."""
    wanted = ctx.option("runs")
    records = _run_views(ctx, Schema.SEARCH_RECORD)
    candidates = _run_views(ctx, Schema.CANDIDATE)
    inventory = inventory_entries(ctx)
    loads = []
    for dataset in sorted(records):
        if wanted and run_of(dataset) not in wanted:
            continue
        old = set(candidates.get(dataset, {}))
        with ctx.progress.step(f"candidates of {run_of(dataset)}"):
            loads.append(extract_run(ctx, dataset, records[dataset], old, inventory))
    return {"loads": loads, "inventory": len(inventory)}
