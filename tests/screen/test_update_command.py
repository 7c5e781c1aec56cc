"""`screen update`: resolve -> screen -> the reviewers' recorded decisions -> report, with
progress; a second run changes nothing a person decided; the report's screening section."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.utils import timezone

from diaspora_atlas.pipeline import screen_update
from diaspora_atlas.progress import Progress
from diaspora_atlas.protocol import load_protocol
from diaspora_atlas.report.screening import screening_report
from diaspora_atlas.report.screening_html import screening_sections, write_screening_files
from diaspora_atlas.store import runs
from diaspora_atlas.store.facade import SqlStore

from .conftest import make_context
from .handmade import RUN, load_handmade

pytestmark = [pytest.mark.db, pytest.mark.django_db]


def test_update_runs_every_stage_and_keeps_decisions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_handmade()
    runs.start_run("built", "build", "frehywot2019")
    runs.finish_run("built")
    decisions = tmp_path / "decisions.csv"
    import diaspora_atlas.screen.decisions as module

    monkeypatch.setattr(module, "decisions_file", lambda run: decisions)
    protocol = load_protocol("frehywot2019-update2026")
    stream = io.StringIO()
    first = screen_update(
        RUN, Progress(stream=stream), protocol, tmp_path / "out", with_report=False
    )
    shown = stream.getvalue()
    labels = ["resolve candidates into organisations", "resolve 7 mentions",
              "screen organisations against the protocol's criteria",
              "reviewers' decisions kept as data", "the inventory against the criteria",
              "results, exports and report"]  # fmt: skip
    assert [shown.index(label) for label in labels] == sorted(
        shown.index(label) for label in labels
    )
    assert first["prisma"]["organisations"] == 6 and (tmp_path / "out" / "results.json").is_file()
    store = SqlStore()
    from diaspora_atlas.screen.review import RunReview

    review = RunReview(store, protocol, RUN)
    cid = review.queue("reviewer-a")[0][0]
    review.decide("reviewer-a", cid, "i", note=f"{timezone.now():%Y}")
    review.decide("reviewer-b", cid, "i")
    before = first["prisma"]["included"]
    again = screen_update(
        RUN, Progress(enabled=False), protocol, tmp_path / "out", with_report=False
    )
    assert again["stages"]["resolve_candidates"]["changed"] is False
    assert again["stages"]["screen"]["changed"] is False
    assert again["prisma"]["included"] == before + 1  # the decision stands, nothing redone


def test_the_report_section(db: None, tmp_path: Path) -> None:
    load_handmade()
    protocol = load_protocol("frehywot2019-update2026")
    from diaspora_atlas.resolve.candidates.stage import resolve_run
    from diaspora_atlas.screen.stage import screen_inventory, screen_run

    ctx = make_context(tmp_path, protocol=protocol)
    resolve_run(ctx)
    screen_run(ctx)
    screen_inventory(ctx)
    report = screening_report(protocol)
    assert [r.run for r in report.runs] == [RUN] and len(report.inventory) == 2
    assert [i.number for i in report.runs[0].checklist] == list(range(1, 17))
    log = {i.item: i.answer for i in report.runs[0].checklist}
    assert (
        "Google via SearXNG JSON API (1 query), PubMed via E-utilities (1 query)"
        in log["Database name"]
    )
    assert log["Dates of searches"] == "2026-11-02 to 2026-11-04"
    assert (
        "3 queries" in log["Full search strategies"] and "1 failed" in log["Full search strategies"]
    )
    svgs = write_screening_files(report, tmp_path)
    assert (tmp_path / "screening" / f"prisma-{RUN}.png").stat().st_size > 1000
    ((key, _, html),) = screening_sections(report, svgs, for_print=False)
    assert key == "screening" and "box-identified" in html and "PRISMA-S" in html
    assert "Sudanese American Medical Association" in html  # the inventory table


def test_the_build_screens_declared_runs_under_their_own_protocol(
    db: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import diaspora_atlas.screen.decisions as module
    from diaspora_atlas.model import Schema
    from diaspora_atlas.stages import screen_declared_runs

    load_handmade()
    declared = [module.DeclaredRun(RUN, "frehywot2019-update2026", "update2026"),
                module.DeclaredRun("absent", "frehywot2019", "")]  # fmt: skip
    monkeypatch.setattr(module, "declared_runs", lambda: declared)
    monkeypatch.setattr(module, "decisions_file", lambda run: tmp_path / "none.csv")
    ctx = make_context(tmp_path)  # the build's protocol: frehywot2019 (single review)
    done = screen_declared_runs(ctx)
    assert done["absent"] == {"skipped": "no such search run in the store"}
    assert done[RUN]["resolve_candidates"]["organisations"] == 6
    views = ctx.store.entity_views(Schema.CANDIDATE_ORGANISATION)
    modes = {v.value("review") for v in views.values() if v.value("review")}
    assert modes == {"dual"}  # the run's own protocol, not the build's single review
    assert screen_declared_runs(ctx)[RUN]["screen"]["changed"] is False
