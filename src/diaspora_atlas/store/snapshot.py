"""A consistent copy of the embedded SQLite database, for download (never the live file).

Several server processes may ask for the same copy at once. The first to take the folder's
lock (an ``fcntl`` lock, so it holds across processes and threads, and is released if a
process dies) writes the copy to a temporary file of its own and renames it into place; the
others wait, then read the finished copy. Each caller gets the file already open, so a newer
copy replacing it cannot pull it away mid-download.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from django.db import connection

LOCK_NAME = ".lock"
PARTIAL_SUFFIX = ".partial"


def is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def live_connection() -> sqlite3.Connection:
    """The raw connection to the live SQLite database of this thread."""
    if not is_sqlite():
        raise RuntimeError("the database is not SQLite")
    connection.ensure_connection()
    raw = connection.connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def sqlite_snapshot(dest: Path, source: sqlite3.Connection | None = None) -> Path:
    """Copy the live database into ``dest`` with SQLite's online backup (WAL-safe): into a
    temporary file of this writer's own beside ``dest``, then renamed over it atomically."""
    raw = source or live_connection()
    dest.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(
        prefix=f".{dest.name}.", suffix=PARTIAL_SUFFIX, dir=dest.parent
    )
    os.close(handle)
    try:
        target = sqlite3.connect(partial)
        try:
            raw.backup(target)
        finally:
            target.close()
        Path(partial).replace(dest)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return dest


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / LOCK_NAME).open("a") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)  # released on close, or if the process dies
        yield


def open_snapshot(
    folder: Path, name: str, source: Callable[[], sqlite3.Connection] = live_connection
) -> BinaryIO:
    """The finished copy ``folder/name``, made once by whoever comes first; older copies and
    leftovers of killed writers in ``folder`` are removed. Returned open for reading."""
    path = folder / name
    with _locked(folder):
        if not path.exists():
            sqlite_snapshot(path, source())
            for old in folder.iterdir():
                if old != path and old.name.endswith((".sqlite3", PARTIAL_SUFFIX)):
                    old.unlink(missing_ok=True)
        return path.open("rb")
