"""Writing to the store: datasets of statements (append-only), and reference-data caches.

Call ``runtime.open_store()`` first. Every write runs in one transaction, so a failure
leaves the store as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from diaspora_atlas import model
from diaspora_atlas.store import models as orm


@dataclass(frozen=True)
class LoadReport:
    dataset: str
    skipped: bool
    added: int = 0
    retracted: int = 0
    unchanged: int = 0


def dataset_is_current(dataset: str, content_hash: str) -> bool:
    last = orm.DatasetLoad.objects.filter(dataset=dataset).order_by("-id").first()
    return last is not None and last.content_hash == content_hash


def load_dataset(
    dataset: str,
    content_hash: str,
    sources: Sequence[model.Source],
    statements: Sequence[model.Statement],
) -> LoadReport:
    """Bring the store in line with a dataset: add new statements, retract vanished ones.

    Unchanged statements get ``last_seen`` moved on; nothing is ever deleted. A dataset
    whose content hash matches its last load is skipped entirely.
    """
    if dataset_is_current(dataset, content_hash):
        return LoadReport(dataset, skipped=True)
    now = timezone.now()
    with transaction.atomic():
        _upsert_sources(sources)
        _ensure_entities(statements, now)
        existing = dict(
            orm.Statement.objects.filter(dataset=dataset).values_list("key", "retracted_at")
        )
        incoming = {s.key: s for s in statements}
        new = [s for k, s in incoming.items() if k not in existing]
        seen = [k for k in incoming if k in existing]
        vanished = [k for k, gone in existing.items() if k not in incoming and gone is None]
        orm.Statement.objects.bulk_create((_row(s, now) for s in new), batch_size=500)
        _in_batches(
            seen,
            lambda keys: orm.Statement.objects.filter(key__in=keys).update(
                last_seen=now, retracted_at=None
            ),
        )
        _in_batches(
            vanished,
            lambda keys: orm.Statement.objects.filter(key__in=keys).update(retracted_at=now),
        )
        orm.DatasetLoad.objects.create(
            dataset=dataset,
            content_hash=content_hash,
            loaded_at=now,
            statements_added=len(new),
            statements_retracted=len(vanished),
            statements_unchanged=len(seen),
        )
    return LoadReport(dataset, False, len(new), len(vanished), len(seen))


def _in_batches(keys: Sequence[str], action: object, size: int = 500) -> None:
    assert callable(action)
    for start in range(0, len(keys), size):
        action(keys[start : start + size])


def _upsert_sources(sources: Iterable[model.Source]) -> None:
    rows = [
        orm.Source(
            id=s.id,
            kind=s.kind.value,
            title=s.title,
            url=s.url,
            licence=s.licence,
            publisher=s.publisher,
            retrieved_at=s.retrieved_at,
            citation=s.citation,
            dated=s.dated,
        )
        for s in sources
    ]
    orm.Source.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=[
            "kind",
            "title",
            "url",
            "licence",
            "publisher",
            "retrieved_at",
            "citation",
            "dated",
        ],
        batch_size=500,
    )


def _ensure_entities(statements: Iterable[model.Statement], now: datetime) -> None:
    entities = {s.entity_id: s.schema.value for s in statements}
    orm.Entity.objects.bulk_create(
        (orm.Entity(id=eid, schema=schema, first_seen=now) for eid, schema in entities.items()),
        ignore_conflicts=True,
        batch_size=500,
    )


def _row(s: model.Statement, now: datetime) -> orm.Statement:
    return orm.Statement(
        key=s.key,
        entity_id=s.entity_id,
        prop=s.prop,
        value=s.value,
        original_value=s.original_value,
        source_id=s.source_id,
        source_url=s.source_url,
        dataset=s.dataset,
        retrieved_at=s.retrieved_at,
        asserted_by=s.asserted_by,
        rationale=s.rationale,
        inferred_from=s.inferred_from,
        preferred=s.preferred,
        first_seen=now,
        last_seen=now,
    )


def record_judgement(judgement: model.Judgement, undoes: int | None = None) -> int:
    """Append a human judgement; returns its id. Undoing is another call with ``undoes``."""
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
        undoes_id=undoes,
    )
    return int(row.pk)
