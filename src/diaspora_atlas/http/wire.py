"""HTTP/1.1 on one connection: the request written by hand, the answer parsed by llhttp
(``httptools``), the body decompressed and capped as it arrives.

Why not aiohttp: a verify run sends tens of thousands of tiny requests to thousands of hosts,
and aiohttp's cost per request (about 0.8 ms of CPU here, with its 26 MB of imports) made
the checker CPU-bound; this is what the Atlas needs of HTTP and nothing more (no cookies,
no proxies, no authentication), about a quarter of the CPU (docs/decisions/2026-12-01-own-http-wire.md).
"""

from __future__ import annotations

import asyncio
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol, cast

import httptools

try:  # brotli ships with the PDF stack; without it "br" is simply not asked for
    import brotli
except ImportError:  # pragma: no cover - depends on the environment
    brotli = None

ACCEPT_ENCODING = "gzip, deflate, br" if brotli is not None else "gzip, deflate"
_TOKEN = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")
_BAD_VALUE = re.compile(r"[\r\n\x00]")


class WireFailure(Exception):
    """What went wrong on the connection, in words; the transport types it (``kind``:
    ``closed`` before any answer, ``read_timeout``, ``malformed``, ``too_large``)."""

    def __init__(self, kind: str, reason: str, *, answered: bool = False) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason
        #: whether any byte of the answer arrived (a closed keep-alive connection that
        #: answered nothing may be retried on a fresh one)
        self.answered = answered


@dataclass(frozen=True)
class WireAnswer:
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    truncated: bool


def request_bytes(
    method: str,
    target: str,
    authority: str,
    headers: Mapping[str, str],
    body: bytes | None,
    user_agent: str,
) -> bytes:
    """The request head (and body). Header names must be tokens and values free of line
    breaks: a value smuggling ``\\r\\n`` would add headers or a second request."""
    if not _TOKEN.match(method):
        raise ValueError(f"invalid method {method!r}")
    sent = {
        "host": ("Host", authority),
        "user-agent": ("User-Agent", user_agent),
        "accept": ("Accept", "*/*"),
        "accept-encoding": ("Accept-Encoding", ACCEPT_ENCODING),
    }
    for name, value in headers.items():
        if not _TOKEN.match(name) or _BAD_VALUE.search(value):
            raise ValueError(f"invalid header {name!r}")
        sent[name.lower()] = (name, value)
    if body is not None:
        sent["content-length"] = ("Content-Length", str(len(body)))
    elif method in ("POST", "PUT", "PATCH"):
        sent["content-length"] = ("Content-Length", "0")
    if _BAD_VALUE.search(target) or " " in target:
        raise ValueError(f"invalid request target {target!r}")
    head = f"{method} {target} HTTP/1.1\r\n" + "".join(f"{n}: {v}\r\n" for n, v in sent.values())
    return head.encode("latin-1") + b"\r\n" + (body or b"")


class _Decoder(Protocol):
    def decompress(self, data: bytes, max_length: int = ..., /) -> bytes: ...


class _Deflate:
    """``deflate`` as servers send it: zlib-wrapped, or (wrongly, but often) raw."""

    def __init__(self) -> None:
        self._inner: zlib._Decompress | None = None

    def decompress(self, data: bytes, max_length: int = 0, /) -> bytes:
        if self._inner is None:
            raw = bool(data) and (data[0] & 0x0F) != 8  # no zlib header: raw deflate
            self._inner = zlib.decompressobj(-zlib.MAX_WBITS if raw else zlib.MAX_WBITS)
        return self._inner.decompress(data, max_length)


class _Brotli:
    def __init__(self) -> None:
        assert brotli is not None
        self._inner = brotli.Decompressor()

    def decompress(self, data: bytes, max_length: int = 0, /) -> bytes:
        """At most about ``max_length`` bytes out (a bomb stops at the cap, as with zlib)."""
        if max_length > 0:
            return bytes(self._inner.process(data, output_buffer_limit=max_length))
        return bytes(self._inner.process(data))


