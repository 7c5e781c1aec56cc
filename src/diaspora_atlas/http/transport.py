"""One request, one answer, no redirects followed: aiohttp behind the guarded resolver, the
body streamed up to the size cap, every failure turned into a typed error."""

from __future__ import annotations

import ssl
from collections.abc import Mapping
from dataclasses import dataclass

import aiohttp
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
from diaspora_atlas.http.guard import AddressGuard
from diaspora_atlas.http.resolver import AddressRefused, GuardedResolver, Resolver
from diaspora_atlas.http.response import headers_dict

CHUNK = 64 * 1024


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
    """Owns the aiohttp session, created on first use (replay never creates one)."""

    def __init__(
        self,
        config: HttpConfig,
        guard: AddressGuard,
        resolver: Resolver,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self._config = config
        self._guard = guard
        self._resolver = resolver
        self._ssl: ssl.SSLContext | bool = ssl_context if ssl_context is not None else True
        self._session: aiohttp.ClientSession | None = None
        #: requests handed to the network layer (replayed and refused ones never are)
        self.sent = 0

    def _open(self) -> aiohttp.ClientSession:
        if self._session is None:
            c = self._config
            connector = aiohttp.TCPConnector(
                resolver=GuardedResolver(self._resolver, self._guard),
                limit=max(1, c.concurrency),
                limit_per_host=0,  # the per-host limit is ours (politeness.py), by host name
                ttl_dns_cache=300,
                keepalive_timeout=c.keepalive_timeout,
                ssl=self._ssl,
            )
            timeout = aiohttp.ClientTimeout(
                total=c.total_timeout,
                connect=c.connect_timeout,
                sock_connect=c.connect_timeout,
                sock_read=c.read_timeout,
            )
            self._session = aiohttp.ClientSession(
                connector=connector,
                timeout=timeout,
                headers={"User-Agent": c.user_agent},
                trust_env=False,  # never a proxy from the environment: the guard would miss it
            )
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def send(self, request: Request) -> Answer:
        session = self._open()
        self.sent += 1
        url, max_bytes, truncate = request.url, request.max_bytes, request.truncate
        try:
            async with session.request(
                request.method,
                url,
                headers=dict(request.headers),
                data=request.body,
                allow_redirects=False,
            ) as response:
                declared = response.content_length if request.method != "HEAD" else None
                if declared is not None and declared > max_bytes and not truncate:
                    raise _too_large(url, max_bytes, f"declares {declared} bytes")
                content, truncated = await _read(response, url, max_bytes, truncate)
                return Answer(
                    response.status,
                    response.reason or "",
                    headers_dict(list(response.headers.items())),
                    content,
                    truncated,
                )
        except HttpError:
            raise
        except (aiohttp.ClientError, AddressRefused, ssl.SSLError, OSError, ValueError) as exc:
            raise map_error(exc, str(url)) from exc


async def _read(
    response: aiohttp.ClientResponse, url: URL, max_bytes: int, truncate: bool
) -> tuple[bytes, bool]:
    """The body (decompressed) up to ``max_bytes``: past it, stop reading and either flag
    the body truncated or raise ResponseTooLarge."""
    parts: list[bytes] = []
    size = 0
    async for chunk in response.content.iter_chunked(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            if not truncate:
                raise _too_large(url, max_bytes, "sent more")
            parts.append(chunk[: len(chunk) - (size - max_bytes)])
            return b"".join(parts), True
        parts.append(chunk)
    return b"".join(parts), False


def _too_large(url: URL, limit: int, what: str) -> ResponseTooLarge:
    return ResponseTooLarge(str(url), f"the answer {what} than the {limit}-byte cap", limit)


def map_error(exc: BaseException, url: str) -> HttpError:
    """The typed error for an aiohttp/ssl/socket failure."""
    if isinstance(exc, AddressRefused):
        return BlockedAddress(url, exc.reason)
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return DnsFailure(url, f"{exc.host} could not be resolved ({exc.os_error})")
    if isinstance(exc, aiohttp.ClientConnectorCertificateError):
        return TlsFailure(url, f"certificate refused: {exc.certificate_error}")
    if isinstance(exc, aiohttp.ClientSSLError | ssl.SSLError):
        return TlsFailure(url, f"TLS failed: {getattr(exc, 'os_error', exc)}")
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return ConnectTimeout(url, "no connection within the connect timeout")
    if isinstance(exc, aiohttp.ClientConnectorError):
        if isinstance(exc.os_error, ConnectionRefusedError):
            return ConnectionRefused(url, f"{exc.host}:{exc.port} refused the connection")
        return ConnectionFailed(url, f"cannot connect: {exc.os_error}", before_request=True)
    if isinstance(exc, TimeoutError):  # aiohttp's read and total timeouts are TimeoutErrors
        return ReadTimeout(url, "no answer within the read timeout (or the request's time limit)")
    if isinstance(exc, aiohttp.InvalidURL | ValueError):  # also bad IDNA names and headers
        return InvalidUrl(url, f"cannot be requested: {exc}")
    return ConnectionFailed(url, f"{type(exc).__name__}: {exc}")
