"""Reading the store as pure model types (stages and reports never see ORM rows)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from diaspora_atlas import model
from diaspora_atlas.store import models as orm


def _to_model(row: orm.Statement, schema: str) -> model.Statement:
    return model.Statement(
        entity_id=row.entity_id,
        schema=model.Schema(schema),
        prop=row.prop,
        value=row.value,
        source_id=row.source_id,
        dataset=row.dataset,
        original_value=row.original_value,
        retrieved_at=row.retrieved_at,
        asserted_by=row.asserted_by,
        rationale=row.rationale,
        inferred_from=row.inferred_from,
        source_url=row.source_url,
        preferred=row.preferred,
    )


def current_statements(schema: model.Schema) -> dict[str, list[model.Statement]]:
    """Current (not retracted) statements of every entity of one schema, by entity id."""
    rows = (
        orm.Statement.objects.filter(entity__schema=schema.value, retracted_at__isnull=True)
        .order_by("entity_id", "id")
        .iterator(chunk_size=2000)
    )
    grouped: dict[str, list[model.Statement]] = defaultdict(list)
    for row in rows:
        grouped[row.entity_id].append(_to_model(row, schema.value))
    return dict(grouped)


def statement_history(entity_id: str) -> list[dict[str, object]]:
    """Every statement ever made about an entity, retracted ones included, oldest first."""
    rows = orm.Statement.objects.filter(entity_id=entity_id).order_by("first_seen", "id")
    return [
        {
            "prop": r.prop,
            "value": r.value,
            "source_id": r.source_id,
            "source_url": r.source_url,
            "dataset": r.dataset,
            "first_seen": r.first_seen.isoformat(),
            "last_seen": r.last_seen.isoformat(),
            "retracted_at": r.retracted_at.isoformat() if r.retracted_at else None,
        }
        for r in rows
    ]


def sources() -> dict[str, model.Source]:
    return {
        s.id: model.Source(
            id=s.id,
            kind=model.SourceKind(s.kind),
            title=s.title,
            url=s.url,
            licence=s.licence,
            publisher=s.publisher,
            retrieved_at=s.retrieved_at,
            citation=s.citation,
            dated=s.dated,
        )
        for s in orm.Source.objects.all()
    }


def dataset_loads() -> list[dict[str, object]]:
    return [
        {
            "dataset": d.dataset,
            "content_hash": d.content_hash,
            "loaded_at": d.loaded_at.isoformat(),
            "added": d.statements_added,
            "retracted": d.statements_retracted,
            "unchanged": d.statements_unchanged,
        }
        for d in orm.DatasetLoad.objects.order_by("id")
    ]


def count_statements(current_only: bool = True) -> int:
    query = orm.Statement.objects.all()
    return (query.filter(retracted_at__isnull=True) if current_only else query).count()


def entity_ids(schema: model.Schema) -> Iterable[str]:
    return orm.Entity.objects.filter(schema=schema.value).values_list("id", flat=True)
