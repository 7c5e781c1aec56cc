"""Fast appends: rows written with one parameterised INSERT per batch (``executemany``)
instead of the ORM's ``bulk_create``, which builds a model object and assembles SQL per
row. Used for the tables a load writes most (statements, their events, the current-statement
cache, sources, entities); the values are given in ``columns`` order and adapted as the
backend wants them (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import Model

BATCH = 1000


def db_datetime(value: datetime) -> Any:
    """A datetime as the backend stores it (text for SQLite, as-is for PostgreSQL)."""
    return connection.ops.adapt_datetimefield_value(value)


def insert_sql(model: type[Model], columns: Sequence[str], update_on: str, keep_on: str) -> str:
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks})"
    if update_on:
        sets = ", ".join(f"{quote(c)} = EXCLUDED.{quote(c)}" for c in columns if c != update_on)
        return f"{sql} ON CONFLICT ({quote(update_on)}) DO UPDATE SET {sets}"
    if keep_on:
        return f"{sql} ON CONFLICT ({quote(keep_on)}) DO NOTHING"
    return sql


def insert_rows(
    model: type[Model],
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    update_on: str = "",
    keep_on: str = "",
) -> int:
    """Insert ``rows`` (values in ``columns`` order) into ``model``'s table; the count. With
    ``update_on`` (a unique column) a row that exists is updated instead, with ``keep_on``
    it is left as it is (``ON CONFLICT``: the same words in SQLite and PostgreSQL)."""
    sql = insert_sql(model, columns, update_on, keep_on)
    written = 0
    batch: list[Sequence[Any]] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                written += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            written += len(batch)
    return written
