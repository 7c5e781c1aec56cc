"""The one place for search entity ids (PLAN.md, "Search and screening data"): sha1 of a
stable key, 12 hex digits, with the entity's prefix."""

from __future__ import annotations

import hashlib


def _digest(*parts: object) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:12]


def run_dataset(run: str) -> str:
    """The dataset a search run's statements belong to."""
    return f"search-{run}"


def query_id(run: str, engine: str, query: str) -> str:
    return "query-" + _digest(run, engine, query)


def record_id(run: str, source: str, record_key: str) -> str:
    return "rec-" + _digest(run, source, record_key)


def candidate_id(record: str, start: int, end: int) -> str:
    return "cand-" + _digest(record, start, end)


def plan_key(engine: str, query: str) -> str:
    """A planned query's key, the same in every run (its run's query id adds the run)."""
    return _digest(engine, query)
