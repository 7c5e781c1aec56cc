"""Work done once per key however many callers ask at the same time (robots.txt per origin,
the verifier's soft-404 probe per host): the first caller starts it, the others wait for the
same future, and later callers get its result (or its failure) without waiting at all."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Hashable
from typing import Any, TypeVar

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


async def once(
    futures: dict[K, asyncio.Future[T]], key: K, start: Callable[[], Coroutine[Any, Any, T]]
) -> T:
    """``start()``'s result for ``key``, started on the first call only. A caller that is
    cancelled while waiting does not cancel the work the others wait for."""
    found = futures.get(key)
    if found is None:
        found = asyncio.ensure_future(start())
        futures[key] = found
    elif found.done():
        return found.result()
    return await asyncio.shield(found)
