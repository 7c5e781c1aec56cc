"""Work done once per key however many callers ask at the same time (robots.txt per origin,
the verifier's soft-404 probe per host): the first caller starts it, the others wait for the
same future, and later callers get its result (or its failure) without waiting at all.

Only the outcome is kept once the work is over, not its task: a crawl of thousands of hosts
would otherwise hold a finished task (and its coroutine) per host for the whole run."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Hashable
from functools import partial
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


class _Failed:
    __slots__ = ("error",)

    def __init__(self, error: BaseException) -> None:
        self.error = error


class Once(Generic[K, T]):
    """``await once.get(key, start)``: ``start()``'s outcome for ``key``, started on the
    first call only. A caller cancelled while waiting does not cancel the work the others
    wait for; work cancelled itself is started again by the next caller."""

    def __init__(self) -> None:
        self._settled: dict[K, T | _Failed] = {}
        self._running: dict[K, asyncio.Future[T]] = {}

    def __len__(self) -> int:
        return len(self._settled) + len(self._running)

    def forget(self, key: K) -> None:
        """Drop the kept outcome for ``key`` (work still running is left to finish)."""
        self._settled.pop(key, None)

    def failure(self, key: K) -> BaseException | None:
        """The error kept for ``key``, if its work failed."""
        settled = self._settled.get(key)
        return settled.error if isinstance(settled, _Failed) else None

    async def get(self, key: K, start: Callable[[], Coroutine[Any, Any, T]]) -> T:
        if key in self._settled:
            return self._outcome(self._settled[key])
        running = self._running.get(key)
        if running is None:
            running = asyncio.ensure_future(start())
            self._running[key] = running
            running.add_done_callback(partial(self._settle, key))
        return await asyncio.shield(running)

    def _settle(self, key: K, future: asyncio.Future[T]) -> None:
        del self._running[key]
        if future.cancelled():
            return
        error = future.exception()
        self._settled[key] = _Failed(error) if error is not None else future.result()

    @staticmethod
    def _outcome(settled: T | _Failed) -> T:
        if isinstance(settled, _Failed):
            raise settled.error.with_traceback(None)  # no frames pile up on the kept error
        return settled
