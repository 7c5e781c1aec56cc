"""The study as plain views, read from the store through the one projection."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from diaspora_atlas import model
from diaspora_atlas.model.ids import PAPER_SOURCE_ID, STUDY_ID
from diaspora_atlas.model.projection import EntityView
from diaspora_atlas.model.views import ListingView, OfficeView, OrganisationView
from diaspora_atlas.store import queries

__all__ = ["ListingView", "OfficeView", "OrganisationView", "StudyView", "load_study"]


@dataclass(frozen=True)
class StudyView:
    organisations: tuple[OrganisationView, ...]
    listings: tuple[ListingView, ...]
    offices: tuple[OfficeView, ...]
    claims: tuple[dict[str, Any], ...]
    paper_url: str


def _in(entity: EntityView, datasets: Collection[str] | None) -> bool:
    return datasets is None or any(
        s.dataset in datasets for statements in entity.facts.values() for s in statements
    )


def _views(schema: model.Schema, datasets: Collection[str] | None) -> list[EntityView]:
    return [e for e in queries.entity_views(schema).values() if _in(e, datasets)]


def load_study(datasets: Collection[str] | None = None) -> StudyView:
    """The organisations, Table 2 rows, offices and claims some statement of ``datasets``
    speaks of (a protocol's inventories); None: everything in the store."""
    orgs = [OrganisationView.of(e) for e in _views(model.Schema.ORGANISATION, datasets)]
    orgs.sort(key=lambda o: (o.paper_row is None, o.paper_row or 0, o.name))
    listings = [ListingView.of(e) for e in _views(model.Schema.OFFICE_LISTING, datasets)]
    listings.sort(key=lambda li: li.row_order)
    offices = [OfficeView.of(e) for e in _views(model.Schema.OFFICE, datasets)]
    order = {li.id: li.row_order for li in listings}
    offices.sort(key=lambda o: (order.get(o.listing_id, 10**6), o.position, o.id))
    study = queries.entity_views(model.Schema.STUDY).get(STUDY_ID)
    claims = tuple(
        json.loads(s.value)
        for s in (study.facts.get("claim", ()) if study else ())
        if datasets is None or s.dataset in datasets
    )
    paper = queries.sources().get(PAPER_SOURCE_ID)
    return StudyView(
        tuple(orgs), tuple(listings), tuple(offices), claims, paper.url if paper else ""
    )
