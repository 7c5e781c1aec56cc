"""Resolve -> screen -> decisions -> PRISMA on a hand-made run, every count checked."""

from __future__ import annotations

import re
from typing import Any

import pytest

from diaspora_atlas.context import Context
from diaspora_atlas.model import Judgement, JudgementKind, Schema
from diaspora_atlas.model.runs import of_datasets, resolve_dataset
from diaspora_atlas.report.prisma import prisma_counts
from diaspora_atlas.report.prisma_svg import prisma_svg
from diaspora_atlas.resolve.candidates.stage import resolve_run
from diaspora_atlas.screen.decisions import export_decisions, load_decisions
from diaspora_atlas.screen.review import RunReview
from diaspora_atlas.screen.stage import screen_inventory, screen_run

from .handmade import IDS, RUN

pytestmark = [pytest.mark.db, pytest.mark.django_db]


def clusters(ctx: Context) -> dict[str, Any]:
    views = of_datasets(ctx.store.entity_views(Schema.CANDIDATE_ORGANISATION), resolve_dataset(RUN))
    return {v.value("name"): v for v in views.values()}


def cluster_of(ctx: Context, cand: str) -> str:
    return next(cid for cid, v in of_datasets(
        ctx.store.entity_views(Schema.CANDIDATE_ORGANISATION), resolve_dataset(RUN)
    ).items() if IDS[cand] in v.values("member"))  # fmt: skip


def run_all(ctx: Context) -> None:
    resolve_run(ctx)
    screen_run(ctx)
    load_decisions(ctx)


def test_resolution_keeps_look_alikes_apart_and_links_the_inventory(ctx: Context) -> None:
    summary = resolve_run(ctx)
    assert summary["organisations"] == 6 and summary["mentions"] == 7
    found = clusters(ctx)
    sama = found["Sudanese American Medical Association"]
    assert sorted(sama.values("member")) == sorted([IDS["c1"], IDS["c3"]])
    assert sama.value("inventory_match") == "org-aaaaaaaaaa"
    typo = next(s for s in sama.facts["member"] if s.value == IDS["c3"])
    assert "assocation→association" in typo.rationale and typo.original_value == "0.97"
    assert (
        found["American Lebanese Medical Association"].value("inventory_match") == "org-bbbbbbbbbb"
    )
    assert not found["Australian Lebanese Medical Association"].value("inventory_match")
    assert not found["Sudanese American Physicians Association"].value("inventory_match")
    chapter = found["Sudanese American Medical Association - Texas Chapter"]
    assert chapter.value("chapter_of") == cluster_of(ctx, "c1")


def test_rerun_changes_nothing_and_judgements_are_respected(ctx: Context) -> None:
    resolve_run(ctx)
    assert resolve_run(ctx)["changed"] is False
    sapa, sama = cluster_of(ctx, "c2"), cluster_of(ctx, "c1")
    ctx.store.record_judgement(Judgement(JudgementKind.SAME, IDS["c2"], "curator", object_id=sama))
    resolve_run(ctx)
    assert cluster_of(ctx, "c2") == cluster_of(ctx, "c1")
    found = ctx.store.judgements([IDS["c2"]])[IDS["c2"]]
    ctx.store.record_judgement(Judgement(JudgementKind.UNDO, "", "curator", undoes=found[0].id))
    ctx.store.record_judgement(
        Judgement(JudgementKind.DIFFERENT, IDS["c1"], "curator", object_id=IDS["c3"])
    )
    resolve_run(ctx)
    assert cluster_of(ctx, "c2") == sapa
    assert cluster_of(ctx, "c3") != cluster_of(ctx, "c1")  # a judged "different" is never merged


def test_screening_by_rule(ctx: Context) -> None:
    resolve_run(ctx)
    counts = screen_run(ctx)
    assert counts["exclude"] == 1 and counts["include"] == 0 and counts["review"] == 5
    japanese = ctx.store.entity_views(Schema.CANDIDATE_ORGANISATION)[cluster_of(ctx, "c7")]
    assert japanese.value("rule_decision") == "exclude"
    assert japanese.values("rule_reason") == ["origin_not_lmic"]
    assert screen_run(ctx)["changed"] is False


