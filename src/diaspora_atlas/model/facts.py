"""Choosing among statements: conflicting values live side by side; one may be preferred."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from diaspora_atlas.model.statement import Statement

# Properties that hold several values at once (each is a fact of its own, not a conflict).
MULTI_VALUED = frozenset(
    {
        "origin_iso3",
        "narrative",
        "role",
        "alias",
        "social_url",
        "website",
        "event",
        "country_iso3",
        "claim",
        "not_found",
        "mission_quote",
        "new_body",
    }
)


# The fields every organisation is searched for in the web sources (a gap is a dated not_found).
SEARCHED_FIELDS = (
    "hq_city",
    "hq_country",
    "founded_year",
    "legal_form",
    "registration_id",
    "mission_summary",
    "role",
    "website_current",
    "social_url",
)


def facts_as_json(grouped: Mapping[str, Sequence[Statement]]) -> dict[str, list[dict[str, object]]]:
    """Every value of every property with its source, for pages, the API and exports."""
    return {
        prop: [
            {
                "value": s.value,
                "original_value": s.original_value,
                "source_id": s.source_id,
                "source_url": s.source_url,
                "dataset": s.dataset,
                "retrieved_at": s.retrieved_at,
                "rationale": s.rationale,
                "inferred_from": s.inferred_from,
                "preferred": s.preferred,
            }
            for s in statements
        ]
        for prop, statements in sorted(grouped.items())
    }


def group_by_prop(statements: Iterable[Statement]) -> dict[str, list[Statement]]:
    grouped: dict[str, list[Statement]] = defaultdict(list)
    for statement in statements:
        grouped[statement.prop].append(statement)
    return dict(grouped)


def preferred(statements: Sequence[Statement]) -> Statement | None:
    """The value to show: one marked preferred, else the most recently retrieved, else first."""
    if not statements:
        return None
    marked = [s for s in statements if s.preferred and s.value]
    if marked:
        return marked[0]
    with_value = [s for s in statements if s.value] or list(statements)
    return max(with_value, key=lambda s: s.retrieved_at)


def preferred_value(grouped: Mapping[str, Sequence[Statement]], prop: str) -> str:
    chosen = preferred(grouped.get(prop, ()))
    return chosen.value if chosen else ""


def values(grouped: Mapping[str, Sequence[Statement]], prop: str) -> list[str]:
    """Every distinct value of a multi-valued property, in first-seen order."""
    seen: dict[str, None] = {}
    for statement in grouped.get(prop, ()):
        if statement.value:
            seen.setdefault(statement.value, None)
    return list(seen)


def is_conflict(statements: Sequence[Statement]) -> bool:
    return len({s.value for s in statements if s.value}) > 1
