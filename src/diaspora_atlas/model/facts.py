"""Facts about properties: which hold several values, which are searched for in the web sources.

Which value of a property is shown, and why, is decided in ``model.projection`` only."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from diaspora_atlas.model.statement import Statement

# Properties that hold several values at once (each is a fact of its own, not a conflict).
MULTI_VALUED = frozenset(
    {
        "origin_iso3",
        "inferred_origin_iso3",
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
        # one check per address: an organisation's 2019 and current websites are two facts
        "check_outcome",
        "check_final_url",
        "check_status",
        "check_title",
        "check_content_hash",
        "check_archived_url",
        "focus",  # focus labels of step 5 (model.focuses)
        "role_label",
        "page_text",  # one main text per page read by the verifier (verify.reading.pagetext)
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


def group_by_prop(statements: Iterable[Statement]) -> dict[str, list[Statement]]:
    grouped: dict[str, list[Statement]] = defaultdict(list)
    for statement in statements:
        grouped[statement.prop].append(statement)
    return dict(grouped)
