"""Fixtures: the simulated web and an https server with an untrusted certificate, started and
stopped by each test on loopback."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from .simweb import SimWeb, tls_server


@pytest_asyncio.fixture
async def simweb() -> AsyncIterator[SimWeb]:
    started = await SimWeb().start()
    with socket.socket() as sock:  # a loopback port nothing listens on
        sock.bind(("127.0.0.1", 0))
        started.closed_port = int(sock.getsockname()[1])
    yield started
    await started.stop()


@pytest_asyncio.fixture
async def tls_port() -> AsyncIterator[int]:
    runner, port = await tls_server()
    yield port
    await runner.cleanup()


@pytest.fixture(autouse=True)
def _contact(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIASPORA_ATLAS_HTTP_CONTACT", "https://atlas.test/contact")
