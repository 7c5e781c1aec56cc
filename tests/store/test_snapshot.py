"""Fault test: concurrent first downloads of the database copy, from several processes and
threads at once, each get a finished, valid SQLite file (no shared partial file)."""

from __future__ import annotations

import hashlib
import multiprocessing
import sqlite3
import threading
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path

from diaspora_atlas.store.snapshot import open_snapshot

PROCESSES = 4
THREADS = 4
ROWS = 20_000


def make_source(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE record (id INTEGER PRIMARY KEY, text TEXT)")
        db.executemany(
            "INSERT INTO record (text) VALUES (?)", ((f"row {i}" * 5,) for i in range(ROWS))
        )
    db.close()


def download(source: Path, folder: Path, start: threading.Barrier | None = None) -> str:
    """One visitor: wait for the others, take the copy, check it; returns its digest."""
    if start is not None:
        start.wait()
    with open_snapshot(folder, "atlas-v1.sqlite3", lambda: sqlite3.connect(source)) as handle:
        body = handle.read()
    copy = folder.parent / f"check-{threading.get_ident()}-{multiprocessing.current_process().pid}"
    copy.write_bytes(body)
    with sqlite3.connect(copy) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT COUNT(*) FROM record").fetchone() == (ROWS,)
    db.close()
    return hashlib.sha256(body).hexdigest()


def visitor_process(
    source: str, folder: str, start: Barrier, results: Queue[tuple[list[str], list[str]]]
) -> None:
    threads_start = threading.Barrier(THREADS)
    digests: list[str] = []
    errors: list[BaseException] = []

    def one() -> None:
        try:
            digests.append(download(Path(source), Path(folder), threads_start))
        except BaseException as exc:  # reported to the parent below
            errors.append(exc)

    start.wait()
    threads = [threading.Thread(target=one) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put((digests, [repr(e) for e in errors]))


def test_concurrent_first_downloads_from_processes_and_threads(tmp_path: Path) -> None:
    source = tmp_path / "live.sqlite3"
    make_source(source)
    folder = tmp_path / "snapshots"
    folder.mkdir()
    (folder / "atlas-v0.sqlite3").write_bytes(b"an older copy")
    (folder / "atlas-v0.partial").write_bytes(b"left by a killed writer")
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(PROCESSES)
    results = context.Queue()
    workers = [
        context.Process(target=visitor_process, args=(str(source), str(folder), start, results))
        for _ in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=10)
        assert worker.exitcode == 0
    assert [errors for _, errors in outcomes] == [[]] * PROCESSES
    digests = {digest for found, _ in outcomes for digest in found}
    assert sum(len(found) for found, _ in outcomes) == PROCESSES * THREADS
    assert len(digests) == 1  # one copy, made once, read by all
    assert sorted(p.name for p in folder.iterdir()) == [".lock", "atlas-v1.sqlite3"]


def test_a_copy_being_read_survives_a_newer_one(tmp_path: Path) -> None:
    source = tmp_path / "live.sqlite3"
    make_source(source)
    folder = tmp_path / "snapshots"
    with open_snapshot(folder, "atlas-v1.sqlite3", lambda: sqlite3.connect(source)) as old:
        newer = open_snapshot(folder, "atlas-v2.sqlite3", lambda: sqlite3.connect(source))
        newer.close()
        assert not (folder / "atlas-v1.sqlite3").exists()
        assert old.read(16) == b"SQLite format 3\x00"
