"""The directory's search against what people type: a labelled set of queries
(search_queries.yaml) with the organisations each is looking for.

recall@10: of the organisations expected, the share among the first 10 results (out of 10
when more are expected); precision@10: of the first 10 results, the share that are expected
or fair answers; first: the share of name and acronym queries answered first by the one
meant. Each figure must stay at or above the one recorded here (what the search reached
when the set was labelled).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from diaspora_atlas.store.directory import Selection
from diaspora_atlas.web.find.service import select

QUERIES = Path(__file__).with_name("search_queries.yaml")
MIN_RECALL_AT_10 = 1.0
MIN_PRECISION_AT_10 = 0.98
MIN_FIRST = 1.0
pytestmark = pytest.mark.db


@dataclass(frozen=True)
class Scored:
    q: str
    recall: float | None
    precision: float
    first: bool | None
    shown: tuple[int, ...]


def _labelled() -> list[dict[str, Any]]:
    return list(yaml.safe_load(QUERIES.read_text(encoding="utf-8")))


def _score(item: dict[str, Any]) -> Scored:
    found, _ = select(Selection(q=item["q"], sort="relevance", per_page=10))
    shown = tuple(int(r["paper_row"]) for r in found.results)
    expect, fair = set(item["expect"]), set(item["expect"]) | set(item.get("also", []))
    recall = len(expect & set(shown)) / min(10, len(expect)) if expect else None
    precision = sum(1 for row in shown if row in fair) / len(shown) if shown else float(not expect)
    first = shown[:1] == (item["first"],) if "first" in item else None
    return Scored(item["q"], recall, precision, first, shown)


def test_the_query_set_is_large_and_labelled() -> None:
    items = _labelled()
    assert len(items) >= 60
    assert len({i["q"] for i in items}) == len(items), "each query once"
    for item in items:
        rows = [*item["expect"], *item.get("also", [])]
        assert all(1 <= r <= 89 for r in rows), item


def test_search_finds_what_people_look_for(atlas: Any, db: None) -> None:
    scored = [_score(item) for item in _labelled()]
    recalls = [s.recall for s in scored if s.recall is not None]
    firsts = [s.first for s in scored if s.first is not None]
    recall = sum(recalls) / len(recalls)
    precision = sum(s.precision for s in scored) / len(scored)
    first = sum(firsts) / len(firsts)
    misses = [(s.q, s.shown) for s in scored if (s.recall or 1) < 1 or s.precision < 1]
    assert recall >= MIN_RECALL_AT_10, (recall, misses)
    assert precision >= MIN_PRECISION_AT_10, (precision, misses)
    assert first >= MIN_FIRST, [s.q for s in scored if s.first is False]


def test_typos_are_corrected_and_said(atlas: Any, db: None) -> None:
    _, read = select(Selection(q="Philipine"))
    assert read is not None and read.corrected == "philippine"
    _, exact = select(Selection(q="Philippine"))
    assert exact is not None and exact.corrected == ""
