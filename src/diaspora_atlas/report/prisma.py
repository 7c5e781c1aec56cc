"""The PRISMA 2020 flow of a search run, counted from the store: what the pipeline did.

    records identified, per source ──> duplicates removed
    records screened ─────────────────> records naming no candidate organisation
    candidate organisations ──────────> excluded by rule, per reason
      (mentions of one organisation merged)
    organisations assessed by reviewers > excluded by reviewers, per reason; awaiting a decision
    organisations included: already in the inventory, new

Decisions come from ``model.screening.final_decision`` (the one rule), so the diagram, the
report and the reviewers' status always agree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from diaspora_atlas.model import Schema
from diaspora_atlas.model.runs import of_datasets, resolve_dataset, screen_dataset, search_dataset
from diaspora_atlas.model.screening import CONFLICT, DECIDED, EXCLUDE, INCLUDE, final_decision
from diaspora_atlas.store import queries


@dataclass(frozen=True)
class Prisma:
    run: str
    records_by_source: dict[str, int]
    identified: int
    duplicates: int
    screened: int
    no_candidate: int
    mentions: int
    lookalikes: dict[str, int]  # names rejected at extraction, by kind
    organisations: int
    mentions_merged: int
    excluded_by_rule: dict[str, int]
    assessed: int
    excluded_by_reviewers: dict[str, int]
    awaiting: int
    conflicts: int
    included: int
    included_known: int
    included_new: int
    new_ids: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _records(run: str) -> tuple[Counter[str], int, set[str]]:
    records = of_datasets(queries.entity_views(Schema.SEARCH_RECORD), search_dataset(run))
    by_source: Counter[str] = Counter(v.value("engine") or "unknown" for v in records.values())
    duplicates = {rid for rid, v in records.items() if v.value("duplicate_of")}
    return by_source, len(duplicates), set(records) - duplicates


def _mentions(run: str, unique: set[str]) -> tuple[int, Counter[str], set[str]]:
    cands = of_datasets(queries.entity_views(Schema.CANDIDATE), search_dataset(run))
    with_candidate = {v.value("record") for v in cands.values() if v.value("status") == "candidate"}
    lookalikes = Counter(
        v.value("reason") or "other" for v in cands.values() if v.value("status") == "rejected"
    )
    mentions = sum(v.value("status") == "candidate" for v in cands.values())
    return mentions, lookalikes, unique & with_candidate


def prisma_counts(run: str) -> Prisma:
    """The run's counts; single or dual review as the run was screened (its ``review``)."""
    by_source, duplicates, unique = _records(run)
    mentions, lookalikes, named = _mentions(run, unique)
    views = queries.entity_views(Schema.CANDIDATE_ORGANISATION)
    clusters = of_datasets(views, resolve_dataset(run))
    screened = of_datasets(views, screen_dataset(run))
    judgements = queries.judgements(clusters)
    by_rule, reviewers, included, known = Counter[str](), Counter[str](), 0, 0
    awaiting = conflicts = 0
    new_ids: list[str] = []
    for cid, view in sorted(clusters.items()):
        s = screened.get(cid)
        reason = s.values("rule_reason")[0] if s and s.values("rule_reason") else ""
        rule = s.value("rule_decision") if s else ""
        dual = s is not None and s.value("review") == "dual"
        final = final_decision(judgements.get(cid, []), rule, reason, dual)
        if final.status != DECIDED:
            awaiting += 1
            conflicts += final.status == CONFLICT
        elif final.decision == EXCLUDE:
            (by_rule if final.by == "rule" else reviewers)[final.reason or "no_reason"] += 1
        elif final.decision == INCLUDE:
            included += 1
            known += bool(view.value("inventory_match"))
            if not view.value("inventory_match"):
                new_ids.append(cid)
    return Prisma(
        run=run,
        records_by_source=dict(sorted(by_source.items())),
        identified=sum(by_source.values()),
        duplicates=duplicates,
        screened=len(unique),
        no_candidate=len(unique) - len(named),
        mentions=mentions,
        lookalikes=dict(sorted(lookalikes.items())),
        organisations=len(clusters),
        mentions_merged=mentions - len(clusters),
        excluded_by_rule=dict(sorted(by_rule.items())),
        assessed=len(clusters) - sum(by_rule.values()),
        excluded_by_reviewers=dict(sorted(reviewers.items())),
        awaiting=awaiting,
        conflicts=conflicts,
        included=included,
        included_known=known,
        included_new=included - known,
        new_ids=new_ids,
    )
