"""Size cap, redirects, timeouts and the typed error for each way a request can fail."""

from __future__ import annotations

import asyncio
import gzip

import pytest
from aiohttp import web

from diaspora_atlas.http import (
    ConnectTimeout,
    DnsFailure,
    HttpClient,
    HttpStatusError,
    InvalidUrl,
    ReadTimeout,
    ResponseTooLarge,
    StaticResolver,
    TlsFailure,
    TooManyRedirects,
)

from .support import Listener, LoopbackServer, fast_config

BIG = b"x" * 100_000


async def big(request: web.Request) -> web.Response:
    return web.Response(body=BIG, content_type="text/plain")


async def big_streamed(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "text/plain"})
    response.enable_chunked_encoding()
    await response.prepare(request)
    for start in range(0, len(BIG), 10_000):
        await response.write(BIG[start : start + 10_000])
    await response.write_eof()
    return response


async def gzip_bomb(request: web.Request) -> web.Response:
    packed = gzip.compress(b"\0" * 2_000_000)
    return web.Response(body=packed, headers={"Content-Encoding": "gzip"})


@pytest.mark.asyncio
async def test_the_size_cap_raises_or_truncates(server: LoopbackServer) -> None:
    server.route("/big", big)
    server.route("/streamed", big_streamed)
    server.route("/bomb", gzip_bomb)
    async with HttpClient(fast_config()) as client:
        for path in ["/big", "/streamed", "/bomb"]:
            with pytest.raises(ResponseTooLarge, match="10000-byte cap"):
                await client.get(server.url(path), max_bytes=10_000)
        page = await client.get(server.url("/streamed"), max_bytes=25_000, truncate=True)
        whole = await client.get(server.url("/big"), max_bytes=len(BIG))
    assert page.truncated and page.body == BIG[:25_000]
    assert not whole.truncated and whole.body == BIG


async def hop(request: web.Request) -> web.Response:
    step = int(request.query.get("n", "0"))
    if step >= 3:
        return web.Response(text=f"arrived by {request.method}")
    return web.Response(status=[301, 302, 303][step], headers={"Location": f"/hop?n={step + 1}"})


async def loop(request: web.Request) -> web.Response:
    step = int(request.query.get("n", "0"))
    return web.Response(status=302, headers={"Location": f"/loop?n={step + 1}"})


@pytest.mark.asyncio
async def test_redirects_are_followed_by_hand_and_kept(server: LoopbackServer) -> None:
    server.route("/hop", hop)
    async with HttpClient(fast_config()) as client:
        response = await client.get(server.url("/hop"))
        posted = await client.post(server.url("/hop"), data={"q": "x"})
        unfollowed = await client.get(server.url("/hop"), follow_redirects=False)
    assert response.url == server.url("/hop?n=3") and response.text() == "arrived by GET"
    assert [(r.status, r.location) for r in response.redirects] == [
        (301, server.url("/hop?n=1")),
        (302, server.url("/hop?n=2")),
        (303, server.url("/hop?n=3")),
    ]
    assert response.requested_url == server.url("/hop")
    assert posted.text() == "arrived by GET"  # 301/302/303 after POST become GET
    assert unfollowed.status == 301 and unfollowed.redirects == ()


@pytest.mark.asyncio
async def test_too_many_redirects(server: LoopbackServer) -> None:
    server.route("/loop", loop)
    async with HttpClient(fast_config(max_redirects=3)) as client:
        with pytest.raises(TooManyRedirects) as raised:
            await client.get(server.url("/loop"))
    assert raised.value.url == server.url("/loop")
    assert len(raised.value.chain) == 4 and len(server.hits) == 4


@pytest.mark.asyncio
async def test_a_server_that_accepts_and_never_answers_is_a_read_timeout(
    listener: Listener,
) -> None:
    async with HttpClient(fast_config(read_timeout=0.2, max_retries=2)) as client:
        with pytest.raises(ReadTimeout):
            await client.get(f"http://127.0.0.1:{listener.port}/")
    assert listener.accepted == 1  # a read timeout is not retried: the request was sent


