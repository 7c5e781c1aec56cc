"""Checks run on an event loop in a worker thread; finished entities come back through a
queue to the calling thread, which alone writes to the store (the store is synchronous).

Entities are checked in an interleaved order (one address of each host before the next of
any), by a fixed pool of workers: the client's per-host limits then leave parallelism
across hosts, and memory does not grow with the number of addresses."""

from __future__ import annotations

import asyncio
import queue
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from diaspora_atlas.http import HttpClient
from diaspora_atlas.http.transport import ignore_orphaned_network_errors
from diaspora_atlas.verify.checker import Checker, CheckResult, Options
from diaspora_atlas.verify.sites import host, origin
from diaspora_atlas.verify.statements import Target

WORKERS = 512  # entities in progress at once (most of them wait for their host's turn)
FILES_PER_WORKER = 2  # sockets one entity's check may hold (its site, a site it moved to)


@dataclass(frozen=True)
class Unit:
    """All the addresses of one entity to check now: recorded together, in one scope."""

    entity_id: str
    targets: tuple[Target, ...]


@dataclass(frozen=True)
class Done:
    unit: Unit
    results: tuple[CheckResult, ...]


_END = object()


def event_loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop's event loop where it is installed (it connects and schedules in C: the checks
    are CPU-bound on the loop's own overhead), else asyncio's."""
    try:
        import uvloop
    except ImportError:  # pragma: no cover - uvloop is a dependency; other platforms
        return None
    return uvloop.new_event_loop


def file_budget(reserve: int = 256) -> int:
    """Open files this process may still use for sockets: the soft limit, raised to the hard
    limit when it is lower, less ``reserve`` for the store and the rest."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        wanted = 65536 if hard == resource.RLIM_INFINITY else hard
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, wanted), hard))
            soft = max(soft, wanted)
        except (ValueError, OSError):
            pass
    return max(FILES_PER_WORKER, soft - reserve)


def units_of(targets: Sequence[Target]) -> list[Unit]:
    """One unit per entity, interleaved by host: one unit of each host before the next."""
    grouped: dict[str, list[Target]] = {}
    for target in targets:
        grouped.setdefault(target.entity_id, []).append(target)
    by_host: dict[str, list[Unit]] = {}
    for entity, found in grouped.items():
        by_host.setdefault(host(found[0].url), []).append(Unit(entity, tuple(found)))
    queues = list(by_host.values())
    out: list[Unit] = []
    for depth in range(max((len(q) for q in queues), default=0)):
        out.extend(q[depth] for q in queues if depth < len(q))
    return out


class CheckThread:
    """``for done in CheckThread(...).results(): ...``; ``stop()`` cancels what is running."""

    def __init__(
        self,
        units: Sequence[Unit],
        make_client: Callable[[], HttpClient],
        options: Options,
        workers: int = WORKERS,
    ) -> None:
        self._units = list(units)
        self._make_client = make_client
        self._options = options
        self._workers = max(1, min(workers, len(self._units), file_budget() // FILES_PER_WORKER))
        self._queue: queue.Queue[object] = queue.Queue()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._main, name="verify-checks", daemon=True)

    def _main(self) -> None:
        try:
            with asyncio.Runner(loop_factory=event_loop_factory()) as runner:
                runner.run(self._run())
        except BaseException as exc:  # handed to the calling thread
            self._error = exc
        finally:
            self._queue.put(_END)

    async def _run(self) -> None:
        self._loop = asyncio.get_running_loop()
        ignore_orphaned_network_errors(self._loop)
        self._task = asyncio.current_task()
        pending: asyncio.Queue[Unit] = asyncio.Queue()
        for unit in self._units:
            pending.put_nowait(unit)
        left = Counter(origin(t.url) for unit in self._units for t in unit.targets)
        async with self._make_client() as client:
            checker = Checker(client, self._options)
            workers = [
                asyncio.create_task(self._work(checker, pending, left))
                for _ in range(self._workers)
            ]
            try:
                await asyncio.gather(*workers)
            finally:
                for worker in workers:
                    worker.cancel()

    async def _work(
        self, checker: Checker, pending: asyncio.Queue[Unit], left: Counter[str]
    ) -> None:
        while not pending.empty():
            unit = pending.get_nowait()
            results = [await checker.check(target.url) for target in unit.targets]
            self._queue.put(Done(unit, tuple(results)))
            for target in unit.targets:  # a site with nothing left to check is forgotten
                key = origin(target.url)
                left[key] -= 1
                if left[key] <= 0:
                    del left[key]
                    checker.forget(target.url)

    def results(self, poll: float = 0.5) -> Iterator[Done]:
        """Yield each finished ``Done`` as it comes; re-raise the thread's error at the end."""
        self._thread.start()
        while True:
            try:
                item = self._queue.get(timeout=poll)
            except queue.Empty:
                continue
            if not isinstance(item, Done):  # the end
                break
            yield item
        self._thread.join()
        if self._error is not None and not isinstance(self._error, asyncio.CancelledError):
            raise self._error

    def stop(self) -> list[Done]:
        """Cancel the checks; return the entities finished but not yet taken."""
        loop, task = self._loop, self._task
        if loop is not None and task is not None and not loop.is_closed():
            loop.call_soon_threadsafe(task.cancel)
        self._thread.join(timeout=10)
        left: list[Done] = []
        while not self._queue.empty():
            item = self._queue.get_nowait()
            if isinstance(item, Done):
                left.append(item)
        return left
