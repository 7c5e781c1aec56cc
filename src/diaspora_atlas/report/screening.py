"""What the report says about screening, read from the store: each screened search run's
PRISMA 2020 counts, its PRISMA-S checklist and the reviewers' agreement; the inventory's
organisations against each criterion; the organisations added by an update."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from diaspora_atlas.model import Schema
from diaspora_atlas.model.runs import of_datasets, resolve_dataset, screen_dataset
from diaspora_atlas.model.screening import agreement, decisions_by_reviewer
from diaspora_atlas.protocol import Protocol, load_protocol
from diaspora_atlas.report.prisma import Prisma, prisma_counts
from diaspora_atlas.report.prisma_s import Item, checklist
from diaspora_atlas.store import queries

INVENTORY_SCREENING = "screen-inventory"


@dataclass(frozen=True)
class RunScreening:
    run: str
    prisma: Prisma
    checklist: list[Item]
    agreement: dict[str, Any] | None  # with dual review, once two reviewers decided


@dataclass(frozen=True)
class ScreeningReport:
    runs: list[RunScreening] = field(default_factory=list)
    inventory: list[dict[str, Any]] = field(default_factory=list)  # one row per organisation
    added: dict[str, Any] = field(default_factory=dict)  # organisations an update added

    @property
    def empty(self) -> bool:
        return not (self.runs or self.inventory or self.added.get("total"))


def screened_runs() -> list[str]:
    loads = {str(d["dataset"]) for d in queries.dataset_loads()}
    return sorted(
        d.removeprefix("screen-")
        for d in loads
        if d.startswith("screen-") and d != INVENTORY_SCREENING
    )


def run_agreement(run: str, protocol: Protocol) -> dict[str, Any] | None:
    """Kappa of the two reviewers who decided most, when the run was dual reviewed."""
    views = queries.entity_views(Schema.CANDIDATE_ORGANISATION)
    if not any(
        v.value("review") == "dual" for v in of_datasets(views, screen_dataset(run)).values()
    ):
        return None
    clusters = of_datasets(views, resolve_dataset(run))
    found = queries.judgements(clusters)
    decisions = {cid: decisions_by_reviewer(found.get(cid, [])) for cid in clusters}
    authors = Counter(a for d in decisions.values() for a in d)
    if len(authors) < 2:
        return None
    first, second = sorted(a for a, _ in authors.most_common(2))
    codes = [r.code for r in protocol.exclusion_reasons()]
    result = agreement(decisions, first, second, codes)
    by_code = {r.code: r.criterion for r in protocol.exclusion_reasons()}
    per_reason: dict[str, float | None] = result["kappa_per_reason"]
    result["kappa_per_criterion"] = {by_code[code] or code: k for code, k in per_reason.items()}
    return result


def inventory_rows() -> list[dict[str, Any]]:
    import json

    views = of_datasets(queries.entity_views(Schema.CANDIDATE_ORGANISATION), INVENTORY_SCREENING)
    orgs = queries.entity_views(Schema.ORGANISATION)
    rows = []
    for view in views.values():
        org = orgs.get(view.value("inventory_match"))
        criteria = {c["code"]: c for c in (json.loads(v) for v in view.values("criterion"))}
        rows.append(
            {
                "id": view.value("inventory_match"),
                "name": view.value("name"),
                "paper_row": org.value("paper_row") if org else "",
                "decision": view.value("rule_decision"),
                "reasons": view.values("rule_reason"),
                "criteria": criteria,
            }
        )
    return sorted(rows, key=lambda r: (int(r["paper_row"] or 10**6), r["name"]))


def added_organisations() -> dict[str, Any]:
    """Organisations an update added: those found by a search run (``found_by``)."""
    orgs = [v for v in queries.entity_views(Schema.ORGANISATION).values() if v.values("found_by")]
    return {
        "total": len(orgs),
        "by_inventory": dict(Counter(v.value("inventory") for v in orgs)),
        "by_host": dict(sorted(Counter(v.value("host_iso3") for v in orgs).items())),
        "by_origin": dict(
            sorted(Counter(o for v in orgs for o in v.values("origin_iso3")).items())
        ),
        "by_engine": dict(
            sorted(Counter(e for v in orgs for e in v.values("found_by_engine")).items())
        ),
        "names": sorted(v.value("name") for v in orgs),
    }


def runs_of(protocol: Protocol) -> list[str]:
    """The screened runs that concern ``protocol``: screened under a protocol that shares a
    host with it (another protocol's run is not this study's, as its organisations are not)."""
    views = queries.entity_views(Schema.CANDIDATE_ORGANISATION)
    found = []
    for run in screened_runs():
        named = {v.value("protocol") for v in of_datasets(views, screen_dataset(run)).values()}
        hosts = {h for p in named - {""} for h in load_protocol(p).host_iso3s}
        if not named - {""} or hosts & set(protocol.host_iso3s):
            found.append(run)
    return found


def screening_report(protocol: Protocol) -> ScreeningReport:
    runs = []
    for run in runs_of(protocol):
        prisma = prisma_counts(run)
        runs.append(
            RunScreening(
                run, prisma, checklist(run, protocol, prisma), run_agreement(run, protocol)
            )
        )
    return ScreeningReport(runs, inventory_rows(), added_organisations())
