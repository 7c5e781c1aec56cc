"""Name resolution, with the address guard applied to what a name resolves to.

aiohttp's connector connects to exactly the addresses its resolver returns, so checking them
here leaves no gap between the check and the connection (no DNS rebinding window).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Mapping, Sequence
from typing import Protocol

from aiohttp.abc import AbstractResolver, ResolveResult

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


class AddressRefused(Exception):
    """Raised inside aiohttp's connector (not an OSError, so aiohttp lets it through)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class GuardedResolver(AbstractResolver):
    """aiohttp resolver: resolve with ``inner``, then refuse forbidden addresses."""

    def __init__(self, inner: Resolver, guard: AddressGuard) -> None:
        self.inner = inner
        self.guard = guard

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        addresses = list(await self.inner.resolve(host, port))
        if not addresses:
            raise socket.gaierror(socket.EAI_NONAME, f"{host} has no address")
        reason = self.guard.check_resolved(host, addresses)
        if reason:
            raise AddressRefused(reason)
        return [_result(host, address, port) for address in addresses]

    async def close(self) -> None:
        return None


def _result(host: str, address: str, port: int) -> ResolveResult:
    ip = ipaddress.ip_address(address)
    family = socket.AF_INET6 if ip.version == 6 else socket.AF_INET
    return ResolveResult(hostname=host, host=address, port=port, family=family, proto=0, flags=0)
