"""The web directory's read models as plain rows: what the in-memory index of the directory
(``web.find``) is built from, once per data version, and the data version itself.

Searching, filtering, counting facets and sorting happen in memory (the directory holds one
study's inventory: hundreds of organisations, tens of facet rows each), so a request costs no
query; PostgreSQL and SQLite give the same rows and so the same answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError
from django.db.models import Count, Max

from diaspora_atlas.store import models as orm

FACETS = (
    "host",
    "origin",
    "continent",
    "income",
    "role",
    "presence",
    "verified",
    "website_today",
    "inventory",
)
SORTS = (
    "relevance",
    "name",
    "-name",
    "origin",
    "-origin",
    "row",
    "-row",
    "founded",
    "-founded",
    "host",
)
MAX_PER_PAGE = 200
TEXT_FIELDS = ("name", "aliases", "acronyms", "mission", "body")


@dataclass(frozen=True)
class Selection:
    """What a user asked of the organisation directory (validated by the web layer)."""

    q: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fiscal_year: int = 0
    sort: str = "name"
    page: int = 1
    per_page: int = 50


def index_rows() -> list[dict[str, Any]]:
    """Every organisation's summary, sort keys and folded search text, by name."""
    rows = orm.DirectoryEntry.objects.order_by("sort_name").values_list(
        "organisation_id",
        "summary",
        "sort_name",
        "founded_year",
        "organisation__paper_row",
        "aliases",
        "acronyms",
        "mission",
        "body",
    )
    return [
        {
            "id": org_id,
            "summary": summary,
            "sort_name": sort_name,
            "founded_year": founded,
            "paper_row": row,
            "text": dict(zip(TEXT_FIELDS, (sort_name, *texts), strict=True)),
        }
        for org_id, summary, sort_name, founded, row, *texts in rows
    ]


def facet_rows() -> list[tuple[str, str, str, int]]:
    """(organisation id, facet, value, fiscal year or 0) for every facet value."""
    return list(
        orm.OrganisationFacet.objects.values_list(
            "organisation_id", "facet", "value", "fiscal_year"
        ).iterator(chunk_size=5000)
    )


def summaries(ids: Sequence[str]) -> list[dict[str, Any]]:
    """List-row summaries of the given organisations, in the given order."""
    by_id = dict(
        orm.DirectoryEntry.objects.filter(organisation_id__in=ids).values_list(
            "organisation_id", "summary"
        )
    )
    return [by_id[i] for i in ids if i in by_id]


def all_summaries() -> list[dict[str, Any]]:
    """Every organisation's list-row summary, by name."""
    return list(orm.DirectoryEntry.objects.order_by("sort_name").values_list("summary", flat=True))


UNAVAILABLE = "unavailable"


def data_version() -> str:
    """Changes whenever a load or a projection changed what the directory shows;
    ``UNAVAILABLE`` when the store cannot be read (nothing cached may then be served)."""
    try:
        return _data_version()
    except DatabaseError:
        return UNAVAILABLE


def _data_version() -> str:
    loads = orm.DatasetLoad.objects.aggregate(last=Max("id"))
    judged = orm.Judgement.objects.aggregate(last=Max("id"))
    records = orm.OrganisationRecord.objects.aggregate(modified=Max("last_modified"), n=Count("id"))
    modified = records["modified"].isoformat() if records["modified"] else "-"
    return f"{loads['last'] or 0}.{judged['last'] or 0}.{records['n']}.{modified}"


def close_connections() -> None:
    """Close this process's database connections (before a server forks its workers)."""
    from django.db import connections

    connections.close_all()
