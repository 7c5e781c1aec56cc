"""The pipeline's stages, declared: what each reads and the function that runs it.

``pipeline.run_stages`` runs them in this order and skips a stage whose inputs have not
changed since it last succeeded (each input is fingerprinted here)."""

from __future__ import annotations

import hashlib
import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from diaspora_atlas.context import Context
from diaspora_atlas.ingest.stages import bundled_hashes, reference_hash
from diaspora_atlas.search.bundled import bundled_search_hashes


def rebuild_read_models(ctx: Context) -> dict[str, Any]:
    return {"read_models": ctx.store.rebuild_read_models()}


def run_context(ctx: Context, run: str, protocol: str | None = None) -> Context:
    """The context a search run is screened in: the protocol its ``run.yml`` names (else
    ``protocol``, else the context's) and the inventory it adds to."""
    from dataclasses import replace

    from diaspora_atlas.protocol import load_protocol
    from diaspora_atlas.screen.decisions import declared_run

    declared = declared_run(run)
    chosen = protocol or (declared.protocol if declared else None)
    options = {
        **ctx.options,
        "run": run,
        "update_dataset": declared.update_dataset if declared else "",
    }
    return replace(ctx, protocol=load_protocol(chosen) if chosen else ctx.protocol, options=options)


def screen_declared_runs(ctx: Context) -> dict[str, Any]:
    """The build's screening: each search run in the store that ``data/screening/<run>/``
    declares is resolved and screened under its own protocol (its recorded decisions came in
    earlier, by ``load_declared_decisions``: a fresh clone reproduces them)."""
    from diaspora_atlas.model import Schema
    from diaspora_atlas.model.runs import of_datasets, search_dataset
    from diaspora_atlas.screen.decisions import declared_runs

    queries = ctx.store.entity_views(Schema.SEARCH_QUERY)
    done: dict[str, Any] = {}
    for declared in declared_runs():
        if not of_datasets(queries, search_dataset(declared.run)):
            done[declared.run] = {"skipped": "no such search run in the store"}
            continue
        run_ctx = run_context(ctx, declared.run)
        done[declared.run] = {s.name: s.function()(run_ctx) for s in SCREEN_STAGES[:2]}
    return done


def load_declared_decisions(ctx: Context) -> dict[str, Any]:
    """People's recorded decisions about each declared run (``data/screening/<run>/``), into
    the store early in the build: judgements change what every later stage reads, so they
    come in before those stages run, once (rows already held are not recorded again)."""
    from diaspora_atlas.screen.decisions import declared_runs, load_decisions

    done: dict[str, Any] = {}
    for declared in declared_runs():
        found = load_decisions(run_context(ctx, declared.run))
        done[declared.run] = {"rows": found["rows"], "recorded": found["recorded"]}
    return done


@dataclass(frozen=True)
class Stage:
    """``run`` is ``"module:function"``, imported when the stage runs (most stages need the
    store's ORM, which is set up only once the store is open)."""

    name: str
    label: str
    reads: tuple[str, ...]
    run: str
    writes: tuple[str, ...] = ()  # the datasets it loads (not inputs of its own)

    def function(self) -> Callable[[Context], dict[str, Any]]:
        module, _, name = self.run.partition(":")
        found: Callable[[Context], dict[str, Any]] = getattr(importlib.import_module(module), name)
        return found


