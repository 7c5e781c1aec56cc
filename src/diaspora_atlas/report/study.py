"""The study as plain views, read from the store's current statements."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from diaspora_atlas import model
from diaspora_atlas.model.facts import group_by_prop, preferred, preferred_value, values
from diaspora_atlas.model.ids import PAPER_SOURCE_ID, STUDY_ID
from diaspora_atlas.store import queries

Grouped = dict[str, list[model.Statement]]


@dataclass(frozen=True)
class OrganisationView:
    id: str
    name: str
    paper_row: int | None
    host_iso3: str
    origin_iso3: tuple[str, ...]
    origin_subnational: str
    website: str
    online_presence: str
    starred: bool
    facts: Grouped = field(repr=False)

    def value(self, prop: str) -> str:
        return preferred_value(self.facts, prop)

    def source_of(self, prop: str) -> model.Statement | None:
        return preferred(self.facts.get(prop, []))


@dataclass(frozen=True)
class ListingView:
    id: str
    row_order: int
    country_text: str
    country_iso3: tuple[str, ...]
    office_status: str
    office_text: str
    website_text: str
    year_text: str


@dataclass(frozen=True)
class OfficeView:
    id: str
    name: str
    parent: str
    country_iso3: str
    listing_id: str
    position: int
    institution_type: str
    websites: tuple[str, ...]
    events: tuple[dict[str, Any], ...]
    facts: Grouped = field(repr=False)

    def established(self) -> dict[str, Any] | None:
        """The year established: the paper's (Table 2) if it gives one, else a later source's."""
        dated = [e for e in self.events if e["kind"] == "established" and e.get("year_from")]
        dated.sort(key=lambda e: e["dataset"] != PAPER_SOURCE_ID)
        return dated[0] if dated else None


@dataclass(frozen=True)
class StudyView:
    organisations: tuple[OrganisationView, ...]
    listings: tuple[ListingView, ...]
    offices: tuple[OfficeView, ...]
    claims: tuple[dict[str, Any], ...]
    paper_url: str


def _in(statements: list[model.Statement], datasets: Collection[str] | None) -> bool:
    return datasets is None or any(s.dataset in datasets for s in statements)


def load_study(datasets: Collection[str] | None = None) -> StudyView:
    """The organisations, Table 2 rows, offices and claims some statement of ``datasets``
    speaks of (a protocol's inventories); None: everything in the store."""
    orgs = [
        _organisation(eid, group_by_prop(s))
        for eid, s in queries.current_statements(model.Schema.ORGANISATION).items()
        if _in(s, datasets)
    ]
    orgs.sort(key=lambda o: (o.paper_row is None, o.paper_row or 0, o.name))
    listings = [
        _listing(eid, group_by_prop(s))
        for eid, s in queries.current_statements(model.Schema.OFFICE_LISTING).items()
        if _in(s, datasets)
    ]
    listings.sort(key=lambda li: li.row_order)
    offices = [
        _office(eid, group_by_prop(s))
        for eid, s in queries.current_statements(model.Schema.OFFICE).items()
        if _in(s, datasets)
    ]
    order = {li.id: li.row_order for li in listings}
    offices.sort(key=lambda o: (order.get(o.listing_id, 10**6), o.position, o.id))
    about = queries.current_statements(model.Schema.STUDY).get(STUDY_ID, [])
    study = group_by_prop([s for s in about if datasets is None or s.dataset in datasets])
    claims = tuple(json.loads(s.value) for s in study.get("claim", []))
    paper = queries.sources().get(PAPER_SOURCE_ID)
    return StudyView(
        tuple(orgs), tuple(listings), tuple(offices), claims, paper.url if paper else ""
    )


def _organisation(entity_id: str, g: Grouped) -> OrganisationView:
    row = preferred_value(g, "paper_row")
    return OrganisationView(
        id=entity_id,
        name=preferred_value(g, "name"),
        paper_row=int(row) if row else None,
        host_iso3=preferred_value(g, "host_iso3"),
        origin_iso3=tuple(values(g, "origin_iso3")),
        origin_subnational=preferred_value(g, "origin_subnational"),
        website=preferred_value(g, "website"),
        online_presence=preferred_value(g, "online_presence"),
        starred=bool(preferred_value(g, "paper_note")),
        facts=g,
    )


def _listing(entity_id: str, g: Grouped) -> ListingView:
    return ListingView(
        id=entity_id,
        row_order=int(preferred_value(g, "row_order") or 0),
        country_text=preferred_value(g, "country_text"),
        country_iso3=tuple(values(g, "country_iso3")),
        office_status=preferred_value(g, "office_status"),
        office_text=preferred_value(g, "office_text"),
        website_text=preferred_value(g, "website_text"),
        year_text=preferred_value(g, "year_text"),
    )


def _events(g: Grouped) -> tuple[dict[str, Any], ...]:
    """Each distinct dated event once, with the dataset that states it ("dataset")."""
    seen: dict[str, dict[str, Any]] = {}
    for statement in g.get("event", []):
        seen.setdefault(
            statement.value, {**json.loads(statement.value), "dataset": statement.dataset}
        )
    return tuple(seen.values())


def _office(entity_id: str, g: Grouped) -> OfficeView:
    return OfficeView(
        id=entity_id,
        name=preferred_value(g, "name"),
        parent=preferred_value(g, "parent"),
        country_iso3=preferred_value(g, "country_iso3"),
        listing_id=preferred_value(g, "listing"),
        position=int(preferred_value(g, "position") or 0),
        institution_type=preferred_value(g, "institution_type"),
        websites=tuple(values(g, "website")),
        events=_events(g),
        facts=g,
    )
