"""Fixtures: loopback servers started and stopped by each test."""

from __future__ import annotations

import socket
import time
from collections.abc import AsyncIterator, Iterator

import pytest
import pytest_asyncio

from .support import Listener, LoopbackServer


@pytest_asyncio.fixture
async def server() -> AsyncIterator[LoopbackServer]:
    started = await LoopbackServer().start()
    yield started
    await started.stop()


@pytest_asyncio.fixture
async def listener() -> AsyncIterator[Listener]:
    started = await Listener("127.0.0.1").start()
    yield started
    await started.stop()


@pytest_asyncio.fixture
async def listener6() -> AsyncIterator[Listener]:
    try:
        started = await Listener("::1").start()
    except OSError:
        pytest.skip("no IPv6 loopback on this machine")
    yield started
    await started.stop()


@pytest.fixture
def closed_port() -> int:
    """A loopback port nothing listens on (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def full_backlog() -> Iterator[int]:
    """A loopback port whose accept queue is full: a new connection hangs in the handshake,
    which is a connect timeout without any network."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = int(server.getsockname()[1])
    fillers = []
    for _ in range(3):
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
        fillers.append(filler)
    time.sleep(0.05)
    try:
        yield port
    finally:
        for filler in fillers:
            filler.close()
        server.close()
