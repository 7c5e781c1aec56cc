"""What an organisation, a government office and a Table 2 row are, read off their projected
views. The read models, the report and the exports all build them here, once."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from diaspora_atlas.model.ids import PAPER_SOURCE_ID
from diaspora_atlas.model.projection import EntityView
from diaspora_atlas.model.statement import Statement


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
    entity: EntityView = field(repr=False)

    @property
    def facts(self) -> dict[str, tuple[Statement, ...]]:
        return dict(self.entity.facts)

    def value(self, prop: str) -> str:
        return self.entity.value(prop)

    def values(self, prop: str) -> list[str]:
        return self.entity.values(prop)

    def source_of(self, prop: str) -> Statement | None:
        return self.entity.chosen(prop)

    @classmethod
    def of(cls, entity: EntityView) -> OrganisationView:
        row = entity.value("paper_row")
        return cls(
            id=entity.entity_id,
            name=entity.value("name"),
            paper_row=int(row) if row else None,
            host_iso3=entity.value("host_iso3"),
            origin_iso3=tuple(entity.values("origin_iso3")),
            origin_subnational=entity.value("origin_subnational"),
            website=entity.value("website"),
            online_presence=entity.value("online_presence"),
            starred=bool(entity.value("paper_note")),
            entity=entity,
        )


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

    @classmethod
    def of(cls, entity: EntityView) -> ListingView:
        return cls(
            id=entity.entity_id,
            row_order=int(entity.value("row_order") or 0),
            country_text=entity.value("country_text"),
            country_iso3=tuple(entity.values("country_iso3")),
            office_status=entity.value("office_status"),
            office_text=entity.value("office_text"),
            website_text=entity.value("website_text"),
            year_text=entity.value("year_text"),
        )


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
    entity: EntityView = field(repr=False)

    @property
    def facts(self) -> dict[str, tuple[Statement, ...]]:
        return dict(self.entity.facts)

    def value(self, prop: str) -> str:
        return self.entity.value(prop)

    def established(self) -> dict[str, Any] | None:
        """The year established: the paper's (Table 2) if it gives one, else a later source's."""
        dated = [e for e in self.events if e["kind"] == "established" and e.get("year_from")]
        dated.sort(key=lambda e: e["dataset"] != PAPER_SOURCE_ID)
        return dated[0] if dated else None

    @classmethod
    def of(cls, entity: EntityView) -> OfficeView:
        return cls(
            id=entity.entity_id,
            name=entity.value("name"),
            parent=entity.value("parent"),
            country_iso3=entity.value("country_iso3"),
            listing_id=entity.value("listing"),
            position=int(entity.value("position") or 0),
            institution_type=entity.value("institution_type"),
            websites=tuple(entity.values("website")),
            events=_events(entity),
            entity=entity,
        )


def _events(entity: EntityView) -> tuple[dict[str, Any], ...]:
    """Each distinct dated event once, with the dataset that states it ("dataset")."""
    seen: dict[str, dict[str, Any]] = {}
    for statement in entity.facts.get("event", ()):
        seen.setdefault(
            statement.value, {**json.loads(statement.value), "dataset": statement.dataset}
        )
    return tuple(seen.values())
