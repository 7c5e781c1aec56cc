"""The verify stage: check the addresses, print each result, read the live pages, and
record what was found in batches (scoped loads of ``verify`` and ``pages``), so an
interrupted run loses at most one batch and a re-run skips what its campaign has done.

Options (``ctx.options``): ``urls`` (addresses from a file), ``limit``, ``since`` (ISO
time: addresses checked since then are skipped), ``read_pages``, ``archive``, ``emit``
(called with each result's JSON), ``resolver`` (an ``http.Resolver``, for test servers),
``http`` (overrides of ``HttpConfig`` fields), ``batch`` (entities per load)."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diaspora_atlas.http import HttpClient, HttpConfig
from diaspora_atlas.model import Schema, Source, Statement
from diaspora_atlas.model.projection import EntityView
from diaspora_atlas.verify.checker import CheckResult, Options
from diaspora_atlas.verify.reading import read_pages
from diaspora_atlas.verify.runner import CheckThread, Done, units_of
from diaspora_atlas.verify.statements import (
    CHECKS,
    PAGES,
    WAYBACK,
    Target,
    check_statements,
    kept,
    proposal_statements,
    source_for,
)
from diaspora_atlas.verify.targets import (
    checked_since,
    file_targets,
    read_url_file,
    store_targets,
)

if TYPE_CHECKING:
    from diaspora_atlas.context import Context

BATCH = 250  # entities per load
FLUSH_SECONDS = 5.0
MIN_CONCURRENCY = 512  # requests in flight over all hosts (each host: 2, and its delay)


def plan(
    ctx: Context, views: Mapping[Schema, Mapping[str, EntityView]]
) -> tuple[list[Target], int]:
    """The addresses to check now, and how many the campaign had done already."""
    known = store_targets(views)
    urls = ctx.option("urls")
    targets = file_targets(read_url_file(Path(urls)), known) if urls else known
    done = checked_since(views, str(ctx.option("since") or ""))
    todo = [t for t in targets if (t.entity_id, t.url) not in done]
    limit = ctx.option("limit")
    return (todo[: int(limit)] if limit else todo), len(targets) - len(todo)


class Recorder:
    """Statements of finished entities, loaded every ``batch`` entities or so many seconds."""

    def __init__(
        self,
        ctx: Context,
        views: Mapping[Schema, Mapping[str, EntityView]],
        targets: Sequence[Target],
    ) -> None:
        self.ctx = ctx
        wanted = {t.entity_id for t in targets}  # only these are kept for the whole run
        self.views = {
            eid: v for by_id in views.values() for eid, v in by_id.items() if eid in wanted
        }
        # which entities hold statements of each dataset already (a re-check may retract them)
        self.holding = {
            dataset: {eid for eid, view in self.views.items() if kept(view, dataset, ())}
            for dataset in (CHECKS, PAGES)
        }
        self.batch = int(ctx.option("batch", BATCH))
        self.pending: dict[str, tuple[list[Statement], list[Statement]]] = {}
        self.sources: dict[str, Source] = {}
        self.loads: list[dict[str, object]] = []
        self.last_flush = time.monotonic()

    def add(self, done: Done) -> list[list[str]]:
        """Queue the entity's statements; return, per address, what changed since its last
        check (``title``, ``content``)."""
        view = self.views.get(done.unit.entity_id)
        changes = [
            changed_since(view, t.url, r)
            for t, r in zip(done.unit.targets, done.results, strict=True)
        ]
        rechecked = [t.url for t in done.unit.targets]
        checks, proposals = kept(view, CHECKS, rechecked), kept(view, PAGES, rechecked)
        for target, result in zip(done.unit.targets, done.results, strict=True):
            checks.extend(check_statements(target, result))
            self.sources[target.url] = source_for(target.url, result.title, result.checked_at)
            if result.archived is not None:
                self.sources[WAYBACK.id] = WAYBACK
            found = read_pages(result.pages)
            proposals.extend(proposal_statements(target, result, found))
            for page in result.pages:
                self.sources[page.url] = source_for(page.url, page.title, result.checked_at)
        self.pending[done.unit.entity_id] = (checks, proposals)
        if len(self.pending) >= self.batch or time.monotonic() - self.last_flush > FLUSH_SECONDS:
            self.flush()
        return changes

    def flush(self) -> None:
        if not self.pending:
            return
        scope = sorted(self.pending)
        for dataset, index in ((CHECKS, 0), (PAGES, 1)):
            statements = [s for eid in scope for s in self.pending[eid][index]]
            if not statements and self.holding[dataset].isdisjoint(scope):
                continue  # nothing to assert, nothing to retract: no empty load
            digest = hashlib.sha256(
                json.dumps([self.ctx.run_id, scope, [s.key for s in statements]]).encode()
            ).hexdigest()
            report = self.ctx.store.load_dataset(
                dataset, digest, list(self.sources.values()), statements, scope=scope
            )
            self.loads.append(report.as_dict())
        self.pending.clear()
        self.sources.clear()
        self.last_flush = time.monotonic()


def release_memory() -> None:
    """Give back to the system what the checks held (their connections, parsed pages, event
    loop), before the stages after them build the read models: freed memory would otherwise
    stay with the process, and the later stages' needs would come on top of it."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError, TypeError):  # glibc only
        ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim(0)  # free C heap pages back


