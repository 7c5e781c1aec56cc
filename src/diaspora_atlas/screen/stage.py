"""The screen stages: every candidate organisation of a search run (``resolve-<run>``), and
every organisation of the protocol's inventories, screened against the protocol's criteria;
the outcomes, confidences, evidence and the rule's decision stored as the statements of
``screen-<run>`` and ``screen-inventory``. People's decisions are judgements, never touched
here."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from diaspora_atlas.errors import UsageError
from diaspora_atlas.model import Schema, Source, SourceKind, Statement
from diaspora_atlas.model.runs import of_datasets, resolve_dataset, screen_dataset, search_dataset
from diaspora_atlas.model.store_api import StoreApi
from diaspora_atlas.protocol import Protocol
from diaspora_atlas.screen.card import Card
from diaspora_atlas.screen.cards import Views, cluster_card, inventory_card
from diaspora_atlas.screen.decide import Screened, screen_card
from diaspora_atlas.screen.ids import inventory_screening_id

if TYPE_CHECKING:
    from diaspora_atlas.context import Context

SOURCE = Source(
    id="screen-rules",
    kind=SourceKind.INFERENCE,
    title="The protocol's criteria decided by rule from evidence cards (diaspora_atlas.screen)",
)
ASSERTED_BY = "diaspora_atlas.screen"
INVENTORY_DATASET = "screen-inventory"
VERSION = "1"


def run_views(store: StoreApi, run: str) -> Views:
    clusters = of_datasets(store.entity_views(Schema.CANDIDATE_ORGANISATION), resolve_dataset(run))
    if not clusters:
        raise UsageError(
            f"search run {run!r} has no resolved organisations",
            f"run `diaspora-atlas screen update --run {run}` (resolve comes first)",
        )
    return Views(
        candidates=of_datasets(store.entity_views(Schema.CANDIDATE), search_dataset(run)),
        records=of_datasets(store.entity_views(Schema.SEARCH_RECORD), search_dataset(run)),
        organisations=store.entity_views(Schema.ORGANISATION),
        page_checks=store.entity_views(Schema.PAGE_CHECK),
        clusters=clusters,
    )


def run_cards(store: StoreApi, run: str) -> list[Card]:
    views = run_views(store, run)
    return [cluster_card(cid, view, views) for cid, view in sorted(views.clusters.items())]


def inventory_cards(ctx: Context) -> list[Card]:
    orgs = of_datasets(
        ctx.store.entity_views(Schema.ORGANISATION), *ctx.protocol.inventory_datasets
    )
    return [inventory_card(oid, view) for oid, view in sorted(orgs.items())]


def _load(ctx: Context, dataset: str, cards: list[Card], entity: dict[str, str]) -> dict[str, Any]:
    protocol = json.dumps(ctx.protocol.as_json(), sort_keys=True, default=str)
    payload = json.dumps([[c.as_json() for c in cards], protocol, VERSION], default=str)
    content_hash = hashlib.sha256(payload.encode()).hexdigest()
    screened = [screen_card(card, ctx.protocol) for card in cards]
    counts = {d: sum(s.decision == d for s in screened) for d in ("include", "exclude", "review")}
    if ctx.store.dataset_is_current(dataset, content_hash):
        return {"dataset": dataset, "changed": False, **counts}
    statements = [
        st
        for s, c in zip(screened, cards, strict=True)
        for st in statements_of(s, c, entity[c.id], dataset, ctx.protocol)
    ]
    report = ctx.store.load_dataset(dataset, content_hash, [SOURCE], statements)
    return {**report.as_dict(), **counts}


def screen_run(ctx: Context) -> dict[str, Any]:
    run = str(ctx.option("run") or "")
    cards = run_cards(ctx.store, run)
    return _load(ctx, screen_dataset(run), cards, {c.id: c.id for c in cards})


def screen_inventory(ctx: Context) -> dict[str, Any]:
    cards = inventory_cards(ctx)
    entity = {c.id: inventory_screening_id(c.id) for c in cards}
    return _load(ctx, INVENTORY_DATASET, cards, entity)


def statements_of(
    s: Screened, card: Card, entity: str, dataset: str, protocol: Protocol
) -> Iterable[Statement]:
    def fact(prop: str, value: str, rationale: str = "") -> Statement:
        return Statement(
            entity_id=entity,
            schema=Schema.CANDIDATE_ORGANISATION,
            prop=prop,
            value=value,
            source_id=SOURCE.id,
            dataset=dataset,
            asserted_by=ASSERTED_BY,
            rationale=rationale,
        )

    yield fact("protocol", protocol.id)
    yield fact("review", "dual" if protocol.screening.dual_review else "single")
    if entity != card.id:  # an inventory organisation's screening: say which one it is
        yield fact("name", card.name)
        yield fact("inventory_match", card.inventory_match)
    for c in s.criteria:
        yield fact(
            "criterion", json.dumps(c.as_json(), sort_keys=True), f"{c.code}: {c.explanation}"
        )
    why = "; ".join(s.reasons) or "every criterion passes by rule"
    yield fact(
        "rule_decision", s.decision, why if s.decision != "review" else f"a person decides ({why})"
    )
    for reason in s.reasons:
        yield fact("rule_reason", reason)