@pytest.mark.asyncio
async def test_a_full_accept_queue_is_a_connect_timeout(full_backlog: int) -> None:
    async with HttpClient(fast_config(connect_timeout=0.2, max_retries=0)) as client:
        started = asyncio.get_running_loop().time()
        with pytest.raises(ConnectTimeout):
            await client.get(f"http://127.0.0.1:{full_backlog}/")
    assert asyncio.get_running_loop().time() - started < 1.5


@pytest.mark.asyncio
async def test_an_unknown_name_is_a_dns_failure_and_not_retried() -> None:
    resolver = StaticResolver({})
    async with HttpClient(fast_config(max_retries=3), resolver=resolver) as client:
        with pytest.raises(DnsFailure, match=r"nowhere\.example could not be resolved"):
            await client.get("http://nowhere.example/")
    assert resolver.asked == ["nowhere.example"]


@pytest.mark.asyncio
async def test_tls_to_a_server_that_does_not_speak_it_is_a_tls_failure(
    server: LoopbackServer,
) -> None:
    async with HttpClient(fast_config(max_retries=0)) as client:
        with pytest.raises(TlsFailure):
            await client.get(f"https://127.0.0.1:{server.port}/")


@pytest.mark.asyncio
async def test_status_errors_are_raised_only_when_asked(server: LoopbackServer) -> None:
    async with HttpClient(fast_config()) as client:
        missing = await client.get(server.url("/nothing"))
    assert missing.status == 404 and not missing.ok
    with pytest.raises(HttpStatusError) as raised:
        missing.raise_for_status()
    assert raised.value.status == 404


@pytest.mark.asyncio
async def test_the_user_agent_and_form_bodies_are_sent(server: LoopbackServer) -> None:
    async def echo(request: web.Request) -> web.Response:
        return web.Response(text=(await request.text()))

    server.route("/echo", echo)
    async with HttpClient(fast_config()) as client:
        response = await client.post(server.url("/echo"), data={"db": "pubmed", "id": 1})
    (hit,) = server.hits
    assert hit.headers["User-Agent"] == "DiasporaAtlas/test (+https://atlas.test/contact)"
    assert hit.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert response.text() == "db=pubmed&id=1"


@pytest.mark.asyncio
async def test_a_head_request_is_not_judged_by_the_size_it_announces(
    server: LoopbackServer,
) -> None:
    server.route("/big", big)
    async with HttpClient(fast_config()) as client:
        response = await client.head(server.url("/big"), max_bytes=10)
    assert response.status == 200 and response.body == b""


@pytest.mark.asyncio
@pytest.mark.parametrize("location", ["http://[::1", "http://exa mple.com:99999/"])
async def test_a_hostile_location_is_an_invalid_url(server: LoopbackServer, location: str) -> None:
    async def bad(request: web.Request) -> web.Response:
        return web.Response(status=302, headers={"Location": location})

    server.route("/bad", bad)
    async with HttpClient(fast_config()) as client:
        with pytest.raises(InvalidUrl) as raised:
            await client.get(server.url("/bad"))
    assert (
        raised.value.url == server.url("/bad")
        and "redirect to an invalid URL" in raised.value.reason
    )


@pytest.mark.asyncio
async def test_forgetting_a_site_drops_its_rules_name_and_idle_connection(
    server: LoopbackServer,
) -> None:
    """A crawler done with a site keeps nothing of it: robots.txt rules, resolved address,
    host gate, and the kept-alive connection (closed at once, not after the keep-alive)."""
    from diaspora_atlas.http import StaticResolver

    server.route("/page", lambda request: _text("page"))
    resolver = StaticResolver({"site.test": [server.address], "other.test": [server.address]})
    async with HttpClient(fast_config(), resolver=resolver) as client:
        for name in ("site.test", "other.test"):
            await client.get(server.url("/page", name), robots=True)
        assert client.kept() == {"robots": 2, "names": 2, "hosts": 2, "idle connections": 2}
        client.forget(server.url("/", "site.test"))
        assert client.kept() == {"robots": 1, "names": 1, "hosts": 1, "idle connections": 1}
        await client.get(server.url("/page", "site.test"), robots=True)  # asked for anew
    assert [h.path for h in server.hits if h.host == "site.test"].count("/robots.txt") == 2


async def _text(body: str) -> web.Response:
    return web.Response(text=body)
