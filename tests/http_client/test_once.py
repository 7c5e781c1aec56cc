"""Work done once per key: shared by callers that meet, kept as an outcome (not a task)."""

from __future__ import annotations

import asyncio

import pytest

from diaspora_atlas.http.once import Once

pytestmark = pytest.mark.asyncio


async def test_callers_that_meet_share_one_start_and_later_ones_do_not_wait() -> None:
    started: list[str] = []
    gate = asyncio.Event()

    async def work() -> str:
        started.append("x")
        await gate.wait()
        return "rules"

    once: Once[str, str] = Once()
    waiting = [asyncio.ensure_future(once.get("origin", work)) for _ in range(5)]
    await asyncio.sleep(0)
    gate.set()
    assert await asyncio.gather(*waiting) == ["rules"] * 5
    assert await once.get("origin", work) == "rules"
    assert started == ["x"] and len(once) == 1
    assert not once._running  # the finished task is let go: only its outcome is kept


async def test_a_failure_is_kept_and_raised_to_every_later_caller_without_piling_frames() -> None:
    calls = 0

    async def work() -> str:
        nonlocal calls
        calls += 1
        raise LookupError("no such origin")

    once: Once[str, str] = Once()
    for _ in range(3):
        with pytest.raises(LookupError):
            await once.get("origin", work)
    assert calls == 1
    kept = once.failure("origin")
    assert isinstance(kept, LookupError)
    depth, tb = 0, kept.__traceback__
    while tb is not None:
        depth, tb = depth + 1, tb.tb_next
    assert depth <= 3  # raising it again does not grow its traceback


async def test_a_cancelled_caller_leaves_the_work_to_the_others() -> None:
    gate = asyncio.Event()

    async def work() -> int:
        await gate.wait()
        return 7

    once: Once[str, int] = Once()
    first = asyncio.ensure_future(once.get("k", work))
    second = asyncio.ensure_future(once.get("k", work))
    await asyncio.sleep(0)
    first.cancel()
    gate.set()
    assert await second == 7
    assert await once.get("k", work) == 7
