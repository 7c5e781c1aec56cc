"""The search stages: importing an export file into a run (``search import``), the bundled
search runs (a build stage), and running a connector (``search run``)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diaspora_atlas.model.search_ids import run_dataset
from diaspora_atlas.protocol import load_protocol
from diaspora_atlas.search.bundled import bundled_searches
from diaspora_atlas.search.importing import ImportRequest, import_search_file

if TYPE_CHECKING:
    from diaspora_atlas.context import Context


def import_stage(ctx: Context) -> dict[str, Any]:
    """``search import FILE``: the options name the file, run, format, engine and query log."""
    queries = ctx.option("queries")
    request = ImportRequest(
        path=Path(ctx.option("file")),
        run=str(ctx.option("run")),
        fmt=ctx.option("fmt"),
        engine=str(ctx.option("engine") or ""),
        queries=Path(queries) if queries else None,
        hits_reported=ctx.option("hits_reported"),
    )
    return import_search_file(ctx, request).as_json()


def load_bundled_searches(ctx: Context) -> dict[str, Any]:
    """Every bundled search file whose content (or the inventory it is matched against)
    changed since its run was last loaded; unchanged ones are skipped by the store."""
    imports = []
    for bundled in bundled_searches():
        protocol = load_protocol(bundled.protocol) if bundled.protocol else ctx.protocol
        request = ImportRequest(
            path=bundled.file,
            run=bundled.run,
            fmt=bundled.fmt,
            engine=bundled.engine,
            queries=bundled.queries,
            hits_reported=bundled.hits_reported,
        )
        result = import_search_file(replace(ctx, protocol=protocol), request).as_json()
        imports.append({"dataset": run_dataset(bundled.run), **result})
    return {"loads": [{"dataset": i["dataset"], **i["load"]} for i in imports], "imports": imports}