def changed_since(view: EntityView | None, url: str, result: CheckResult) -> list[str]:
    """What differs from the address's previous check: its title, its content (hash)."""
    if view is None:
        return []
    before = {
        s.prop: s.value
        for group in view.facts.values()
        for s in group
        if s.source_url == url and s.dataset == CHECKS
    }
    if "check_outcome" not in before:
        return []
    out = []
    if before.get("check_title", "") != result.title:
        out.append("title")
    if before.get("check_content_hash", "") != result.content_hash:
        out.append("content")
    return out


def _client_factory(ctx: Context) -> Callable[[], HttpClient]:
    overrides: dict[str, Any] = dict(ctx.option("http") or {})
    # thousands of distinct hosts, each limited on its own: the overall limit only bounds
    # sockets, so it must not make unrelated hosts wait for each other
    configured = HttpConfig.from_settings().concurrency
    overrides.setdefault("concurrency", max(configured, MIN_CONCURRENCY))
    resolver = ctx.option("resolver")
    return lambda: ctx.http_client(resolver=resolver, **overrides)


def verify_websites(ctx: Context) -> dict[str, Any]:
    views = {
        s: ctx.store.entity_views(s)
        for s in (Schema.ORGANISATION, Schema.OFFICE, Schema.PAGE_CHECK)
    }
    targets, skipped = plan(ctx, views)
    options = Options(
        read_pages=bool(ctx.option("read_pages", True)),
        archive=bool(ctx.option("archive", True)),
    )
    emit: Callable[[dict[str, Any]], None] | None = ctx.option("emit")
    recorder = Recorder(ctx, views, targets)
    del views
    outcomes: Counter[str] = Counter()
    thread = CheckThread(units_of(targets), _client_factory(ctx), options)
    with ctx.progress.counter("checking websites", len(targets), unit="site") as bar:
        try:
            for done in thread.results():
                changes = recorder.add(done)  # recorded before it is shown
                for result, changed in zip(done.results, changes, strict=True):
                    outcomes[result.outcome.value] += 1
                    if emit is not None:
                        emit({**result.as_json(), "changed": changed})
                bar.update(len(done.results))
        except BaseException:
            for done in thread.stop():  # what was finished is kept: a re-run goes on from there
                recorder.add(done)
            recorder.flush()
            raise
    recorder.flush()
    release_memory()
    return {
        "checked": sum(outcomes.values()),
        "skipped_done_in_campaign": skipped,
        "outcomes": dict(sorted(outcomes.items())),
        "loads": recorder.loads,
    }
