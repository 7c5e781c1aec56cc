"""Retries: connect errors, 429 and 503 are retried with backoff and jitter; Retry-After is
honoured (seconds or HTTP-date) up to a cap."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest
from aiohttp import web

from diaspora_atlas.http import ConnectionRefused, HttpClient
from diaspora_atlas.http.retry import backoff_delay, parse_retry_after

from .support import LoopbackServer, SleepLog, fast_config


def failing_then_ok(failures: int, status: int, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    calls = {"n": 0}

    async def handler(request: web.Request) -> web.Response:
        calls["n"] += 1
        if calls["n"] <= failures:
            return web.Response(status=status, headers=headers or {}, text="busy")
        return web.Response(text="done")

    return handler


@pytest.mark.asyncio
@pytest.mark.parametrize("status", [503, 429])
async def test_503_and_429_are_retried_until_success(server: LoopbackServer, status: int) -> None:
    server.route("/busy", failing_then_ok(2, status))
    sleeps = SleepLog()
    async with HttpClient(fast_config(max_retries=3), sleep=sleeps) as client:
        response = await client.get(server.url("/busy"))
    assert (response.status, response.text(), response.attempts) == (200, "done", 3)
    assert server.paths() == ["/busy"] * 3
    assert len(sleeps.waits) == 2


@pytest.mark.asyncio
async def test_retry_after_seconds_is_honoured_for_the_host(server: LoopbackServer) -> None:
    server.route("/limited", failing_then_ok(1, 429, {"Retry-After": "2"}))
    sleeps = SleepLog()
    async with HttpClient(fast_config(), sleep=sleeps) as client:
        response = await client.get(server.url("/limited"))
    assert response.status == 200
    assert len(sleeps.waits) == 1 and 1.9 < sleeps.waits[0] <= 2.0


@pytest.mark.asyncio
async def test_retry_after_beyond_the_cap_is_not_waited_for(server: LoopbackServer) -> None:
    server.route("/later", failing_then_ok(5, 503, {"Retry-After": "3600"}))
    sleeps = SleepLog()
    async with HttpClient(fast_config(max_retry_after=60), sleep=sleeps) as client:
        response = await client.get(server.url("/later"))
    assert response.status == 503 and response.attempts == 1
    assert sleeps.waits == [] and server.paths() == ["/later"]


@pytest.mark.asyncio
async def test_exhausted_retries_return_the_last_answer_after_exponential_backoff(
    server: LoopbackServer,
) -> None:
    server.route("/down", failing_then_ok(99, 503))
    sleeps = SleepLog()
    config = fast_config(max_retries=3, backoff_base=1.0, backoff_cap=100.0)
    async with HttpClient(config, sleep=sleeps, rng=random.Random(7)) as client:
        response = await client.get(server.url("/down"))
    assert response.status == 503 and response.attempts == 4
    assert len(server.hits) == 4
    for wait, ceiling in zip(sleeps.waits, [1.0, 2.0, 4.0], strict=True):
        assert ceiling / 2 - 0.01 <= wait <= ceiling


@pytest.mark.asyncio
async def test_connect_errors_are_retried_then_raised(closed_port: int) -> None:
    sleeps = SleepLog()
    async with HttpClient(fast_config(max_retries=2), sleep=sleeps) as client:
        with pytest.raises(ConnectionRefused) as refused:
            await client.get(f"http://127.0.0.1:{closed_port}/")
        assert client.requests_sent == 3
    assert refused.value.url == f"http://127.0.0.1:{closed_port}/"
    assert len(sleeps.waits) == 2


@pytest.mark.asyncio
async def test_other_statuses_are_not_retried_and_retries_can_be_switched_off(
    server: LoopbackServer,
) -> None:
    server.route("/gone", failing_then_ok(9, 500))
    server.route("/busy", failing_then_ok(9, 503))
    async with HttpClient(fast_config(max_retries=3), sleep=SleepLog()) as client:
        assert (await client.get(server.url("/gone"))).status == 500
        assert (await client.get(server.url("/busy"), retries=0)).status == 503
    assert server.paths() == ["/gone", "/busy"]


def test_retry_after_forms() -> None:
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("120", now) == 120.0
    assert parse_retry_after("Thu, 01 Jan 2026 12:00:30 GMT", now) == 30.0
    assert parse_retry_after("Thu, 01 Jan 2026 11:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None
    assert parse_retry_after("-5", now) is None


def test_backoff_grows_exponentially_with_jitter_and_is_capped() -> None:
    rng = random.Random(1)
    waits = [backoff_delay(n, 0.5, 3.0, rng) for n in range(1, 7)]
    ceilings = [0.5, 1.0, 2.0, 3.0, 3.0, 3.0]
    assert all(c / 2 <= w <= c for w, c in zip(waits, ceilings, strict=True))
    assert len({round(w, 6) for w in waits}) == len(waits)  # jittered, not identical
