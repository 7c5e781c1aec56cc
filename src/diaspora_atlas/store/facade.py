"""The store as the stages see it: ``model.store_api.StoreApi`` implemented with the ORM."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Sequence

from django.db.models import Max

from diaspora_atlas import model
from diaspora_atlas.model.projection import EntityView
from diaspora_atlas.model.store_api import LoadReport
from diaspora_atlas.store import models as orm
from diaspora_atlas.store import projections, queries, reference, repository


class SqlStore:
    """One per run; ``run_id`` ties every load it makes to the run."""

    def __init__(self, run_id: str = "") -> None:
        self.run_id = run_id

    def dataset_is_current(self, dataset: str, content_hash: str) -> bool:
        return repository.dataset_is_current(dataset, content_hash)

    def load_dataset(
        self,
        dataset: str,
        content_hash: str,
        sources: Sequence[model.Source],
        statements: Sequence[model.Statement],
        scope: Collection[str] | None = None,
    ) -> LoadReport:
        return repository.load_dataset(
            dataset, content_hash, sources, statements, self.run_id, scope
        )

    def load_reference(self, content_hash: str) -> bool:
        return reference.load_reference_data(content_hash, self.run_id)

    def entity_views(self, schema: model.Schema) -> dict[str, EntityView]:
        return queries.entity_views(schema)

    def judgements(self, subjects: Iterable[str] | None = None) -> dict[str, list[model.Judgement]]:
        return queries.judgements(subjects)

    def record_judgement(self, judgement: model.Judgement) -> model.Judgement:
        return repository.record_judgement(judgement)

    def rebuild_read_models(self) -> dict[str, int]:
        return projections.rebuild_read_models()

    def version(self, excluding: Sequence[str] = ()) -> str:
        return store_version(excluding)


def store_version(excluding: Sequence[str] = ()) -> str:
    """Changes whenever a load, a statement event or a judgement is added (loads of the
    datasets in ``excluding`` aside — a name ending in ``*`` is a prefix —: a stage does not
    depend on what it writes itself)."""
    names = [d for d in excluding if not d.endswith("*")]
    loads = orm.DatasetLoad.objects.exclude(dataset__in=names)
    for prefix in (d[:-1] for d in excluding if d.endswith("*")):
        loads = loads.exclude(dataset__startswith=prefix)
    marks = [
        loads.aggregate(m=Max("id"))["m"],
        orm.StatementEvent.objects.filter(load__in=loads).aggregate(m=Max("id"))["m"],
        orm.Judgement.objects.aggregate(m=Max("id"))["m"],
    ]
    return hashlib.sha256(repr(marks).encode()).hexdigest()[:16]
