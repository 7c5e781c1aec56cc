"""The datasets of one search run, named in one place: the search writes ``search-<run>``,
resolution ``resolve-<run>``, screening ``screen-<run>`` (PLAN.md, "Search and screening
data"); and the test that an entity belongs to one of them."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from diaspora_atlas.model.projection import EntityView

RUN_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,60}$")


def search_dataset(run: str) -> str:
    return f"search-{run}"


def resolve_dataset(run: str) -> str:
    return f"resolve-{run}"


def screen_dataset(run: str) -> str:
    return f"screen-{run}"


def runs_in(datasets: Collection[str]) -> list[str]:
    """The search runs whose datasets are among ``datasets`` (names of loads)."""
    return sorted(d.removeprefix("search-") for d in datasets if d.startswith("search-"))


def in_dataset(entity: EntityView, datasets: Collection[str]) -> bool:
    """True when some current statement about the entity is of one of ``datasets``."""
    return any(s.dataset in datasets for rows in entity.facts.values() for s in rows)


def of_datasets(views: Mapping[str, EntityView], *datasets: str) -> dict[str, EntityView]:
    return {k: v for k, v in views.items() if in_dataset(v, datasets)}
