"""Writing to the store: datasets of statements (append-only), and reference-data caches.

Call ``runtime.open_store()`` first. Every write runs in one transaction, so a failure
leaves the store as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any, TypeVar

from django.db import connection, transaction
from django.utils import timezone

from diaspora_atlas import model
from diaspora_atlas.errors import UsageError
from diaspora_atlas.model.store_api import LoadReport
from diaspora_atlas.store import models as orm
from diaspora_atlas.store.bulk import db_datetime, in_chunks, insert_rows

K = TypeVar("K")


def dataset_is_current(dataset: str, content_hash: str) -> bool:
    last = orm.DatasetLoad.objects.filter(dataset=dataset).order_by("-id").first()
    return last is not None and last.content_hash == content_hash


def load_dataset(
    dataset: str,
    content_hash: str,
    sources: Sequence[model.Source],
    statements: Sequence[model.Statement],
    run_id: str = "",
    scope: Collection[str] | None = None,
) -> LoadReport:
    """Bring the store in line with a dataset, as one load with an id.

    New statements are added and asserted; statements that vanished are retracted; one
    that comes back is asserted again. Each of these is an event tied to this load; no
    statement row is ever updated or deleted. A dataset whose content hash matches its last
    load is skipped entirely. With ``scope`` (entity ids), only those entities' statements
    of the dataset are compared: a partial load (some websites checked again) retracts
    nothing about the others.
    """
    foreign = sorted({s.dataset for s in statements} - {dataset})
    if foreign:
        raise UsageError(
            f"a load of {dataset} was given statements of {', '.join(foreign)}",
            "load each dataset's statements on their own",
        )
    if dataset_is_current(dataset, content_hash):
        return LoadReport(dataset, skipped=True)
    now = timezone.now()
    with transaction.atomic():
        _upsert_sources(sources)
        _ensure_entities(statements, now)
        load = orm.DatasetLoad.objects.create(
            dataset=dataset, content_hash=content_hash, loaded_at=now, run_id=run_id
        )
        of_dataset = orm.Statement.objects.filter(dataset=dataset)
        if scope is not None:
            of_dataset = of_dataset.filter(entity_id__in=sorted(set(scope)))
            outside = sorted({s.entity_id for s in statements} - set(scope))
            if outside:
                raise UsageError(
                    f"load of {dataset}: statements about {', '.join(outside[:3])} are outside "
                    "the load's scope",
                    "add those entities to the scope",
                )
        existing = dict(of_dataset.values_list("key", "id"))
        current = set(
            orm.CurrentStatement.objects.filter(
                dataset=dataset, statement__in=of_dataset.values("id")
            ).values_list("statement_id", flat=True)
        )
        incoming = {s.key: s for s in statements}
        new = [s for k, s in incoming.items() if k not in existing]
        insert_rows(orm.Statement, STATEMENT_COLUMNS, (_row(s) for s in new))
        back = [existing[k] for k in incoming if k in existing and existing[k] not in current]
        vanished = [sid for k, sid in existing.items() if k not in incoming and sid in current]
        _record_events(load, vanished, orm.StatementEvent.RETRACTED, now)
        _record_events(load, back, orm.StatementEvent.ASSERTED, now)
        since = db_datetime(now)
        entity_of = {existing[k]: s.entity_id for k, s in incoming.items() if k in existing}
        insert_rows(
            orm.CurrentStatement,
            ("statement_id", "entity_id", "dataset", "since"),
            ((sid, entity_of[sid], dataset, since) for sid in back),
        )
        _in_batches(  # the rows just added, by key, inside the database (see _assert_new)
            [s.key for s in new], lambda keys: _assert_new(load, dataset, keys, since)
        )
        asserted = len(new) + len(back)
        _in_batches(
            vanished,
            lambda batch: orm.CurrentStatement.objects.filter(statement_id__in=batch).delete(),
        )
        unchanged = len(incoming) - asserted
        load.statements_added = asserted
        load.statements_retracted = len(vanished)
        load.statements_unchanged = unchanged
        load.save(
            update_fields=["statements_added", "statements_retracted", "statements_unchanged"]
        )
    return LoadReport(dataset, False, asserted, len(vanished), unchanged)


def _record_events(load: orm.DatasetLoad, ids: Sequence[int], kind: str, now: datetime) -> None:
    at = db_datetime(now)
    insert_rows(
        orm.StatementEvent,
        ("statement_id", "load_id", "kind", "at"),
        ((sid, load.pk, kind, at) for sid in ids),
    )


def _assert_new(load: orm.DatasetLoad, dataset: str, keys: Sequence[str], since: Any) -> None:
    """The asserted events and current-statement rows of statements just inserted, written
    by INSERT ... SELECT: their ids never travel to Python (reading them back row by row
    let a busy thread take the GIL at every row)."""
    quote = connection.ops.quote_name
    statement = quote(orm.Statement._meta.db_table)
    marks = ", ".join(["%s"] * len(keys))
    chosen = f"FROM {statement} WHERE {quote('dataset')} = %s AND {quote('key')} IN ({marks})"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(orm.StatementEvent._meta.db_table)} "
            f"({quote('statement_id')}, {quote('load_id')}, {quote('kind')}, {quote('at')}) "
            f"SELECT {quote('id')}, %s, %s, %s {chosen} ORDER BY {quote('id')}",
            [load.pk, orm.StatementEvent.ASSERTED, since, dataset, *keys],
        )
        cursor.execute(
            f"INSERT INTO {quote(orm.CurrentStatement._meta.db_table)} "
            f"({quote('statement_id')}, {quote('entity_id')}, {quote('dataset')}, "
            f"{quote('since')}) SELECT {quote('id')}, {quote('entity_id')}, "
            f"{quote('dataset')}, %s {chosen}",
            [since, dataset, *keys],
        )


def _in_batches(keys: Sequence[K], action: Callable[[Sequence[K]], object]) -> None:
    for batch in in_chunks(keys):  # a few statement shapes only (see bulk.chunk_sizes)
        action(batch)


SOURCE_COLUMNS = (
    "id",
    "kind",
    "title",
    "url",
    "licence",
    "publisher",
    "retrieved_at",
    "citation",
    "dated",
)


def _upsert_sources(sources: Iterable[model.Source]) -> None:
    rows = {
        s.id: (
            s.id,
            s.kind.value,
            s.title,
            s.url,
            s.licence,
            s.publisher,
            s.retrieved_at,
            s.citation,
            s.dated,
        )
        for s in sources
    }  # one row per id: a batch may not update the same row twice
    insert_rows(orm.Source, SOURCE_COLUMNS, rows.values(), update_on="id")


def _ensure_entities(statements: Iterable[model.Statement], now: datetime) -> None:
    entities = {s.entity_id: s.schema.value for s in statements}
    seen = db_datetime(now)
    insert_rows(
        orm.Entity,
        ("id", "schema", "first_seen"),
        ((eid, schema, seen) for eid, schema in entities.items()),
        keep_on="id",
    )


STATEMENT_COLUMNS = (
    "key",
    "entity_id",
    "prop",
    "value",
    "original_value",
    "source_id",
    "source_url",
    "dataset",
    "retrieved_at",
    "asserted_by",
    "rationale",
    "inferred_from",
    "preferred",
    "proposed",
)


def _row(s: model.Statement) -> tuple[object, ...]:
    """A statement's values in ``STATEMENT_COLUMNS`` order."""
    return (
        s.key,
        s.entity_id,
        s.prop,
        s.value,
        s.original_value,
        s.source_id,
        s.source_url,
        s.dataset,
        s.retrieved_at,
        s.asserted_by,
        s.rationale,
        s.inferred_from,
        s.preferred,
        s.proposed,
    )


