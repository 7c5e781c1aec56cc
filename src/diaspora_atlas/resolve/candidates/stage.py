"""The resolve stage of a search run: its candidate mentions (``search-<run>``) and the
inventory in, organisations out as the statements of ``resolve-<run>`` (entities
``corg-<12 hex>``, schema ``CandidateOrganisation``), every link with its score and evidence.
People's same / different judgements about mentions (or about organisations, read as their
anchors) are read on every run, so a re-run respects them.

Options: ``run`` (the search run), ``update_dataset`` (an inventory that this screening
writes itself and that must not be linked to, e.g. ``update2026``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from diaspora_atlas.errors import UsageError
from diaspora_atlas.model import JudgementKind, Schema, Source, SourceKind, Statement, effective
from diaspora_atlas.model.projection import EntityView
from diaspora_atlas.model.runs import of_datasets, resolve_dataset, search_dataset
from diaspora_atlas.resolve.candidates.resolver import Resolution, resolve_mentions
from diaspora_atlas.resolve.candidates.types import MentionIn, ResolvedCluster

if TYPE_CHECKING:
    from diaspora_atlas.context import Context

SOURCE = Source(
    id="resolve-candidates",
    kind=SourceKind.INFERENCE,
    title="Candidate mentions resolved into organisations (diaspora_atlas.resolve.candidates)",
)
ASSERTED_BY = "diaspora_atlas.resolve.candidates"
VERSION = "1"  # bump when the rules change in a way the inputs do not show


def run_of(ctx: Context) -> str:
    run = str(ctx.option("run") or "")
    if not run:
        raise UsageError(
            "which search run?", "pass --run NAME (see `diaspora-atlas search status`)"
        )
    return run


def mentions_of(
    candidates: Mapping[str, EntityView], records: Mapping[str, EntityView]
) -> list[MentionIn]:
    """The run's candidate mentions (not the rejected look-alikes), with their record's URL."""
    out = []
    for cid, view in sorted(candidates.items()):
        if view.value("status") not in ("", "candidate") or not view.value("name"):
            continue
        record = records.get(view.value("record"))
        out.append(
            MentionIn(
                id=cid,
                name=view.value("name"),
                host_iso3=view.value("host_iso3") or None,
                origin_iso3=tuple(view.values("origin_iso3")),
                acronym=view.value("acronym") or None,
                url=record.value("url") if record else "",
            )
        )
    return out


def inventory_of(ctx: Context, orgs: Mapping[str, EntityView]) -> list[MentionIn]:
    skip = str(ctx.option("update_dataset") or "")
    datasets = [d for d in ctx.protocol.inventory_datasets if d != skip]
    return [
        MentionIn(
            id=oid,
            name=view.value("name"),
            host_iso3=view.value("host_iso3") or None,
            origin_iso3=tuple(view.values("origin_iso3")),
            url=view.value("website"),
            inventory=True,
        )
        for oid, view in sorted(of_datasets(orgs, *datasets).items())
        if view.value("name")
    ]


def extraction_links(
    candidates: Mapping[str, EntityView], inventory_ids: set[str]
) -> list[tuple[str, str]]:
    """The inventory organisation extraction found a mention naming (its ``inventory_match``:
    name, alias, acronym or the name but for the host's words, with host and origin agreeing;
    extract/inventory.py), as a link the clustering keeps."""
    return [
        (cid, view.value("inventory_match"))
        for cid, view in sorted(candidates.items())
        if view.value("inventory_match") in inventory_ids
    ]


def identity_pairs(
    ctx: Context, mention_ids: Iterable[str], anchors: Mapping[str, str]
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """People's standing same / different judgements, as pairs of mention ids (an
    organisation id is read as its anchor mention)."""
    wanted = set(mention_ids) | set(anchors)
    found = ctx.store.judgements(wanted)
    unique = {j.id: j for rows in found.values() for j in rows}
    same, different = [], []
    for j in effective(unique.values()):
        a, b = anchors.get(j.subject_id, j.subject_id), anchors.get(j.object_id, j.object_id)
        if j.kind == JudgementKind.SAME:
            same.append((a, b))
        elif j.kind == JudgementKind.DIFFERENT:
            different.append((a, b))
    return same, different


def resolve_run(ctx: Context) -> dict[str, Any]:
    run = run_of(ctx)
    candidates = of_datasets(ctx.store.entity_views(Schema.CANDIDATE), search_dataset(run))
    if not candidates:
        raise UsageError(
            f"search run {run!r} has no candidates in the store",
            "import the run first (`diaspora-atlas search import`)",
        )
    records = ctx.store.entity_views(Schema.SEARCH_RECORD)
    mentions = mentions_of(candidates, records)
    inventory = inventory_of(ctx, ctx.store.entity_views(Schema.ORGANISATION))
    previous = of_datasets(
        ctx.store.entity_views(Schema.CANDIDATE_ORGANISATION), resolve_dataset(run)
    )
    anchors = {cid: view.value("anchor") for cid, view in previous.items() if view.value("anchor")}
    same, different = identity_pairs(ctx, (m.id for m in mentions), anchors)
    same += extraction_links(candidates, {i.id for i in inventory})
    inputs = [mentions, inventory, sorted(same), sorted(different), VERSION]
    content_hash = hashlib.sha256(json.dumps(inputs, default=repr).encode()).hexdigest()
    dataset = resolve_dataset(run)
    if ctx.store.dataset_is_current(dataset, content_hash):
        return {"dataset": dataset, "changed": False}
    with ctx.progress.step(f"resolve {len(mentions)} mentions"):
        resolution = resolve_mentions(mentions + inventory, same, different)
    statements = [s for c in resolution.clusters for s in cluster_statements(c, run)]
    report = ctx.store.load_dataset(dataset, content_hash, [SOURCE], statements)
    return {**report.as_dict(), **summary(resolution)}


def summary(resolution: Resolution) -> dict[str, Any]:
    clusters = resolution.clusters
    return {
        "mentions": resolution.mentions,
        "organisations": len(clusters),
        "chapters": sum(c.chapter for c in clusters),
        "linked_to_inventory": sum(bool(c.inventory_match) for c in clusters),
        "links_taken": resolution.links_taken,
        "links_refused": resolution.links_refused,
    }


def cluster_statements(c: ResolvedCluster, run: str) -> list[Statement]:
    def fact(prop: str, value: str, rationale: str = "", original: str = "") -> Statement:
        return Statement(
            entity_id=c.id,
            schema=Schema.CANDIDATE_ORGANISATION,
            prop=prop,
            value=value,
            source_id=SOURCE.id,
            dataset=resolve_dataset(run),
            original_value=original,
            asserted_by=ASSERTED_BY,
            rationale=rationale,
        )

    out = [fact("name", c.name), fact("anchor", c.anchor), fact("run", run)]
    out += [fact("alias", n) for n in c.names[1:]]
    out += [fact("member", m.id, m.evidence, f"{m.score:.2f}") for m in c.members]
    out += [fact("origin_iso3", o) for o in c.origin_iso3]
    out += [fact("site", s) for s in c.sites]
    if c.host_iso3:
        out.append(fact("host_iso3", c.host_iso3))
    if c.acronym:
        out.append(fact("acronym", c.acronym))
    if c.chapter:
        out.append(fact("chapter_of", c.chapter_of or "unlinked", c.chapter_evidence))
    if c.inventory_match:
        out.append(fact("inventory_match", c.inventory_match, c.inventory_evidence))
    out += [fact("resolution_note", n) for n in c.notes]
    return out
