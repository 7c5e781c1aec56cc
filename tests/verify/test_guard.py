"""The address guard through ``verify``: an address pointing at, or redirecting to,
127.0.0.1, 10.0.0.1, 169.254.169.254 or ::1 is refused (outcome ``blocked``) and no request
is sent to it: listeners on 127.0.0.1 and ::1 see no connection at all."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from aiohttp import web

from diaspora_atlas.http import HttpClient, StaticResolver
from diaspora_atlas.model.websites import Outcome
from diaspora_atlas.verify.checker import Checker, Options

from .support import sim_config


class Listener:
    """Counts the connections made to it (it never answers)."""

    def __init__(self, family: socket.AddressFamily, address: str) -> None:
        self.sock = socket.socket(family, socket.SOCK_STREAM)
        self.sock.bind((address, 0))
        self.sock.listen(16)
        self.sock.setblocking(False)
        self.port = int(self.sock.getsockname()[1])

    def connections(self) -> int:
        count = 0
        while True:
            try:
                conn, _ = self.sock.accept()
            except BlockingIOError:
                return count
            conn.close()
            count += 1


@pytest_asyncio.fixture
async def listeners() -> AsyncIterator[tuple[Listener, Listener | None]]:
    four = Listener(socket.AF_INET, "127.0.0.1")
    try:
        six: Listener | None = Listener(socket.AF_INET6, "::1")
    except OSError:
        six = None
    yield four, six
    four.sock.close()
    if six is not None:
        six.sock.close()


@pytest_asyncio.fixture
async def gateway() -> AsyncIterator[tuple[str, int, dict[str, str]]]:
    """An allowed server on 127.0.0.2 whose paths redirect where the test says."""
    targets: dict[str, str] = {}

    async def handler(request: web.Request) -> web.StreamResponse:
        targets["hits"] = str(int(targets.get("hits", "0")) + 1)
        if request.path == "/robots.txt":
            return web.Response(status=404)
        raise web.HTTPFound(targets[request.path])

    app = web.Application()
    app.router.add_get("/{tail:.*}", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.2", 0)
    try:
        await site.start()
    except OSError:
        await runner.cleanup()
        pytest.skip("127.0.0.2 is not a loopback address here")
    yield "127.0.0.2", site._server.sockets[0].getsockname()[1], targets  # type: ignore[union-attr]
    await runner.cleanup()


def _client(table: dict[str, list[str]]) -> HttpClient:
    config = sim_config(allowed_networks=("127.0.0.2/32",), connect_timeout=0.5)
    return HttpClient(config, resolver=StaticResolver(table))


@pytest.mark.asyncio
async def test_private_targets_are_refused_with_no_request(
    listeners: tuple[Listener, Listener | None],
    gateway: tuple[str, int, dict[str, str]],
) -> None:
    four, six = listeners
    address, port, redirects = gateway
    forbidden = [
        f"http://127.0.0.1:{four.port}/",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
    ]
    forbidden.append(f"http://[::1]:{six.port}/" if six else "http://[::1]/")
    names = {
        "loop.test": "127.0.0.1",
        "lan.test": "10.0.0.1",
        "meta.test": "169.254.169.254",
        "six.test": "::1",
    }
    table = {name: [ip] for name, ip in names.items()} | {"gateway.test": [address]}
    urls = [*forbidden, *(f"http://{name}:{four.port}/" for name in names)]
    for number, target in enumerate(forbidden):
        redirects[f"/r{number}"] = target
        urls.append(f"http://gateway.test:{port}/r{number}")
    async with _client(table) as client:
        checker = Checker(client, Options(archive=False))
        results = await asyncio.gather(*(checker.check(url) for url in urls))
    assert [r.outcome for r in results] == [Outcome.BLOCKED] * len(urls), [
        (r.url, r.outcome, r.evidence) for r in results
    ]
    assert all(r.evidence.rule == "http_blocked" for r in results)
    assert four.connections() == 0
    assert six is None or six.connections() == 0
    # the only server asked is the gateway: its robots.txt once, each redirecting path once
    assert redirects["hits"] == str(1 + len(forbidden))
