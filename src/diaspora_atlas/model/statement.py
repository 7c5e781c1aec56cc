"""The statement: one fact about one entity, from one source (DESIGN.md §2)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum


class Schema(StrEnum):
    ORGANISATION = "Organisation"
    OFFICE = "Office"
    COUNTRY = "Country"
    CANDIDATE = "Candidate"
    PAGE_CHECK = "PageCheck"
    OFFICE_LISTING = "OfficeListing"
    STUDY = "Study"
    SEARCH_QUERY = "SearchQuery"  # one query sent to one engine (its PRISMA-S record)
    SEARCH_RECORD = "SearchRecord"  # one hit a query returned or an import file held
    CANDIDATE_ORGANISATION = "CandidateOrganisation"  # mentions resolved into one organisation


@dataclass(frozen=True)
class Statement:
    """A value of ``prop`` for ``entity_id``, as asserted by ``source_id``.

    ``original_value`` is the text exactly as the source printed it; ``value`` is the
    cleaned, typed-as-text value. ``rationale`` explains curated values; ``inferred_from``
    is non-empty when the value was inferred rather than read.
    """

    entity_id: str
    schema: Schema
    prop: str
    value: str
    source_id: str
    dataset: str
    original_value: str = ""
    retrieved_at: str = ""
    asserted_by: str = ""
    rationale: str = ""
    inferred_from: str = ""
    source_url: str = ""
    preferred: bool = False
    proposed: bool = False  # read by a machine from a page: fills a gap, never replaces a value

    @property
    def key(self) -> str:
        return statement_key(self)


def statement_key(statement: Statement) -> str:
    """A stable identity over every field, so reloading an unchanged dataset changes nothing
    and any change (even to a rationale) retracts the old row and adds a new one."""
    s = statement
    parts = (
        s.dataset,
        s.entity_id,
        s.schema.value,
        s.prop,
        s.value,
        s.original_value,
        s.source_id,
        s.source_url,
        s.retrieved_at,
        s.asserted_by,
        s.rationale,
        s.inferred_from,
        "1" if s.preferred else "0",
        *(["proposed"] if s.proposed else []),  # absent when false: older keys stay stable
    )
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]
