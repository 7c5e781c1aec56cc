"""robots.txt: fetched once per origin, honoured for our token when asked, at every hop."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from diaspora_atlas.http import DnsFailure, HttpClient, RobotsDisallowed, StaticResolver

from .support import LoopbackServer, SleepLog, fast_config

ROBOTS = """\
User-agent: *
Disallow: /private

User-agent: DiasporaAtlas
Disallow: /private
Disallow: /not-for-atlas
Crawl-delay: 0.3
"""


def text(body: str, status: int = 200):  # type: ignore[no-untyped-def]
    async def handler(request: web.Request) -> web.Response:
        return web.Response(text=body, status=status)

    return handler


def robots_for(server: LoopbackServer, body: str, status: int = 200) -> None:
    server.route("/robots.txt", text(body, status))
    for path in ["/public", "/private", "/not-for-atlas"]:
        server.route(path, text(f"page {path}"))


@pytest.mark.asyncio
async def test_disallowed_paths_are_refused_and_robots_is_fetched_once(
    server: LoopbackServer,
) -> None:
    robots_for(server, ROBOTS)
    async with HttpClient(fast_config()) as client:
        pages = await asyncio.gather(
            *(client.get(server.url("/public"), robots=True) for _ in range(3))
        )
        for path in ["/private", "/not-for-atlas"]:
            with pytest.raises(RobotsDisallowed) as refused:
                await client.get(server.url(path), robots=True)
            assert refused.value.robots_url == server.url("/robots.txt")
        unchecked = await client.get(server.url("/private"))  # robots is optional per call
        interval = client.politeness.gate("127.0.0.1").interval
    assert all(p.status == 200 for p in pages) and unchecked.status == 200
    assert server.paths().count("/robots.txt") == 1
    assert server.paths().count("/private") == 1 and "/not-for-atlas" not in server.paths()
    assert interval == pytest.approx(0.3)  # Crawl-delay for our token slows the host down


@pytest.mark.asyncio
async def test_a_missing_robots_file_allows_everything(server: LoopbackServer) -> None:
    robots_for(server, "gone", status=404)
    async with HttpClient(fast_config()) as client:
        assert (await client.get(server.url("/private"), robots=True)).status == 200


@pytest.mark.asyncio
async def test_an_unreachable_robots_file_disallows_everything(server: LoopbackServer) -> None:
    robots_for(server, "down", status=503)
    async with HttpClient(fast_config(max_retries=1), sleep=SleepLog()) as client:
        with pytest.raises(RobotsDisallowed, match="answered 503"):
            await client.get(server.url("/public"), robots=True)
    assert "/public" not in server.paths()


@pytest.mark.asyncio
async def test_robots_is_checked_again_at_a_redirect_to_another_host(
    server: LoopbackServer,
) -> None:
    async def robots(request: web.Request) -> web.Response:
        closed = request.host.startswith("closed.example")
        return web.Response(text="User-agent: *\nDisallow: /\n" if closed else "")

    async def jump(request: web.Request) -> web.Response:
        return web.Response(status=302, headers={"Location": server.url("/page", "closed.example")})

    server.route("/robots.txt", robots)
    server.route("/jump", jump)
    server.route("/page", text("page"))
    resolver = StaticResolver({"open.example": ["127.0.0.1"], "closed.example": ["127.0.0.1"]})
    async with HttpClient(fast_config(), resolver=resolver) as client:
        with pytest.raises(RobotsDisallowed) as refused:
            await client.get(server.url("/jump", "open.example"), robots=True)
    assert refused.value.url == server.url("/page", "closed.example")
    assert [(h.host, h.path) for h in server.hits] == [
        ("open.example", "/robots.txt"),
        ("open.example", "/jump"),
        ("closed.example", "/robots.txt"),
    ]


@pytest.mark.asyncio
async def test_a_robots_file_lost_in_redirects_means_no_rules(server: LoopbackServer) -> None:
    async def circle(request: web.Request) -> web.Response:
        return web.Response(status=301, headers={"Location": "/robots.txt"})

    server.route("/robots.txt", circle)
    server.route("/public", text("page"))
    async with HttpClient(fast_config()) as client:
        assert (await client.get(server.url("/public"), robots=True)).status == 200
    assert server.paths().count("/robots.txt") == 6  # the first answer and five redirects


@pytest.mark.asyncio
async def test_an_unreachable_origin_fails_for_the_page_not_as_a_robots_refusal() -> None:
    async with HttpClient(fast_config(), resolver=StaticResolver({})) as client:
        for _ in range(2):  # the failure is cached per origin, and reported for each URL
            with pytest.raises(DnsFailure) as failed:
                await client.get("http://gone.example/about", robots=True)
            assert failed.value.url == "http://gone.example/about"
            assert "fetching robots.txt" in failed.value.reason


@pytest.mark.asyncio
async def test_a_cached_failure_keeps_nothing_of_the_failed_connection() -> None:
    """An origin whose robots.txt cannot be fetched is remembered as the bare error: no
    cause, no context, no traceback into the connection (whose buffers it would keep)."""
    from yarl import URL

    from diaspora_atlas.http.errors import TlsFailure
    from diaspora_atlas.http.robots import RobotsCache

    class Connection:  # stands for what the failed connection held
        buffer = bytearray(256 * 1024)

    async def fetch(robots_url: str):  # type: ignore[no-untyped-def]
        held = Connection()
        try:
            raise ssl_error(held)
        except ValueError as exc:
            raise TlsFailure(robots_url, "certificate refused") from exc

    def ssl_error(held: Connection) -> ValueError:
        return ValueError(held)

    cache = RobotsCache(fetch, "DiasporaAtlas", lambda host, delay: None)
    with pytest.raises(TlsFailure, match=r"fetching robots\.txt"):
        await cache.check(URL("https://tls.test/page"))
    stored = cache._rules.failure("https://tls.test")
    assert isinstance(stored, TlsFailure) and stored.reason == "certificate refused"
    assert stored.__cause__ is None and stored.__context__ is None
    frames = []
    tb = stored.__traceback__
    while tb is not None:
        frames.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    assert "_load" in frames and "fetch" not in frames  # nor the frames that held it
