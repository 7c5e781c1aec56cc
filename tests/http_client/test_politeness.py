"""Politeness: per-host and global concurrency limits, minimum delay and rate per host."""

from __future__ import annotations

import asyncio
import itertools

import pytest
from aiohttp import web

from diaspora_atlas.http import HostPolicy, HttpClient, StaticResolver

from .support import LoopbackServer, fast_config

HOSTS = ["a.example", "b.example", "c.example", "d.example"]


async def slow(request: web.Request) -> web.Response:
    await asyncio.sleep(0.05)
    return web.Response(text="slow")


def resolver() -> StaticResolver:
    return StaticResolver({host: ["127.0.0.1"] for host in [*HOSTS, "api.example"]})


def starts(server: LoopbackServer, host: str) -> list[float]:
    return [hit.at for hit in server.hits if hit.host == host]


@pytest.mark.asyncio
async def test_at_most_two_requests_in_flight_per_host_while_hosts_run_in_parallel(
    server: LoopbackServer,
) -> None:
    server.route("/slow", slow)
    async with HttpClient(fast_config(), resolver=resolver()) as client:
        urls = [server.url("/slow", host) for host in HOSTS for _ in range(6)]
        responses = await asyncio.gather(*(client.get(url) for url in urls))
    assert all(r.status == 200 for r in responses)
    assert {host: server.peak[host] for host in HOSTS} == dict.fromkeys(HOSTS, 2)
    assert server.peak_overall > 2  # the limit is per host, not one queue for all


@pytest.mark.asyncio
async def test_the_global_limit_holds_across_hosts(server: LoopbackServer) -> None:
    server.route("/slow", slow)
    async with HttpClient(fast_config(concurrency=3), resolver=resolver()) as client:
        urls = [server.url("/slow", host) for host in HOSTS for _ in range(3)]
        await asyncio.gather(*(client.get(url) for url in urls))
    assert server.peak_overall == 3


@pytest.mark.asyncio
async def test_minimum_delay_between_requests_to_one_host(server: LoopbackServer) -> None:
    server.route("/slow", slow)
    config = fast_config(host_delay=0.1)
    async with HttpClient(config, resolver=resolver()) as client:
        await asyncio.gather(
            *(client.get(server.url("/slow", h)) for h in ["a.example"] * 4 + ["b.example"] * 2)
        )
    a, b = starts(server, "a.example"), starts(server, "b.example")
    # measured where the requests arrive, so a few milliseconds of scheduling jitter allowed
    assert all(later - earlier >= 0.08 for earlier, later in itertools.pairwise(a))
    assert a[-1] - a[0] >= 0.28
    assert abs(a[0] - b[0]) < 0.05  # another host does not wait for this one's delay


@pytest.mark.asyncio
async def test_a_call_site_sets_a_hosts_rate(server: LoopbackServer) -> None:
    server.route("/q", slow)
    async with HttpClient(fast_config(host_concurrency=4), resolver=resolver()) as client:
        client.configure_host("api.example", HostPolicy(concurrency=1, rate=10.0))
        await asyncio.gather(*(client.get(server.url("/q", "api.example")) for _ in range(4)))
    times = starts(server, "api.example")
    assert server.peak["api.example"] == 1
    assert all(later - earlier >= 0.08 for earlier, later in itertools.pairwise(times))
    assert times[-1] - times[0] >= 0.28


def test_a_policy_spacing_is_the_longer_of_delay_and_rate() -> None:
    assert HostPolicy(rate=3.0).interval(0.1) == pytest.approx(1 / 3)
    assert HostPolicy(rate=10.0, delay=0.5).interval(0.1) == 0.5
    assert HostPolicy().interval(0.25) == 0.25


@pytest.mark.asyncio
async def test_idle_hosts_gates_are_forgotten_but_not_what_a_host_asked_for() -> None:
    """A crawl of thousands of sites keeps no gate per site it is done with; a Crawl-delay,
    a deferral still running, a host's own policy and a request in flight are kept."""
    from diaspora_atlas.http.politeness import SWEEP_FROM, Politeness

    now = [100.0]
    politeness = Politeness(8, 2, 0.5, {"api.example": HostPolicy(rate=3)}, clock=lambda: now[0])
    async with politeness.slot("busy.example"):
        politeness.at_least("slow.example", 10.0)  # robots.txt Crawl-delay
        politeness.gate("deferred.example").defer(60.0)  # a Retry-After
        politeness.gate("api.example")
        for number in range(SWEEP_FROM + 10):
            politeness.gate(f"site{number}.example")
        kept = set(politeness._gates)
    assert {"busy.example", "slow.example", "deferred.example", "api.example"} <= kept
    assert len(kept) < SWEEP_FROM  # the sweep forgot the idle ones
    assert politeness.gate("slow.example").interval == 10.0
