"""Loopback servers and helpers for the HTTP client's tests."""

from __future__ import annotations

import asyncio
import ssl
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from diaspora_atlas.http import HttpConfig

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def fast_config(**overrides: Any) -> HttpConfig:
    """A config for loopback tests: guard off, no politeness delays, short timeouts."""
    values: dict[str, Any] = {
        "allow_private_addresses": True,
        "contact": "https://atlas.test/contact",
        "user_agent": "DiasporaAtlas/test (+https://atlas.test/contact)",
        "host_delay": 0.0,
        "backoff_base": 0.001,
        "connect_timeout": 1.0,
        "read_timeout": 1.0,
        "total_timeout": 5.0,
    }
    values.update(overrides)
    return HttpConfig(**values)


@dataclass
class Hit:
    method: str
    path: str
    host: str
    at: float
    headers: dict[str, str]


@dataclass
class LoopbackServer:
    """An aiohttp server on a loopback address that records every request, and how many
    requests were in flight at once per Host header and overall."""

    address: str = "127.0.0.1"
    hits: list[Hit] = field(default_factory=list)
    active: Counter[str] = field(default_factory=Counter)
    peak: Counter[str] = field(default_factory=Counter)
    peak_overall: int = 0
    port: int = 0
    ssl_context: ssl.SSLContext | None = None  # https when given
    _routes: dict[str, Handler] = field(default_factory=dict)
    _runner: web.AppRunner | None = None

    def route(self, path: str, handler: Handler) -> None:
        self._routes[path] = handler

    def url(self, path: str = "/", host: str | None = None) -> str:
        name = host or (f"[{self.address}]" if ":" in self.address else self.address)
        return f"http://{name}:{self.port}{path}"

    def paths(self) -> list[str]:
        return [hit.path for hit in self.hits]

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        host = request.headers.get("Host", "").rsplit(":", 1)[0]
        self.hits.append(
            Hit(request.method, request.path_qs, host, time.monotonic(), dict(request.headers))
        )
        self.active[host] += 1
        self.peak[host] = max(self.peak[host], self.active[host])
        self.peak_overall = max(self.peak_overall, sum(self.active.values()))
        try:
            handler = self._routes.get(request.path)
            if handler is None:
                return web.Response(status=404, text="not here")
            return await handler(request)
        finally:
            self.active[host] -= 1

    async def start(self) -> LoopbackServer:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.address, 0, ssl_context=self.ssl_context)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()


@dataclass
class Listener:
    """A raw TCP listener that counts the connections it accepts and never answers."""

    address: str
    port: int = 0
    accepted: int = 0
    _server: asyncio.Server | None = None
    _writers: list[asyncio.StreamWriter] = field(default_factory=list)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.accepted += 1
        self._writers.append(writer)  # kept open, never answered

    async def start(self) -> Listener:
        self._server = await asyncio.start_server(self._accept, self.address, 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        for writer in self._writers:
            writer.close()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()


class SleepLog:
    """A ``sleep`` for the client that records what it was asked to wait and returns at
    once, so retry and backoff tests take milliseconds."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        await asyncio.sleep(0)
