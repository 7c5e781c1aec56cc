"""Fast appends: rows written with multi-row parameterised INSERTs instead of the ORM's
``bulk_create``, which builds a model object and assembles SQL per row. Many rows per
statement rather than ``executemany``: sqlite3 lets go of the GIL at every step, so while
another thread is busy (the verifier's checks) each row waited for its turn and a load of
75,000 rows took 11 s instead of well under one. Used for the tables a load writes most (statements, their events, the current-statement
cache, sources, entities); the values are given in ``columns`` order and adapted as the
backend wants them (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Model

MAX_PARAMETERS = 30000  # below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters
MAX_ROWS = 500

T = TypeVar("T")


def db_datetime(value: datetime) -> Any:
    """A datetime as the backend stores it (text for SQLite, as-is for PostgreSQL)."""
    return connection.ops.adapt_datetimefield_value(value)


def insert_sql(
    model: type[Model], columns: Sequence[str], update_on: str, keep_on: str, rows: int = 1
) -> str:
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    marks = "(" + ", ".join(["%s"] * len(columns)) + ")"
    values = ", ".join([marks] * rows)
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES {values}"
    if update_on:
        sets = ", ".join(f"{quote(c)} = EXCLUDED.{quote(c)}" for c in columns if c != update_on)
        return f"{sql} ON CONFLICT ({quote(update_on)}) DO UPDATE SET {sets}"
    if keep_on:
        return f"{sql} ON CONFLICT ({quote(keep_on)}) DO NOTHING"
    return sql


def chunk_sizes(total: int, largest: int) -> list[int]:
    """How to cut ``total`` items into statements: ``largest`` as often as it fits, then the
    rest in powers of two (300 -> 256, 32, 8, 4). Every statement text is then one of a few
    shapes, and the database driver's cache of prepared statements holds only those: with
    one shape per remainder, each load added a new statement of up to 30,000 parameters to
    the cache, and memory crept up with every load."""
    sizes = [largest] * (total // largest)
    rest = total % largest
    while rest:
        power = 1 << (rest.bit_length() - 1)
        sizes.append(power)
        rest -= power
    return sizes


def in_chunks(items: Sequence[T], largest: int = MAX_ROWS) -> Iterator[Sequence[T]]:
    """``items`` in consecutive slices of the sizes ``chunk_sizes`` gives."""
    start = 0
    for size in chunk_sizes(len(items), largest):
        yield items[start : start + size]
        start += size


def insert_rows(
    model: type[Model],
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    update_on: str = "",
    keep_on: str = "",
) -> int:
    """Insert ``rows`` (values in ``columns`` order) into ``model``'s table; the count. With
    ``update_on`` (a unique column) a row that exists is updated instead, with ``keep_on``
    it is left as it is (``ON CONFLICT``: the same words in SQLite and PostgreSQL). Rows
    sharing an ``update_on`` value are reduced to the last of them: one statement may not
    update a row twice (PostgreSQL refuses it)."""
    if update_on:
        position = list(columns).index(update_on)
        rows = {row[position]: row for row in rows}.values()
    per_statement = max(1, min(MAX_ROWS, MAX_PARAMETERS // len(columns)))
    full = insert_sql(model, columns, update_on, keep_on, per_statement)
    written = 0
    values: list[Any] = []
    count = 0
    with connection.cursor() as cursor:
        for row in rows:
            values.extend(row)
            count += 1
            if count == per_statement:
                cursor.execute(full, values)
                written += count
                values, count = [], 0
        width, start = len(columns), 0
        for size in chunk_sizes(count, per_statement):  # the rest, in a few fixed shapes
            sql = insert_sql(model, columns, update_on, keep_on, size)
            cursor.execute(sql, values[start * width : (start + size) * width])
            start += size
        written += count
    return written