def record_judgement(judgement: model.Judgement) -> model.Judgement:
    """Append a human judgement and return it as stored (with its id and time). Undoing is
    another judgement of kind ``undo`` whose ``undoes`` is the id to undo."""
    if judgement.kind == model.JudgementKind.UNDO:
        target = orm.Judgement.objects.filter(pk=judgement.undoes or 0).first()
        if target is None:
            raise UsageError(
                f"there is no judgement {judgement.undoes} to undo",
                "list the judgements with `diaspora-atlas judge list`",
            )
        # an undo is about what its target is about, so it is read with it
        judgement = replace(judgement, subject_id=target.subject, object_id=target.object)
    row = orm.Judgement.objects.create(
        kind=judgement.kind.value,
        subject=judgement.subject_id,
        object=judgement.object_id,
        prop=judgement.prop,
        value=judgement.value,
        reason_code=judgement.reason_code,
        note=judgement.note,
        author=judgement.author,
        created_at=timezone.now(),
        undoes_id=judgement.undoes,
    )
    return judgement_of(row)


def judgement_of(row: orm.Judgement) -> model.Judgement:
    return model.Judgement(
        kind=model.JudgementKind(row.kind),
        subject_id=row.subject,
        author=row.author,
        object_id=row.object,
        prop=row.prop,
        value=row.value,
        reason_code=row.reason_code,
        note=row.note,
        id=row.pk,
        created_at=row.created_at.isoformat(),
        undoes=row.undoes_id,
    )
