"""Reading the store as pure model types (stages and reports never see ORM rows)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Max, Q

from diaspora_atlas import model
from diaspora_atlas.model.projection import EntityView, project
from diaspora_atlas.store import models as orm
from diaspora_atlas.store.repository import judgement_of

COLUMNS = (
    "entity_id",
    "prop",
    "value",
    "source_id",
    "dataset",
    "original_value",
    "retrieved_at",
    "asserted_by",
    "rationale",
    "inferred_from",
    "source_url",
    "preferred",
    "proposed",
)


def current_statements(schema: model.Schema) -> dict[str, list[model.Statement]]:
    """Current (standing) statements of every entity of one schema, by entity id. Rows are
    read as tuples (no ORM objects: an entity view of the whole store reads them all)."""
    rows = (
        orm.Statement.objects.filter(entity__schema=schema.value, current__isnull=False)
        .order_by("entity_id", "id")
        .values_list(*COLUMNS)
        .iterator(chunk_size=2000)
    )
    kind = model.Schema(schema.value)
    grouped: dict[str, list[model.Statement]] = defaultdict(list)
    for (
        eid,
        prop,
        value,
        source,
        dataset,
        original,
        at,
        by,
        why,
        inferred,
        url,
        pref,
        proposed,
    ) in rows:
        grouped[eid].append(
            model.Statement(
                entity_id=eid,
                schema=kind,
                prop=prop,
                value=value,
                source_id=source,
                dataset=dataset,
                original_value=original,
                retrieved_at=at,
                asserted_by=by,
                rationale=why,
                inferred_from=inferred,
                source_url=url,
                preferred=bool(pref),
                proposed=bool(proposed),
            )
        )
    return dict(grouped)


def judgements(subjects: Iterable[str] | None = None) -> dict[str, list[model.Judgement]]:
    """Every judgement (undos included) by the entity it is about, oldest first. A judgement
    about two entities (same / different) is listed under both."""
    query = orm.Judgement.objects.order_by("created_at", "id")
    if subjects is not None:
        wanted = sorted(set(subjects))
        query = query.filter(Q(subject__in=wanted) | Q(object__in=wanted))
    found: dict[str, list[model.Judgement]] = defaultdict(list)
    for row in query:
        j = judgement_of(row)
        found[j.subject_id].append(j)
        if j.object_id and j.object_id != j.subject_id:
            found[j.object_id].append(j)
    return dict(found)


def change_times(schema: model.Schema) -> dict[str, str]:
    """When each entity's statements last changed (its latest assertion or retraction)."""
    rows = (
        orm.StatementEvent.objects.filter(statement__entity__schema=schema.value)
        .values("statement__entity_id")
        .annotate(last=Max("at"))
        .values_list("statement__entity_id", "last")
    )
    return {entity_id: last.isoformat() for entity_id, last in rows}


def entity_views(schema: model.Schema) -> dict[str, EntityView]:
    """Every entity of one schema through the one projection (statements + judgements)."""
    statements = current_statements(schema)
    about = judgements(statements)
    changed = change_times(schema)
    return {
        entity_id: project(
            entity_id, schema, rows, about.get(entity_id, ()), changed.get(entity_id, "")
        )
        for entity_id, rows in statements.items()
    }


def statement_history(entity_id: str) -> list[dict[str, object]]:
    """Every assertion and retraction of every statement about an entity, oldest first."""
    events = (
        orm.StatementEvent.objects.filter(statement__entity_id=entity_id)
        .select_related("statement")
        .order_by("id")
    )
    return [
        {
            "prop": e.statement.prop,
            "value": e.statement.value,
            "source_id": e.statement.source_id,
            "source_url": e.statement.source_url,
            "dataset": e.statement.dataset,
            "event": e.kind,
            "at": e.at.isoformat(),
            "load": e.load_id,
        }
        for e in events
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
    if current_only:
        return orm.CurrentStatement.objects.count()
    return orm.Statement.objects.count()


def entity_ids(schema: model.Schema) -> Iterable[str]:
    return orm.Entity.objects.filter(schema=schema.value).values_list("id", flat=True)