def decoder_for(encoding: str) -> _Decoder | None:
    name = encoding.strip().lower()
    if name in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if name == "deflate":
        return _Deflate()
    if name == "br" and brotli is not None:
        return _Brotli()
    return None  # identity, or an encoding we did not ask for: the bytes as sent


class Exchange:
    """One request's answer being assembled."""

    def __init__(
        self, future: asyncio.Future[WireAnswer], head: bool, max_bytes: int, truncate: bool
    ) -> None:
        self.future = future
        self.head = head
        self.max_bytes = max_bytes
        self.truncate = truncate
        self.status = 0
        self.reason = ""
        self.headers: list[tuple[str, str]] = []
        self.parts: list[bytes] = []
        self.size = 0
        self.decoder: _Decoder | None = None
        self.headers_done = False
        self.answered = False
        #: the connection cannot carry another request after this one
        self.spent = False

    @property
    def done(self) -> bool:
        return self.future.done()

    def finish(self, truncated: bool = False) -> None:
        if not self.done:
            body = b"".join(self.parts)
            self.future.set_result(
                WireAnswer(self.status, self.reason, self.headers, body, truncated)
            )

    def fail(self, failure: WireFailure) -> None:
        if not self.done:
            self.future.set_exception(failure)


class Connection(asyncio.Protocol):
    """One TCP/TLS connection carrying one request at a time (keep-alive between them).

    The read timeout is the longest silence while an answer is awaited."""

    def __init__(self, loop: asyncio.AbstractEventLoop, read_timeout: float) -> None:
        self._loop = loop
        self._read_timeout = read_timeout
        self._parser: httptools.HttpResponseParser | None = httptools.HttpResponseParser(self)
        self._exchange: Exchange | None = None
        self._transport: asyncio.Transport | None = None
        self._last_data = 0.0
        self._deadline = 0.0
        self._timer: asyncio.TimerHandle | None = None
        self.closed = False
        self.used = 0  # answers this connection has carried
        self.idle_timer: asyncio.TimerHandle | None = None

    # -- asyncio ---------------------------------------------------------------------
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = cast(asyncio.Transport, transport)  # uvloop's are not subclasses

    def data_received(self, data: bytes) -> None:
        exchange, parser = self._exchange, self._parser
        if parser is None:  # closed already
            return
        if exchange is None or exchange.done:  # nothing asked: a server talking out of turn
            self.close()
            return
        self._last_data = self._loop.time()
        exchange.answered = True
        try:
            parser.feed_data(data)
        except httptools.HttpParserCallbackError as exc:  # one of ours failed
            exchange.fail(WireFailure("malformed", f"cannot read the answer: {exc}", answered=True))
        except httptools.HttpParserError as exc:
            exchange.fail(WireFailure("malformed", f"a malformed answer: {exc}", answered=True))
        except httptools.HttpParserUpgrade:
            exchange.fail(WireFailure("malformed", "the server switched protocols", answered=True))
        if exchange.done:
            self._end_exchange(exchange)

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self._cancel_timer()
        if self.idle_timer is not None:
            self.idle_timer.cancel()
            self.idle_timer = None
        # the parser and the transport point back at us: without these cycles a closed
        # connection is freed at once, not at the next full garbage collection
        self._parser = None
        self._transport = None
        exchange = self._exchange
        if exchange is None or exchange.done:
            return
        if exchange.headers_done and exc is None:  # a body that ends where the connection does
            exchange.spent = True
            exchange.finish()
            return
        why = f": {exc}" if exc is not None else ""
        exchange.fail(
            WireFailure(
                "closed",
                f"the server closed the connection before answering{why}",
                answered=exchange.answered,
            )
        )

    # -- llhttp callbacks ------------------------------------------------------------
    def on_status(self, reason: bytes) -> None:
        if self._exchange is not None:
            self._exchange.reason += reason.decode("latin-1")

    def on_header(self, name: bytes, value: bytes) -> None:
        if self._exchange is not None:
            self._exchange.headers.append((name.decode("latin-1"), value.decode("latin-1")))

    def on_headers_complete(self) -> None:
        exchange, parser = self._exchange, self._parser
        if exchange is None or exchange.done or parser is None:
            return
        status = parser.get_status_code()
        if 100 <= status < 200:  # an interim answer (100 Continue, 103): the real one follows
            exchange.headers, exchange.reason = [], ""
            return
        exchange.status = status
        exchange.headers_done = True
        if not parser.should_keep_alive():
            exchange.spent = True
        encoding = ""
        for name, value in exchange.headers:
            key = name.lower()
            if key == "content-encoding":
                encoding = value
            elif key == "content-length" and not exchange.truncate and not exchange.head:
                declared = int(value) if value.strip().isdigit() else 0
                if declared > exchange.max_bytes:
                    exchange.spent = True
                    exchange.fail(
                        WireFailure("too_large", f"declares {declared} bytes", answered=True)
                    )
                    return
        if exchange.head:  # no body follows, whatever the headers say
            exchange.spent = True
            exchange.finish()
            return
        exchange.decoder = decoder_for(encoding) if encoding else None

    def on_body(self, data: bytes) -> None:
        exchange = self._exchange
        if exchange is None or exchange.done:
            return
        room = exchange.max_bytes - exchange.size
        if exchange.decoder is not None:
            try:
                data = exchange.decoder.decompress(data, room + 1)
            except Exception as exc:  # zlib.error, brotli.error: a corrupt body
                exchange.spent = True
                exchange.fail(WireFailure("malformed", f"cannot decompress: {exc}", answered=True))
                return
        if len(data) > room:
            exchange.spent = True
            if not exchange.truncate:
                exchange.fail(WireFailure("too_large", "sent more", answered=True))
                return
            exchange.parts.append(data[:room])
            exchange.size = exchange.max_bytes
            exchange.finish(truncated=True)
            return
        exchange.parts.append(data)
        exchange.size += len(data)

    def on_message_complete(self) -> None:
        exchange = self._exchange
        if exchange is None or exchange.done or not exchange.headers_done:
            return  # an interim answer's end, or an answer already settled
        exchange.finish()

    # -- use ---------------------------------------------------------------------------
    async def exchange(
        self, data: bytes, head: bool, max_bytes: int, truncate: bool, deadline: float
    ) -> tuple[WireAnswer, bool]:
        """Send one request; the answer, and whether the connection may carry another.
        ``deadline`` (loop time) ends the wait whatever comes in meanwhile."""
        if self.closed or self._transport is None or self._transport.is_closing():
            raise WireFailure("closed", "the connection is closed")
        future: asyncio.Future[WireAnswer] = self._loop.create_future()
        exchange = Exchange(future, head, max_bytes, truncate)
        self._exchange = exchange
        self._last_data = self._loop.time()
        self._deadline = deadline
        self._arm_timer()
        self._transport.write(data)
        try:
            answer = await future
        finally:
            self._end_exchange(exchange)
        self.used += 1
        return answer, not (exchange.spent or self.closed)

    def _end_exchange(self, exchange: Exchange) -> None:
        if self._exchange is not exchange:
            return
        self._cancel_timer()
        self._exchange = None
        if exchange.spent or not exchange.done:
            self.close()

    def _arm_timer(self) -> None:
        when = min(self._last_data + self._read_timeout, self._deadline)
        self._timer = self._loop.call_at(when, self._on_timer)

    def _on_timer(self) -> None:
        exchange = self._exchange
        if exchange is None or exchange.done:
            return
        now = self._loop.time()
        if now < self._deadline and now < self._last_data + self._read_timeout:
            self._arm_timer()  # data came meanwhile: wait from the last of it
            return
        exchange.spent = True
        exchange.fail(
            WireFailure(
                "read_timeout",
                f"no answer within the read timeout ({self._read_timeout:g} s)"
                if now < self._deadline
                else "the answer did not finish within the request's time limit",
                answered=exchange.answered,
            )
        )
        self.close()

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def close(self) -> None:
        self.closed = True
        if self._transport is not None and not self._transport.is_closing():
            self._transport.close()
