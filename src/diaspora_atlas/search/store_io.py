"""What the search stages read from the store and how they write a batch of a run to it: the
run's records so far (for deduplication) and one scoped load (a second batch adds to the run
without retracting the first)."""

from __future__ import annotations

from dataclasses import dataclass, field

from diaspora_atlas.model import Schema, Statement
from diaspora_atlas.model.projection import EntityView
from diaspora_atlas.model.records import SearchRecord
from diaspora_atlas.model.search_ids import run_dataset, run_source
from diaspora_atlas.model.store_api import LoadReport, StoreApi

STORE_SOURCE = "(store)"  # RecordRef.source of records already in the store


def in_dataset(entity: EntityView, dataset: str) -> bool:
    return any(s.dataset == dataset for values in entity.facts.values() for s in values)


def run_entities(store: StoreApi, schema: Schema, run: str) -> dict[str, EntityView]:
    dataset = run_dataset(run)
    return {i: e for i, e in store.entity_views(schema).items() if in_dataset(e, dataset)}


def stored_records(store: StoreApi, run: str) -> list[SearchRecord]:
    """The run's records already in the store, as records whose ``record_id`` is the entity
    id (``source`` = STORE_SOURCE), first-seen order kept by entity id order of loading."""
    return [
        SearchRecord(
            source=STORE_SOURCE,
            run=run,
            record_id=entity_id,
            title=view.value("title"),
            doi=view.value("doi"),
            pmid=view.value("pmid"),
            url=view.value("url"),
        )
        for entity_id, view in run_entities(store, Schema.SEARCH_RECORD, run).items()
        if not view.value("duplicate_of")
    ]


@dataclass
class Batch:
    """Statements about some entities of one run, loaded together."""

    run: str
    statements: list[Statement] = field(default_factory=list)

    @property
    def scope(self) -> set[str]:
        return {s.entity_id for s in self.statements}

    def load(self, store: StoreApi, content_hash: str) -> LoadReport:
        return store.load_dataset(
            run_dataset(self.run),
            content_hash,
            [run_source(self.run)],
            self.statements,
            scope=self.scope,
        )
