"""Reviewers at the terminal (over a pipe): keys, undo, resume, blinded dual review, kappa,
the conflict queue and a third reviewer's resolution."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest

from diaspora_atlas.context import Context
from diaspora_atlas.model.screening import decisions_by_reviewer
from diaspora_atlas.protocol import Protocol, load_protocol, protocols_dir
from diaspora_atlas.report.prisma import prisma_counts
from diaspora_atlas.report.screening import run_agreement
from diaspora_atlas.resolve.candidates.stage import resolve_run
from diaspora_atlas.screen.review import RunReview
from diaspora_atlas.screen.stage import screen_run
from diaspora_atlas.screening_cli import review_loop

from .conftest import make_context
from .handmade import RUN, load_handmade

pytestmark = [pytest.mark.db, pytest.mark.django_db]


def dual_protocol(tmp_path: Path) -> Protocol:
    text = (protocols_dir() / "frehywot2019.yml").read_text(encoding="utf-8")
    start = text.index("screening:")
    end = text.index("\n# ", start)
    dual = "screening:\n  dual_review: true\n  reviewers: 2\n  conflicts: third_reviewer\n"
    path = tmp_path / "dual-test.yml"
    path.write_text(
        text[:start].replace("id: frehywot2019", "id: dual-test") + dual + text[end:],
        encoding="utf-8",
    )
    return load_protocol(str(path))


def session(
    keys: list[str], reviewer: str, protocol: Protocol, command: str = "review"
) -> list[str]:
    shown: list[str] = []
    feed: Iterator[str] = iter(keys)

    def read(prompt: str) -> str:
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    args = argparse.Namespace(reviewer=reviewer, run=RUN, all=False, protocol=str(protocol.file),
                              command_name=command)  # fmt: skip
    review_loop(args, read=read, write=shown.append)
    return shown


@pytest.fixture
def screened(db: None, tmp_path: Path) -> Context:
    load_handmade()
    ctx = make_context(tmp_path, protocol=dual_protocol(tmp_path))
    resolve_run(ctx)
    screen_run(ctx)
    return ctx


def test_keys_undo_and_resume(screened: Context) -> None:
    protocol = screened.protocol
    shown = session(["?", "i", "u", "zz", "s", "q"], "reviewer-a", protocol)
    screen = shown[0]
    assert (
        "RULES SAY: REVIEW" in screen
        and "I1 met" in screen
        and "order: by the rules' reading" in screen
    )
    assert "  8  exclude: regional_chapter" in screen and "  i  include" in screen
    assert any(line.startswith("recorded: reviewer-a included it") for line in shown)
    assert any(line.startswith("undone: judgement") for line in shown)
    assert any("is not a decision key" in line for line in shown)
    review = RunReview(screened.store, protocol, RUN)
    queue, _ = review.queue("reviewer-a")
    assert len(queue) == 5  # the undo left nothing decided; the rule's exclusion is not queued
    session(["i", "i"], "reviewer-a", protocol)  # a new session resumes where the store is
    assert len(review.queue("reviewer-a")[0]) == 3


def test_blinded_dual_review_kappa_and_resolution(screened: Context) -> None:
    protocol = screened.protocol
    session(["i", "i", "i", "i", "i"], "reviewer-a", protocol)
    shown = session(["i", "i", "i", "3", "8"], "reviewer-b", protocol)
    assert not any("reviewer-a" in line for line in shown)  # blinded
    review = RunReview(screened.store, protocol, RUN)
    conflicts = review.conflicts()
    assert len(conflicts) == 2
    agreement = run_agreement(RUN, protocol)
    assert agreement is not None and agreement["organisations"] == 5 and agreement["agreed"] == 3
    # observed 3/5; expected (1 * 3/5) for "include": kappa = (0.6 - 0.6) / (1 - 0.6) = 0
    assert agreement["kappa"] == pytest.approx(0.0)
    assert agreement["kappa_per_criterion"]["E3"] == pytest.approx(0.0)
    assert agreement["kappa_per_criterion"]["I1"] is None  # nobody used it
    assert prisma_counts(RUN).conflicts == 2
    shown = session(["i", "8"], "reviewer-c", protocol, command="resolve")
    assert any("\nreviewer-a: include" in screen for screen in shown)  # the third sees both
    assert review.conflicts() == []
    p = prisma_counts(RUN)
    assert (p.conflicts, p.awaiting, p.included) == (0, 0, 4)
    assert p.excluded_by_reviewers == {"regional_chapter": 1}
    for cid in conflicts:
        assert "reviewer-c" not in decisions_by_reviewer(review.judgements()[cid])


def test_the_queue_learns_from_decisions(screened: Context) -> None:
    protocol = screened.protocol
    review = RunReview(screened.store, protocol, RUN)
    order, ranking = review.queue("reviewer-a")
    assert ranking.trained_on == 0
    keys = ["i" if "Chapter" not in review.items[c].card.name else "8" for c in order]
    for cid, key in zip(order, keys, strict=True):
        review.decide("reviewer-a", cid, key)
    assert review.queue("reviewer-a")[0] == []
    # with five decisions of both kinds the model is trained
    _, ranking = review.queue("reviewer-a", everything=True)
    assert ranking.trained_on == 5 and "naive Bayes" in ranking.method
