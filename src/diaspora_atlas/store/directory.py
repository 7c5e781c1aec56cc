"""The web directory's organisation queries: full-text search, facets with counts, sorting
and pagination. Returns plain dicts; the web layer never sees the ORM.

Per request: at most one search query (FTS5 on SQLite, ``tsvector`` on PostgreSQL, ``LIKE``
elsewhere), one count, one page of rows and one ``GROUP BY`` for every facet's counts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError, connection
from django.db.models import Count, F, Max, Q, QuerySet
from django.db.models.expressions import OrderBy

from diaspora_atlas.refdata.normalise import normalise_name
from diaspora_atlas.store import models as orm
from diaspora_atlas.store.directory_index import FTS_TABLE

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
SORTS = ("relevance", "name", "-name", "row", "-row", "founded", "-founded", "host")
MAX_PER_PAGE = 200
# Unknown values (no paper row, no founding year) sort last on SQLite and PostgreSQL alike.
_ORDER: dict[str, tuple[str | OrderBy, ...]] = {
    "name": ("sort_name", "organisation_id"),
    "-name": ("-sort_name", "organisation_id"),
    "row": (F("organisation__paper_row").asc(nulls_last=True), "sort_name"),
    "-row": (F("organisation__paper_row").desc(nulls_last=True), "sort_name"),
    "founded": (F("founded_year").asc(nulls_last=True), "sort_name"),
    "-founded": (F("founded_year").desc(nulls_last=True), "sort_name"),
    "host": ("organisation__host_iso3", "sort_name"),
}
# bm25 weights per FTS5 column: org_id, name, aliases, acronyms, mission, body.
_BM25 = "bm25(" + FTS_TABLE + ", 0.0, 10.0, 8.0, 8.0, 2.0, 1.0)"


@dataclass(frozen=True)
class Selection:
    """What a user asked of the organisation directory (validated by the web layer)."""

    q: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fiscal_year: int = 0
    sort: str = "name"
    page: int = 1
    per_page: int = 50


def search_terms(q: str) -> list[str]:
    """The words of a query as the index holds them (folded; punctuation dropped)."""
    return re.findall(r"\w+", normalise_name(q))[:12]


def matching_ids(q: str) -> list[str] | None:
    """Organisation ids matching a text query, best first; None when there is no query."""
    terms = search_terms(q)
    if not terms:
        return None
    try:
        if connection.vendor == "sqlite":
            return _fts5(terms)
        if connection.vendor == "postgresql":
            return _tsvector(terms)
    except DatabaseError:  # an index that is missing or broken: fall back, never fail
        pass
    return _like(terms)


def _fts5(terms: list[str]) -> list[str]:
    match = " AND ".join(f'"{t}"*' for t in terms)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT org_id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY {_BM25}",
            [match],
        )
        return [row[0] for row in cursor.fetchall()]


def _tsvector(terms: list[str]) -> list[str]:
    vector = (
        "setweight(to_tsvector('simple', sort_name), 'A') || "
        "setweight(to_tsvector('simple', aliases || ' ' || acronyms), 'B') || "
        "setweight(to_tsvector('simple', mission), 'C') || "
        "setweight(to_tsvector('simple', body), 'D')"
    )
    query = " & ".join(f"{t}:*" for t in terms)
    table = orm.DirectoryEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT organisation_id FROM {table} "
            f"WHERE ({vector}) @@ to_tsquery('simple', %s) "
            f"ORDER BY ts_rank({vector}, to_tsquery('simple', %s)) DESC, sort_name",
            [query, query],
        )
        return [row[0] for row in cursor.fetchall()]


def _like(terms: list[str]) -> list[str]:
    query = orm.DirectoryEntry.objects.all()
    for term in terms:
        query = query.filter(
            Q(sort_name__contains=term)
            | Q(aliases__contains=term)
            | Q(acronyms__contains=term)
            | Q(mission__contains=term)
            | Q(body__contains=term)
        )
    return list(query.order_by("sort_name").values_list("organisation_id", flat=True))


def _filtered(selection: Selection, ids: list[str] | None) -> QuerySet[orm.DirectoryEntry]:
    query = orm.DirectoryEntry.objects.all()
    if ids is not None:
        query = query.filter(organisation_id__in=ids)
    for facet, chosen in selection.filters.items():
        if facet in FACETS and chosen:
            rows = orm.OrganisationFacet.objects.filter(
                facet=facet,
                value__in=chosen,
                fiscal_year=selection.fiscal_year if facet == "income" else 0,
            )
            query = query.filter(organisation_id__in=rows.values("organisation_id"))
    return query


def facet_counts(
    query: QuerySet[orm.DirectoryEntry], fiscal_year: int, only: str = ""
) -> dict[str, dict[str, int]]:
    """Counts per facet value within a selection (of every facet, or ``only`` one), in one
    GROUP BY."""
    matching = orm.OrganisationFacet.objects.filter(
        organisation_id__in=query.values("organisation_id"),
    ).filter(Q(fiscal_year=0) | Q(fiscal_year=fiscal_year, facet="income"))
    if only:
        matching = matching.filter(facet=only)
    rows = matching.values_list("facet", "value").annotate(n=Count("id"))
    counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    for facet, value, n in rows:
        counts.setdefault(facet, {})[value] = n
    return counts


def _page_summaries(
    query: QuerySet[orm.DirectoryEntry], selection: Selection, ids: list[str] | None
) -> list[dict[str, Any]]:
    start = (selection.page - 1) * selection.per_page
    stop = start + selection.per_page
    if selection.sort == "relevance" and ids is not None:
        rank = {oid: i for i, oid in enumerate(ids)}
        chosen = sorted(query.values_list("organisation_id", flat=True), key=rank.__getitem__)
        wanted = chosen[start:stop]
        by_id = dict(
            orm.DirectoryEntry.objects.filter(organisation_id__in=wanted).values_list(
                "organisation_id", "summary"
            )
        )
        return [by_id[oid] for oid in wanted]
    order = _ORDER.get(selection.sort, _ORDER["name"])
    return list(query.order_by(*order).values_list("summary", flat=True)[start:stop])


def search_organisations(selection: Selection) -> dict[str, Any]:
    """One page of a selection, its total and every facet's counts.

    A facet without a filter counts within the selection. A facet with a filter counts
    within the selection made by the *other* filters, so its other values show what adding
    them would bring (one more GROUP BY per filtered facet)."""
    ids = matching_ids(selection.q)
    query = _filtered(selection, ids)
    total = query.count()
    counts = facet_counts(query, selection.fiscal_year)
    for facet in selection.filters:
        others = {k: v for k, v in selection.filters.items() if k != facet}
        widened = _filtered(Selection(selection.q, others, selection.fiscal_year), ids)
        counts[facet] = facet_counts(widened, selection.fiscal_year, only=facet).get(facet, {})
    return {
        "total": total,
        "results": _page_summaries(query, selection, ids) if total else [],
        "facets": counts,
    }


def select_all(selection: Selection) -> list[dict[str, Any]]:
    """Every organisation of a selection (for downloads), in the selection's order."""
    ids = matching_ids(selection.q)
    query = _filtered(selection, ids)
    everything = Selection(
        selection.q, selection.filters, selection.fiscal_year, selection.sort, 1, 10**9
    )
    return _page_summaries(query, everything, ids)


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


def data_version() -> str:
    """Changes whenever a load or a projection changed what the directory shows."""
    loads = orm.DatasetLoad.objects.aggregate(last=Max("id"))
    judged = orm.Judgement.objects.aggregate(last=Max("id"))
    records = orm.OrganisationRecord.objects.aggregate(modified=Max("last_modified"), n=Count("id"))
    modified = records["modified"].isoformat() if records["modified"] else "-"
    return f"{loads['last'] or 0}.{judged['last'] or 0}.{records['n']}.{modified}"


def close_connections() -> None:
    """Close this process's database connections (before a server forks its workers)."""
    from django.db import connections

    connections.close_all()
