"""Runs the declared stages (``stages.py``) with a ``Context``: the application layer the
CLI calls. It orchestrates only; what each stage does lives in its package."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diaspora_atlas.context import Context
from diaspora_atlas.errors import StoreError
from diaspora_atlas.progress import Progress
from diaspora_atlas.protocol import Protocol, load_protocol
from diaspora_atlas.report.outdir import check_target
from diaspora_atlas.settings import load_settings
from diaspora_atlas.stages import (
    BUILD,
    OUTPUT_STAGES,
    SCREEN,
    STORE_STAGES,
    VERIFY,
    Stage,
    fingerprint,
    run_context,
)


@dataclass
class BuildSummary:
    database: str
    out_dir: Path
    run_id: str = ""
    stages: dict[str, dict[str, Any]] = field(default_factory=dict)
    results: dict[str, Any] = field(default_factory=dict)
    files: dict[str, int] = field(default_factory=dict)

    @property
    def loads(self) -> list[dict[str, Any]]:
        """What each loading stage did (skipped stages say so)."""
        out: list[dict[str, Any]] = []
        for name, summary in self.stages.items():
            if name == "outputs":
                continue
            out.extend(summary.get("loads", [{"stage": name, "changed": False, **summary}]))
        return out

    def as_json(self) -> dict[str, Any]:
        return {
            "database": self.database,
            "out_dir": str(self.out_dir),
            "run_id": self.run_id,
            "stages": {
                name: {k: v for k, v in s.items() if k != "files"}
                for name, s in self.stages.items()
            },
            "files": self.files,
            "protocol": self.results.get("study"),
            "organisations": self.results.get("organisations", {}).get("total"),
            "claims": {c["id"]: c["verdict"] for c in self.results.get("claims", [])},
            "not_computed": self.results.get("not_computed", []),
        }


def new_run_id() -> str:
    return uuid.uuid4().hex[:12]


def run_stages(ctx: Context, stages: tuple[Stage, ...], force: bool = False) -> dict[str, Any]:
    """Run each stage whose inputs changed since it last succeeded; record every stage."""
    from django.utils import timezone

    from diaspora_atlas.store import runs

    done: dict[str, dict[str, Any]] = {}
    for position, stage in enumerate(stages):
        downstream = tuple(name for later in stages[position:] for name in later.writes)
        started = timezone.now()
        before = fingerprint(stage, ctx, downstream)
        if not force and before == runs.last_fingerprint(stage.name):
            runs.record_stage(ctx.run_id, stage.name, before, runs.SKIPPED, started, {})
            ctx.progress.note(stage.label, "inputs unchanged, skipped")
            done[stage.name] = {"skipped": True}
            continue
        try:
            with ctx.progress.step(stage.label):
                summary = stage.function()(ctx)
        except BaseException:
            runs.record_stage(ctx.run_id, stage.name, before, runs.FAILED, started, {})
            raise
        after = fingerprint(stage, ctx, downstream)  # its inputs as it left them
        runs.record_stage(ctx.run_id, stage.name, after, runs.FINISHED, started, summary)
        done[stage.name] = summary
    return done


def _context(
    out_dir: Path, progress: Progress, protocol: Protocol, run_id: str, **options: Any
) -> Context:
    from diaspora_atlas.store.facade import SqlStore

    return Context(
        settings=load_settings(),
        store=SqlStore(run_id),
        protocol=protocol,
        progress=progress,
        run_id=run_id,
        out_dir=out_dir,
        options=options,
    )


def _open(progress: Progress) -> str:
    from diaspora_atlas.store.runtime import open_store

    with progress.step("open store"):
        return open_store()


def build(
    out_dir: Path, progress: Progress, protocol: Protocol, with_report: bool = True
) -> BuildSummary:
    """Load everything bundled into the store, rebuild the read models, then write the
    results of ``protocol``."""
    check_target(out_dir)  # refuse before the store is touched
    database = _open(progress)
    run_id = new_run_id()
    ctx = _context(out_dir, progress, protocol, run_id, with_report=with_report)
    stages = _run("build", ctx, BUILD)
    return _summary(database, out_dir, run_id, stages)


def load_store(progress: Progress, protocol: Protocol | None = None) -> BuildSummary:
    """The store stages only (no outputs): what the web directory needs. The store must be
    open already."""
    from diaspora_atlas.store.runtime import describe_database

    run_id = new_run_id()
    ctx = _context(load_settings().out_dir, progress, protocol or load_protocol(), run_id)
    stages = _run("build", ctx, STORE_STAGES)
    return BuildSummary(describe_database(), ctx.out_dir, run_id, stages)


def _run(
    command: str, ctx: Context, stages: tuple[Stage, ...], force: bool = False
) -> dict[str, dict[str, Any]]:
    """Run ``stages`` as one recorded run; ``force`` runs the first of them whatever its
    inputs (a command asked for it), the others only if their inputs changed."""
    from diaspora_atlas.store import runs

    runs.start_run(ctx.run_id, command, ctx.protocol.id)
    try:
        done = run_stages(ctx, stages[:1], force)
        done.update(run_stages(ctx, stages[1:]))
    except BaseException:
        runs.finish_run(ctx.run_id, runs.FAILED)
        raise
    runs.finish_run(ctx.run_id)
    return done


def run_command(
    command: str, stages: tuple[Stage, ...], progress: Progress, protocol: Protocol, **options: Any
) -> dict[str, dict[str, Any]]:
    """Commands that are not the build (``search import``, ``search run``): their stages run
    with a Context and are recorded as a run of ``command``."""
    _open(progress)
    ctx = _context(load_settings().out_dir, progress, protocol, new_run_id(), **options)
    return _run(command, ctx, stages, force=True)


def _built_store(database: str, command: str) -> None:
    from diaspora_atlas.store import runs

    state = runs.store_state()
    if not state.complete:
        raise StoreError(
            f"cannot {command} from {database}: {state.reason}", "run `diaspora-atlas build`"
        )


def verify(
    progress: Progress, protocol: Protocol, fresh: bool = False, **options: Any
) -> dict[str, Any]:
    """Check the websites (a run with command ``verify``), then geocode what was read and
    rebuild the read models. Unless ``fresh``, an unfinished campaign is resumed: what it
    checked is skipped (``since``, an ISO time, may set the campaign's start instead)."""
    database = _open(progress)
    _built_store(database, "verify")
    from datetime import UTC

    from diaspora_atlas.store import runs

    since = options.pop("since", None)
    if since is None and not fresh:
        started = runs.campaign_start("verify")
        since = started.astimezone(UTC).isoformat(timespec="seconds") if started else ""
    run_id = new_run_id()
    ctx = _context(
        load_settings().out_dir, progress, protocol, run_id, since=since or "", **options
    )
    done = _run("verify", ctx, VERIFY, force=True)
    return {"database": database, "run_id": run_id, "since": since or "", "stages": done}


def report(out_dir: Path, progress: Progress, protocol: Protocol) -> BuildSummary:
    """Regenerate results, exports and the report from the store alone (no loading)."""
    check_target(out_dir)  # refuse before any work
    database = _open(progress)
    _built_store(database, "report")
    run_id = new_run_id()
    ctx = _context(out_dir, progress, protocol, run_id)
    stages = _run("report", ctx, OUTPUT_STAGES, force=True)
    return _summary(database, out_dir, run_id, stages)


def screen_update(
    run: str,
    progress: Progress,
    protocol: Protocol,
    out_dir: Path | None = None,
    with_report: bool = True,
    explicit_protocol: bool = False,
) -> dict[str, Any]:
    """Resolve -> screen -> the reviewers' recorded decisions -> report, for one search run,
    under the protocol its ``data/screening/<run>/run.yml`` names (``explicit_protocol``:
    ``protocol`` instead)."""
    from diaspora_atlas.model.runs import RUN_NAME

    if not RUN_NAME.match(run):
        raise StoreError(f"{run!r} is not a run name", "lower-case letters, digits and hyphens")
    out = out_dir or load_settings().out_dir
    check_target(out)
    database = _open(progress)
    from diaspora_atlas.report.prisma import prisma_counts
    from diaspora_atlas.store import runs

    state = runs.store_state()
    if not state.complete:
        raise StoreError(
            f"cannot screen in {database}: {state.reason}", "run `diaspora-atlas build`"
        )
    base = _context(out, progress, protocol, new_run_id(), with_report=with_report)
    ctx = run_context(base, run, protocol.id if explicit_protocol else None)
    stages = _run("screen", ctx, SCREEN, force=True)
    return {
        "run": run,
        "database": database,
        "out_dir": str(out),
        "stages": {k: {x: y for x, y in v.items() if x != "files"} for k, v in stages.items()},
        "prisma": prisma_counts(run).as_json(),
    }


def _summary(
    database: str, out_dir: Path, run_id: str, stages: dict[str, dict[str, Any]]
) -> BuildSummary:
    summary = BuildSummary(database=database, out_dir=out_dir, run_id=run_id, stages=stages)
    results_file = out_dir / "results.json"
    if results_file.is_file():
        summary.results = json.loads(results_file.read_text(encoding="utf-8"))
    outputs = stages.get("outputs", {})
    summary.files = outputs.get("files") or _files_in(out_dir)
    return summary


def _files_in(out_dir: Path) -> dict[str, int]:
    if not out_dir.is_dir():
        return {}
    return {
        p.relative_to(out_dir).as_posix(): p.stat().st_size
        for p in sorted(out_dir.rglob("*"))
        if p.is_file()
    }
