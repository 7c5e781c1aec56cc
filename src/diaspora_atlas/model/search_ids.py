"""The one place for the ids of a search run's entities and its dataset and source (PLAN.md,
"Search and screening data"): sha1 of a stable key, 12 hex digits, with the entity's
prefix. The search stage writes queries and records, the extract stage their candidates."""

from __future__ import annotations

import hashlib

from diaspora_atlas.model.source import Source, SourceKind

RUN_DATASET_PREFIX = "search-"


def _digest(*parts: object) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:12]


def run_dataset(run: str) -> str:
    """The dataset a search run's statements belong to."""
    return RUN_DATASET_PREFIX + run


def run_of(dataset: str) -> str:
    return dataset.removeprefix(RUN_DATASET_PREFIX)


def run_source(run: str) -> Source:
    """The source every statement of a run cites (its own dataset)."""
    return Source(
        id=run_dataset(run),
        kind=SourceKind.SEARCH_RESULT,
        title=f"Search run {run}: queries sent, records returned, candidates extracted",
    )


def query_id(run: str, engine: str, query: str) -> str:
    return "query-" + _digest(run, engine, query)


def record_id(run: str, source: str, record_key: str) -> str:
    return "rec-" + _digest(run, source, record_key)


def candidate_id(record: str, start: int, end: int) -> str:
    return "cand-" + _digest(record, start, end)