def decide(ctx: Context, reviewer: str, cand: str, key: str) -> None:
    RunReview(ctx.store, ctx.protocol, RUN).decide(reviewer, cluster_of(ctx, cand), key)


def test_prisma_counts_every_box(ctx: Context) -> None:
    run_all(ctx)
    decide(ctx, "reviewer-a", "c1", "i")
    decide(ctx, "reviewer-a", "c2", "i")
    decide(ctx, "reviewer-a", "c5", "i")
    decide(ctx, "reviewer-a", "c8", "regional_chapter")
    p = prisma_counts(RUN)
    assert p.records_by_source == {"google": 5, "pubmed": 2} and p.identified == 7
    assert (p.duplicates, p.screened, p.no_candidate) == (1, 6, 1)
    assert (p.mentions, p.lookalikes, p.organisations, p.mentions_merged) == (
        7,
        {"hospital": 1},
        6,
        1,
    )
    assert p.excluded_by_rule == {"origin_not_lmic": 1} and p.assessed == 5
    assert p.excluded_by_reviewers == {"regional_chapter": 1}
    assert (p.awaiting, p.conflicts, p.included, p.included_known, p.included_new) == (
        1,
        0,
        3,
        2,
        1,
    )
    svg = prisma_svg(p, "test")
    boxes = dict(re.findall(r'<g id="box-([a-z-]+)" data-n="(\d+)"', svg))
    assert boxes == {"identified": "7", "duplicates": "1", "screened": "6", "no-candidate": "1",
                     "organisations": "6", "excluded-rule": "1", "assessed": "5",
                     "excluded-reviewers": "1", "included": "3"}  # fmt: skip
    for text in ("google: 5", "pubmed: 2", "origin not lmic: 1", "regional chapter: 1", "new: 1",
                 "already in the inventory: 2", "Awaiting a decision: 1 (conflicts: 0)"):  # fmt: skip
        assert text in svg


def test_decisions_as_data_round_trip(ctx: Context, tmp_path: Any) -> None:
    run_all(ctx)
    decide(ctx, "reviewer-a", "c1", "i")
    decide(ctx, "reviewer-a", "c8", "8")  # the 8th reason key: regional_chapter
    names = {
        k: v.value("name") for k, v in ctx.store.entity_views(Schema.CANDIDATE_ORGANISATION).items()
    }
    import diaspora_atlas.screen.decisions as decisions

    path = tmp_path / "decisions.csv"
    original = decisions.decisions_file
    decisions.decisions_file = lambda run: path  # type: ignore[assignment]
    try:
        assert export_decisions(ctx.store, RUN, names)["added"] == 2
        assert export_decisions(ctx.store, RUN, names)["added"] == 0
    finally:
        decisions.decisions_file = original  # type: ignore[assignment]
    text = path.read_text(encoding="utf-8")
    assert "regional_chapter" in text and "reviewer-a" in text
    assert load_decisions(ctx)["recorded"] == 0  # the store holds them already


def test_a_fresh_store_reproduces_the_decisions(ctx: Context, tmp_path: Any) -> None:
    run_all(ctx)
    cid = cluster_of(ctx, "c2")
    (tmp_path / "decisions.csv").write_text(
        "decision,kind,subject,other,name,reviewer,reason,prop,note,decided_at\n"
        f"0001,exclude,{cid},,SAPA,reviewer-a,not_mainly_doctors,,a test,2026-11-30T10:00:00\n",
        encoding="utf-8",
    )
    assert load_decisions(ctx)["recorded"] == 1
    assert load_decisions(ctx)["recorded"] == 0
    assert prisma_counts(RUN).excluded_by_reviewers == {"not_mainly_doctors": 1}
    # a person undoes it in the store: loading the file again does not bring it back
    j = ctx.store.judgements([cid])[cid][-1]
    ctx.store.record_judgement(Judgement(JudgementKind.UNDO, "", "reviewer-a", undoes=j.id))
    assert load_decisions(ctx)["recorded"] == 0
    assert prisma_counts(RUN).excluded_by_reviewers == {}


def test_the_inventory_is_screened_too(ctx: Context) -> None:
    counts = screen_inventory(ctx)
    assert counts["added"] > 0 and sum(counts[k] for k in ("include", "exclude", "review")) == 2
