"""Multi-row appends cut into a few statement shapes: every row written, and a bounded set
of statement texts however many rows a load has (the driver caches each text it sees)."""

from __future__ import annotations

import pytest

from diaspora_atlas.store import models as orm
from diaspora_atlas.store.bulk import chunk_sizes, in_chunks
from diaspora_atlas.store.repository import load_dataset

from .test_repository import SOURCE, fact


def test_chunk_sizes_cover_every_total_in_a_few_shapes() -> None:
    shapes: set[int] = set()
    for total in range(0, 3000):
        sizes = chunk_sizes(total, 500)
        assert sum(sizes) == total
        assert all(size == 500 or size & (size - 1) == 0 for size in sizes)  # or a power of 2
        shapes.update(sizes)
    assert shapes == {500, 256, 128, 64, 32, 16, 8, 4, 2, 1}


def test_in_chunks_keeps_order_and_every_item() -> None:
    items = list(range(1234))
    chunks = list(in_chunks(items))
    assert [len(c) for c in chunks] == [500, 500, 128, 64, 32, 8, 2]
    assert [i for chunk in chunks for i in chunk] == items


@pytest.mark.db
@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 499, 501, 1237])
def test_a_load_of_any_size_writes_every_row_once(count: int) -> None:
    statements = [fact(f"org-{n}", "name", f"Name {n}") for n in range(count)]
    report = load_dataset("test", f"hash-{count}", [SOURCE], statements)
    assert report.added == count
    assert orm.Statement.objects.filter(dataset="test").count() == count
    assert orm.CurrentStatement.objects.filter(dataset="test").count() == count
    assert orm.StatementEvent.objects.count() == count
