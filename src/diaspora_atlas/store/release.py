"""The data's version and date: what a citation of the directory names.

``version`` identifies the content: a hash of the keys of every statement that stands now
and of every judgement, so two stores with the same statements and judgements have the same
version whatever machine built them, and any change of a fact gives a new one. ``date`` is
when the data last changed (the latest load that added or withdrew a statement, or the latest
judgement). A store that was never loaded has no version.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db.models import Max, Q

from diaspora_atlas.store import models as orm

VERSION_LENGTH = 10


def content_version() -> str:
    digest = hashlib.sha256()
    keys = orm.CurrentStatement.objects.order_by("statement__key").values_list(
        "statement__key", flat=True
    )
    for key in keys.iterator(chunk_size=5000):
        digest.update(key.encode("ascii") + b"\n")
    for judgement in orm.Judgement.objects.order_by("id").values_list("id", flat=True):
        digest.update(f"j{judgement}\n".encode("ascii"))
    return digest.hexdigest()[:VERSION_LENGTH]


def data_release() -> dict[str, Any]:
    """``version``, ``date`` (YYYY-MM-DD), counts of statements and sources, and the
    datasets with the date each was last changed."""
    loads = orm.DatasetLoad.objects.filter(
        Q(statements_added__gt=0) | Q(statements_retracted__gt=0)
    )
    changed = loads.aggregate(last=Max("loaded_at"))["last"]
    judged = orm.Judgement.objects.aggregate(last=Max("created_at"))["last"]
    when = max((t for t in (changed, judged) if t is not None), default=None)
    datasets = {
        name: last.date().isoformat()
        for name, last in loads.exclude(dataset="refdata")
        .values_list("dataset")
        .annotate(last=Max("loaded_at"))
        .values_list("dataset", "last")
    }
    statements = orm.CurrentStatement.objects.count()
    return {
        "version": content_version() if statements else "",
        "date": when.date().isoformat() if when else "",
        "statements": statements,
        "sources": orm.Source.objects.count(),
        "datasets": dict(sorted(datasets.items())),
    }
