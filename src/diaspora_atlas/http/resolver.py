"""Name resolution, with the address guard applied to what a name resolves to.

The transport connects to exactly the addresses checked here, so there is no gap between the
check and the connection (no DNS rebinding window).
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Mapping, Sequence
from typing import Protocol

from diaspora_atlas.http.errors import BlockedAddress
from diaspora_atlas.http.guard import AddressGuard


class Resolver(Protocol):
    """Turns a host name into IP addresses (as text). Raise ``socket.gaierror`` when the
    name does not exist."""

    async def resolve(self, host: str, port: int) -> Sequence[str]: ...


class SystemResolver:
    """The operating system's resolver (getaddrinfo in a thread)."""

    async def resolve(self, host: str, port: int) -> Sequence[str]:
        loop = asyncio.get_running_loop()
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        addresses: list[str] = []
        for _family, _type, _proto, _name, sockaddr in infos:
            text = str(sockaddr[0])
            if text not in addresses:
                addresses.append(text)
        return addresses


class StaticResolver:
    """A fixed table of names, for tests (``{"example.org": ["127.0.0.1"]}``): the guard
    then runs on the table's addresses while no DNS query is ever made. An unknown name
    fails as a real one would."""

    def __init__(self, table: Mapping[str, Sequence[str]]) -> None:
        self.table = {name.lower().rstrip("."): list(addrs) for name, addrs in table.items()}
        self.asked: list[str] = []

    async def resolve(self, host: str, port: int) -> Sequence[str]:
        self.asked.append(host)
        found = self.table.get(host.lower().rstrip("."))
        if not found:
            raise socket.gaierror(socket.EAI_NONAME, f"{host}: Name or service not known")
        return found


class DnsCache:
    """Names resolved through ``inner`` and checked by the guard, kept ``ttl`` seconds; a
    name many requests ask for at once is looked up once. Failures are not kept."""

    def __init__(self, inner: Resolver, guard: AddressGuard, ttl: float = 300.0) -> None:
        self.inner = inner
        self.guard = guard
        self.ttl = ttl
        self._found: dict[tuple[str, int], tuple[float, list[str]]] = {}
        self._pending: dict[tuple[str, int], asyncio.Future[list[str]]] = {}

    def cached(self, host: str, port: int) -> list[str] | None:
        """The addresses already known and still fresh for ``host``, or None."""
        found = self._found.get((host.lower(), port))
        return found[1] if found is not None and found[0] > time.monotonic() else None

    def __len__(self) -> int:
        return len(self._found)

    def forget(self, host: str, port: int) -> None:
        self._found.pop((host.lower(), port), None)

    async def resolve(self, host: str, port: int) -> list[str]:
        """The addresses to connect to; ``socket.gaierror`` when the name does not
        resolve, BlockedAddress when any address is forbidden (one bad record is enough:
        the connection could go to any of them)."""
        key = (host.lower(), port)
        found = self._found.get(key)
        if found is not None and found[0] > time.monotonic():
            return found[1]
        pending = self._pending.get(key)
        if pending is None:
            pending = asyncio.ensure_future(self._lookup(host, port))
            self._pending[key] = pending
            pending.add_done_callback(lambda _: self._pending.pop(key, None))
        addresses = await asyncio.shield(pending)
        self._found[key] = (time.monotonic() + self.ttl, addresses)
        return addresses

    async def _lookup(self, host: str, port: int) -> list[str]:
        addresses = list(await self.inner.resolve(host, port))
        if not addresses:
            raise socket.gaierror(socket.EAI_NONAME, f"{host} has no address")
        reason = self.guard.check_resolved(host, addresses)
        if reason:
            raise BlockedAddress(host, reason)
        return addresses
