"""Reviewers' work on a search run: the queue, decisions in one key, undo, conflicts.

Every decision is a judgement in the store (include / exclude with the protocol's reason
code, author = the reviewer), so a session is resumable: the queue is recomputed from the
judgements each time. Blinded dual review: a reviewer's queue and cards never show another
reviewer's decision. Organisations the rules excluded conclusively are decided by rule and
are not queued (``everything=True`` queues them too).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from diaspora_atlas.errors import UsageError
from diaspora_atlas.model import Judgement, JudgementKind
from diaspora_atlas.model.projection import EntityView
from diaspora_atlas.model.screening import RESOLUTION, decisions_by_reviewer, final_decision
from diaspora_atlas.model.store_api import StoreApi
from diaspora_atlas.protocol import Protocol
from diaspora_atlas.screen.card import Card
from diaspora_atlas.screen.cards import cluster_card
from diaspora_atlas.screen.keys import Keys, keys_for
from diaspora_atlas.screen.ranking import Ranking, rank
from diaspora_atlas.screen.stage import run_views


@dataclass(frozen=True)
class Item:
    card: Card
    criteria: tuple[dict[str, Any], ...]  # as the screen stage stored them
    rule_decision: str
    rule_reasons: tuple[str, ...]

    @property
    def prior(self) -> float:
        """The rules' score: criteria passing, weighted by confidence."""
        good = {"inclusion": "met", "exclusion": "not_met"}
        return float(
            sum(c["confidence"] for c in self.criteria if good.get(c["kind"]) == c["outcome"])
        )


def item_of(cid: str, view: EntityView, card: Card) -> Item:
    criteria = tuple(
        sorted((json.loads(v) for v in view.values("criterion")), key=lambda c: str(c["code"]))
    )
    return Item(card, criteria, view.value("rule_decision"), tuple(view.values("rule_reason")))


class RunReview:
    """One search run as the reviewers see it."""

    def __init__(self, store: StoreApi, protocol: Protocol, run: str) -> None:
        self.store, self.protocol, self.run = store, protocol, run
        views = run_views(store, run)
        self.items = {
            cid: item_of(cid, view, cluster_card(cid, view, views))
            for cid, view in sorted(views.clusters.items())
            if view.value("rule_decision")
        }
        if not self.items:
            raise UsageError(
                f"run {run!r} is not screened yet",
                f"run `diaspora-atlas screen update --run {run}`",
            )
        self.keys: Keys = keys_for(protocol)
        # as the run was screened (the screen stage records it), not as today's protocol says
        self.dual = any(views.clusters[c].value("review") == "dual" for c in self.items)

    def judgements(self) -> dict[str, list[Judgement]]:
        found = self.store.judgements(self.items)
        return {cid: found.get(cid, []) for cid in self.items}

    def final(self, cid: str, judgements: list[Judgement]) -> Any:
        item = self.items[cid]
        reason = item.rule_reasons[0] if item.rule_reasons else ""
        return final_decision(judgements, item.rule_decision, reason, self.dual)

    def queue(self, reviewer: str, everything: bool = False) -> tuple[list[str], Ranking]:
        """What ``reviewer`` has left to decide, likely inclusions first."""
        all_judgements = self.judgements()
        own = {
            cid: found[reviewer]
            for cid, rows in all_judgements.items()
            if reviewer in (found := decisions_by_reviewer(rows))
        }
        ordered = sorted(own.items(), key=lambda kv: (kv[1].created_at, kv[1].id or 0))
        mine = {cid: j.kind == JudgementKind.INCLUDE for cid, j in ordered}
        pending = [
            cid
            for cid, item in self.items.items()
            if cid not in mine
            and (everything or item.rule_decision != "exclude")
            and (self.dual or not decisions_by_reviewer(all_judgements[cid]))
        ]
        texts = {cid: item.card.all_text() for cid, item in self.items.items()}
        ranking = rank(texts, {c: i.prior for c, i in self.items.items()}, mine, pending)
        return list(ranking.order), ranking

    def decide(
        self, reviewer: str, cid: str, key: str, note: str = "", resolution: bool = False
    ) -> Judgement:
        kind, reason = self.keys.decision(key)
        if cid not in self.items:
            raise UsageError(
                f"{cid} is not an organisation of run {self.run}", "see `screen status`"
            )
        return self.store.record_judgement(
            Judgement(
                kind=kind,
                subject_id=cid,
                author=reviewer,
                reason_code=reason,
                prop=RESOLUTION if resolution else "",
                note=note,
            )
        )

    def undo(self, reviewer: str) -> Judgement | None:
        """Undo the reviewer's latest standing decision in this run."""
        standing = [
            j
            for rows in self.judgements().values()
            for j in decisions_by_reviewer(rows).values()
            if j.author == reviewer
        ]
        resolutions = [
            j for rows in self.judgements().values() for j in rows
            if j.author == reviewer and j.prop == RESOLUTION and j.kind != JudgementKind.UNDO
        ]  # fmt: skip
        candidates = standing + resolutions
        if not candidates:
            return None
        last = max(candidates, key=lambda j: (j.created_at, j.id or 0))
        return self.store.record_judgement(
            Judgement(JudgementKind.UNDO, last.subject_id, reviewer, undoes=last.id)
        )

    def conflicts(self) -> list[str]:
        return [
            cid
            for cid, rows in self.judgements().items()
            if self.final(cid, rows).status == "conflict"
        ]


def decisions_of(judgements: Mapping[str, list[Judgement]]) -> dict[str, dict[str, Judgement]]:
    """Each organisation's standing decision by each reviewer."""
    return {cid: decisions_by_reviewer(rows) for cid, rows in judgements.items()}
