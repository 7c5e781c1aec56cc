"""Runs of the pipeline and their stages, and whether the store is completely built.

A build marks its run ``finished`` only after the read models are rebuilt, so a store whose
latest build was killed (or never ran) is never served as if it were the data."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import DatabaseError
from django.utils import timezone

from diaspora_atlas.store import models as orm

RUNNING, FINISHED, FAILED, SKIPPED = "running", "finished", "failed", "skipped"


def start_run(run_id: str, command: str, protocol: str = "") -> None:
    orm.BuildRun.objects.create(
        id=run_id,
        command=command,
        protocol=protocol,
        started_at=timezone.now(),
        status=RUNNING,
        process=f"{socket.gethostname()}:{os.getpid()}",
    )


def finish_run(run_id: str, status: str = FINISHED) -> None:
    orm.BuildRun.objects.filter(id=run_id).update(status=status, finished_at=timezone.now())


def last_fingerprint(stage: str) -> str | None:
    """The fingerprint of the stage's latest successful (finished or skipped) run."""
    row = (
        orm.StageRun.objects.filter(stage=stage, status__in=(FINISHED, SKIPPED))
        .order_by("-id")
        .first()
    )
    return row.fingerprint if row else None


def record_stage(
    run_id: str,
    stage: str,
    fingerprint: str,
    status: str,
    started_at: datetime,
    summary: dict[str, Any],
) -> None:
    orm.StageRun.objects.create(
        run_id=run_id,
        stage=stage,
        fingerprint=fingerprint,
        status=status,
        started_at=started_at,
        finished_at=timezone.now(),
        summary=summary,
    )


def campaign_start(command: str) -> datetime | None:
    """When the unfinished campaign of ``command`` began: the start of the oldest of the
    latest runs that did not finish (interrupted or failed), or None when the latest run
    finished (a new campaign begins). A run still alive elsewhere counts as unfinished."""
    start: datetime | None = None
    for run in orm.BuildRun.objects.filter(command=command).order_by("-started_at"):
        if run.status == FINISHED:
            break
        start = run.started_at
    return start


@dataclass(frozen=True)
class StoreState:
    complete: bool
    reason: str  # for people: why the store is or is not ready
    built_at: str = ""


def store_state() -> StoreState:
    """Is the store completely built? Judged from the latest build run."""
    latest = orm.BuildRun.objects.filter(command="build").order_by("-started_at").first()
    if latest is None:
        return StoreState(False, "the store is empty: it has never been built")
    when = latest.started_at.isoformat(timespec="seconds")
    if latest.status == FINISHED:
        done = latest.finished_at.isoformat(timespec="seconds") if latest.finished_at else when
        return StoreState(True, f"built by run {latest.id} on {done}", done)
    if latest.status == RUNNING and _alive(latest.process):
        return StoreState(False, f"a build (run {latest.id}, started {when}) is still running")
    how = "failed" if latest.status == FAILED else "was interrupted"
    return StoreState(False, f"the last build (run {latest.id}, started {when}) {how}")


def readable_store_state() -> StoreState:
    """``store_state``, or why the store cannot be read at all (its tables gone, its file
    replaced): for a server that must answer while the store changes under it."""
    try:
        return store_state()
    except DatabaseError as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return StoreState(False, f"the store cannot be read ({first})")


def _alive(process: str) -> bool:
    host, _, pid = process.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