# Candidates of every search run in the store (after the searches are loaded).
CANDIDATES = Stage(
    "search_candidates",
    "candidates in search records",
    ("store",),
    "diaspora_atlas.extract.search_candidates:extract_search_candidates",
)
STORE_STAGES: tuple[Stage, ...] = (
    Stage(
        "reference", "reference data", ("refdata",), "diaspora_atlas.ingest.stages:load_reference"
    ),
    Stage(
        "datasets", "bundled datasets", ("datasets",), "diaspora_atlas.ingest.stages:load_datasets"
    ),
    Stage(
        "searches",
        "bundled search runs",
        ("searches",),
        "diaspora_atlas.search.stages:load_bundled_searches",
    ),
    Stage(
        "recorded_decisions",
        "reviewers' recorded decisions",
        ("screening",),
        "diaspora_atlas.stages:load_declared_decisions",
    ),
    CANDIDATES,
    Stage(
        "name_inference",
        "host and origin from names",
        ("store",),
        "diaspora_atlas.extract.stages:infer_from_names",
        writes=("name_inference",),
    ),
    Stage(
        "geocode",
        "geocode headquarters",
        ("store",),
        "diaspora_atlas.resolve.stages:geocode_headquarters",
        writes=("geocode",),
    ),
    Stage(
        "screen_inventory",
        "the inventory against the criteria",
        ("store", "protocol"),
        "diaspora_atlas.screen.stage:screen_inventory",
        writes=("screen-inventory",),
    ),
    Stage(
        "screen_runs",
        "search runs resolved and screened, with their recorded decisions",
        ("store", "screening"),
        "diaspora_atlas.stages:screen_declared_runs",
        writes=("resolve-*", "screen-*"),
    ),
    Stage(
        "synthesise",
        "focuses and roles (step 5)",
        ("store",),
        "diaspora_atlas.synthesise.stages:classify_organisations",
        writes=("synthesis",),
    ),
    Stage("read_models", "read models", ("store",), "diaspora_atlas.stages:rebuild_read_models"),
)
SEARCH_IMPORT: tuple[Stage, ...] = (
    Stage(
        "search_import",
        "import search file",
        ("store",),
        "diaspora_atlas.search.stages:import_stage",
    ),
    CANDIDATES,
)
SEARCH_RUN: tuple[Stage, ...] = (
    Stage("search_run", "run search", ("store",), "diaspora_atlas.search.running:run_stage"),
    CANDIDATES,
)
OUTPUT_STAGES: tuple[Stage, ...] = (
    Stage(
        "outputs",
        "results, exports and report",
        ("store", "outputs", "protocol"),
        "diaspora_atlas.report.stages:write_outputs_stage",
    ),
)
BUILD: tuple[Stage, ...] = STORE_STAGES + OUTPUT_STAGES
# `diaspora-atlas verify` (not part of the build: it asks the live web). The check always
# runs; then new addresses read from pages are geocoded, the pages' texts classified (step 5:
# the stage is a no-op when no organisation's texts changed) and the read models rebuilt.
VERIFY_CHECK = Stage(
    "verify",
    "verify websites",
    ("store",),
    "diaspora_atlas.verify.stage:verify_websites",
    writes=("verify", "pages"),
)
VERIFY: tuple[Stage, ...] = (
    VERIFY_CHECK,
    *(s for s in STORE_STAGES if s.name in ("geocode", "synthesise", "read_models")),
)

# `screen update --run R`: options run (the search run) and update_dataset. Each stage skips
# itself when its inputs' content is unchanged, so they run with force.
SCREEN_STAGES: tuple[Stage, ...] = (
    Stage(
        "resolve_candidates",
        "resolve candidates into organisations",
        ("store",),
        "diaspora_atlas.resolve.candidates.stage:resolve_run",
    ),
    Stage(
        "screen",
        "screen organisations against the protocol's criteria",
        ("store", "protocol"),
        "diaspora_atlas.screen.stage:screen_run",
    ),
    Stage(
        "screen_decisions",
        "reviewers' decisions kept as data",
        ("store",),
        "diaspora_atlas.screen.decisions:load_decisions",
    ),
    Stage(
        "screen_inventory",
        "the inventory against the criteria",
        ("store", "protocol"),
        "diaspora_atlas.screen.stage:screen_inventory",
        writes=("screen-inventory",),
    ),
)
SCREEN: tuple[Stage, ...] = SCREEN_STAGES + OUTPUT_STAGES


@cache
def code_hash() -> str:
    """The package's own code and templates: a new version re-runs every stage."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in {".py", ".html", ".css", ".js"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _outputs_state(ctx: Context) -> dict[str, Any]:
    with_report = bool(ctx.option("with_report", True))
    wanted = ["results.json", *(["report/index.html"] if with_report else [])]
    return {
        "out_dir": str(ctx.out_dir),
        "with_report": with_report,
        "present": all((ctx.out_dir / name).is_file() for name in wanted),
    }


INPUTS: dict[str, Callable[[Context, tuple[str, ...]], object]] = {
    "refdata": lambda ctx, downstream: reference_hash(),
    "datasets": lambda ctx, downstream: bundled_hashes(),
    "store": lambda ctx, downstream: ctx.store.version(downstream),
    "outputs": lambda ctx, downstream: _outputs_state(ctx),
    "protocol": lambda ctx, downstream: _protocol_state(ctx),
    "searches": lambda ctx, downstream: bundled_search_hashes(),
    "screening": lambda ctx, downstream: _screening_state(),
}


def _screening_state() -> str:
    """data/screening (declared runs, people's decisions) and the protocols they name."""
    from diaspora_atlas.protocol import protocols_dir
    from diaspora_atlas.refdata.paths import data_dir

    digest = hashlib.sha256()
    for path in sorted([*(data_dir() / "screening").rglob("*"), *protocols_dir().glob("*.yml")]):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _protocol_state(ctx: Context) -> str:
    """The protocol file's content: a changed protocol is new input."""
    return hashlib.sha256(ctx.protocol.file.read_bytes()).hexdigest()


def fingerprint(stage: Stage, ctx: Context, downstream: tuple[str, ...] = ()) -> str:
    """What the stage's inputs are now. ``downstream``: the datasets this stage and the
    stages after it write, which cannot be its inputs (so a re-run of those is no change)."""
    parts = {"code": code_hash(), **{name: INPUTS[name](ctx, downstream) for name in stage.reads}}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()
