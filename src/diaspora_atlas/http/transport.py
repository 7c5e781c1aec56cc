"""One request, one answer, no redirects followed: names resolved and checked by the guard,
connections opened to exactly the checked addresses and kept alive per origin, the body
read up to the size cap (``wire.py``), every failure turned into a typed error."""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import Mapping
from dataclasses import dataclass

from yarl import URL

from diaspora_atlas.http.config import HttpConfig
from diaspora_atlas.http.errors import (
    BlockedAddress,
    ConnectionFailed,
    ConnectionRefused,
    ConnectTimeout,
    DnsFailure,
    HttpError,
    InvalidUrl,
    ReadTimeout,
    ResponseTooLarge,
    TlsFailure,
)
from diaspora_atlas.http.guard import AddressGuard, literal_address
from diaspora_atlas.http.intermediates import MAX_BYTES as ISSUER_MAX_BYTES
from diaspora_atlas.http.intermediates import MISSING_ISSUER, Intermediates
from diaspora_atlas.http.resolver import DnsCache, Resolver
from diaspora_atlas.http.response import headers_dict
from diaspora_atlas.http.wire import Connection, WireFailure, request_bytes

Origin = tuple[str, str, int]


@dataclass(frozen=True)
class Request:
    """One hop to send: the body is already bytes, the URL already passed the guard."""

    method: str
    url: URL
    headers: Mapping[str, str]
    body: bytes | None
    max_bytes: int
    truncate: bool
    retries: int


@dataclass(frozen=True)
class Answer:
    """What one hop returned."""

    status: int
    reason: str
    headers: dict[str, str]
    body: bytes
    truncated: bool


class Transport:
    """Connections per origin (scheme, host, port), idle ones closed after the keep-alive
    time; names resolved once per ``dns_ttl`` seconds, through the guard."""

    def __init__(
        self,
        config: HttpConfig,
        guard: AddressGuard,
        resolver: Resolver,
        ssl_context: ssl.SSLContext | None = None,
        dns_ttl: float = 300.0,
    ) -> None:
        self._config = config
        self._guard = guard
        self._dns = DnsCache(resolver, guard, dns_ttl)
        self._given_ssl = ssl_context
        self._ssl: ssl.SSLContext | None = None
        self._idle: dict[Origin, list[Connection]] = {}
        self._idle_count = 0
        self._open: set[Connection] = set()
        self._intermediates = Intermediates(self._fetch_issuer)
        #: requests handed to the network layer (replayed and refused ones never are)
        self.sent = 0

    def _tls(self) -> ssl.SSLContext:
        if self._ssl is None:
            self._ssl = self._given_ssl or ssl.create_default_context()
        return self._ssl

    async def close(self) -> None:
        for connection in list(self._open):
            connection.close()
        self._open.clear()
        self._idle.clear()
        self._idle_count = 0

    def names_kept(self) -> int:
        return len(self._dns)

    def idle_kept(self) -> int:
        return self._idle_count

    def forget(self, host: str, port: int) -> None:
        """Drop the addresses kept for ``host`` and close its idle connections (a site done
        with: its server need not hold them open for the keep-alive time)."""
        self._dns.forget(host, port)
        for scheme in ("http", "https"):
            for connection in self._idle.pop((scheme, host, port), []):
                self._idle_count -= 1
                if connection.idle_timer is not None:
                    connection.idle_timer.cancel()
                    connection.idle_timer = None
                connection.close()
                self._open.discard(connection)

    async def send(self, request: Request) -> Answer:
        """The answer; the whole attempt (connect, send, read) within ``total_timeout``
        (the connection's timer watches that deadline: no timeout context per request)."""
        self.sent += 1
        url = request.url
        deadline = asyncio.get_running_loop().time() + self._config.total_timeout
        origin = _origin(url)
        try:
            data = request_bytes(
                request.method,
                url.raw_path_qs or "/",
                url.host_port_subcomponent or "",
                request.headers,
                request.body,
                self._config.user_agent,
            )
        except ValueError as exc:
            raise InvalidUrl(str(url), f"cannot be requested: {exc}") from None
        head = request.method == "HEAD"
        while True:
            connection, reused = self._take_idle(origin), True
            if connection is None:
                connection, reused = await self._connect(url, origin, deadline), False
            try:
                wire, reusable = await connection.exchange(
                    data, head, request.max_bytes, request.truncate, deadline
                )
            except WireFailure as failure:
                self._open.discard(connection)
                if reused and failure.kind == "closed" and not failure.answered:
                    continue  # a kept-alive connection the server had closed: a fresh one
                raise _typed(failure, url, request.max_bytes) from None
            except BaseException:
                connection.close()
                self._open.discard(connection)
                raise
            if reusable:
                self._keep(origin, connection)
            else:
                self._open.discard(connection)
            return Answer(
                wire.status, wire.reason, headers_dict(wire.headers), wire.body, wire.truncated
            )

    def _take_idle(self, origin: Origin) -> Connection | None:
        idle = self._idle.get(origin)
        found: Connection | None = None
        while idle and found is None:
            connection = idle.pop()
            self._idle_count -= 1
            if connection.idle_timer is not None:
                connection.idle_timer.cancel()
                connection.idle_timer = None
            if connection.closed:
                self._open.discard(connection)
            else:
                found = connection
        if idle is not None and not idle:
            del self._idle[origin]  # no empty list kept per origin ever reached
        return found

    def _keep(self, origin: Origin, connection: Connection) -> None:
        if self._idle_count >= max(1, self._config.concurrency):  # enough sockets held idle
            connection.close()
            self._open.discard(connection)
            return
        self._idle.setdefault(origin, []).append(connection)
        self._idle_count += 1
        loop = asyncio.get_running_loop()
        connection.idle_timer = loop.call_later(
            self._config.keepalive_timeout, self._expire, origin, connection
        )

    def _expire(self, origin: Origin, connection: Connection) -> None:
        idle = self._idle.get(origin)
        if idle and connection in idle:
            idle.remove(connection)
            self._idle_count -= 1
            if not idle:
                del self._idle[origin]
        connection.close()
        self._open.discard(connection)

    async def _connect(self, url: URL, origin: Origin, deadline: float) -> Connection:
        scheme, host, port = origin
        text = str(url)
        literal = literal_address(host) if host else None
        known = self._dns.cached(host, port) if literal is None else None
        if literal is not None:
            addresses: list[str] = [str(literal)]
        elif known is not None:
            addresses = known
        else:
            try:
                async with asyncio.timeout_at(deadline):
                    addresses = await self._dns.resolve(host, port)
            except TimeoutError:
                raise ReadTimeout(text, f"{host} was not resolved within the time limit") from None
            except socket.gaierror as exc:
                raise DnsFailure(text, f"{host} could not be resolved ({exc})") from None
            except BlockedAddress as blocked:
                raise BlockedAddress(text, blocked.reason) from None
        tls = self._tls() if scheme == "https" else None
        failure: HttpError | None = None
        for address in addresses:
            try:
                connection = await self._connect_to(address, port, host, tls, deadline)
            except (OSError, TimeoutError, ssl.SSLError) as exc:
                failure = _connect_error(exc, text, host, port)
                if isinstance(failure, TlsFailure):
                    break  # the site answered: its certificate is the problem, not the address
                continue
            self._open.add(connection)
            return connection
        assert failure is not None
        raise failure

    async def _connect_to(
        self, address: str, port: int, host: str, tls: ssl.SSLContext | None, deadline: float
    ) -> Connection:
        """A connection to ``address``; over TLS, a certificate that lacks its intermediate
        is tried again once the intermediate is fetched (``intermediates.py``)."""
        loop = asyncio.get_running_loop()
        c = self._config
        for completing in (tls is not None, False):
            within = min(c.connect_timeout, deadline - loop.time())
            try:
                async with asyncio.timeout(within):
                    _, connection = await loop.create_connection(
                        lambda: Connection(loop, c.read_timeout),
                        address,
                        port,
                        ssl=tls,
                        server_hostname=host if tls is not None else None,
                    )
                return connection
            except ssl.SSLCertVerificationError as exc:
                if not (completing and tls is not None and exc.verify_code == MISSING_ISSUER):
                    raise
                left = min(c.connect_timeout, deadline - loop.time())
                if not await self._intermediates.complete(tls, address, port, host, left):
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    async def _fetch_issuer(self, url: str) -> bytes | None:
        """A certificate authority's file from a CA Issuers address (guarded, one try)."""
        try:
            request = Request(
                "GET",
                self._guard.check_url(URL(url)),
                {},
                None,
                max_bytes=ISSUER_MAX_BYTES,
                truncate=False,
                retries=0,
            )
            answer = await self.send(request)
        except (HttpError, ValueError, TypeError):
            return None
        return answer.body if answer.status == 200 else None


