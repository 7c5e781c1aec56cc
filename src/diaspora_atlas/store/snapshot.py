"""A consistent copy of the embedded SQLite database, for download (never the live file)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.db import connection


def is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def sqlite_snapshot(dest: Path) -> Path:
    """Copy the live database into ``dest`` with SQLite's online backup (WAL-safe)."""
    if not is_sqlite():
        raise RuntimeError("the database is not SQLite")
    connection.ensure_connection()
    raw = connection.connection
    assert isinstance(raw, sqlite3.Connection)
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_suffix(".partial")
    target = sqlite3.connect(partial)
    try:
        raw.backup(target)
    finally:
        target.close()
    partial.replace(dest)
    return dest