def _origin(url: URL) -> Origin:
    return (url.scheme, url.raw_host or "", url.port or (443 if url.scheme == "https" else 80))


def _connect_error(exc: BaseException, url: str, host: str, port: int) -> HttpError:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return TlsFailure(url, f"certificate refused: {exc.verify_message or exc}")
    if isinstance(exc, ssl.SSLError):
        return TlsFailure(url, f"TLS failed: {exc}")
    if isinstance(exc, TimeoutError):
        return ConnectTimeout(url, "no connection within the connect timeout")
    if isinstance(exc, ConnectionRefusedError):
        return ConnectionRefused(url, f"{host}:{port} refused the connection")
    return ConnectionFailed(url, f"cannot connect: {exc}", before_request=True)


def _typed(failure: WireFailure, url: URL, max_bytes: int) -> HttpError:
    text = str(url)
    if failure.kind == "read_timeout":
        return ReadTimeout(text, "no answer within the read timeout (or the request's time limit)")
    if failure.kind == "too_large":
        return ResponseTooLarge(
            text, f"the answer {failure.reason} than the {max_bytes}-byte cap", max_bytes
        )
    return ConnectionFailed(text, failure.reason)


def ignore_orphaned_network_errors(loop: asyncio.AbstractEventLoop) -> None:
    """Let ``loop`` drop the network failures that end up in futures nobody awaits any more
    (uvloop's TLS handshake, finishing with a certificate error after our connect timeout
    gave up on it): the request already failed with its typed error, and "Future exception
    was never retrieved" on standard error would only be noise. Everything else goes to the
    loop's default handler."""

    def handle(loop: asyncio.AbstractEventLoop, context: dict[str, object]) -> None:
        error = context.get("exception")
        orphaned = str(context.get("message", "")).startswith("Future exception was never")
        if orphaned and isinstance(error, ssl.SSLError | OSError):
            return
        loop.default_exception_handler(context)

    loop.set_exception_handler(handle)
