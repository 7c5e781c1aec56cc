"""HTTP/1.1 as the client speaks it (http/wire.py, http/transport.py), against raw servers that
answer byte for byte what each test needs: keep-alive, a kept connection closed by the
server, interim answers, bodies ending with the connection, encodings, malformed answers,
and headers that would smuggle a second request."""

from __future__ import annotations

import asyncio
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable

import brotli
import pytest
import pytest_asyncio

from diaspora_atlas.http import ConnectionFailed, HttpClient, InvalidUrl, ResponseTooLarge

from .support import fast_config

Reply = Callable[[bytes], bytes | None]  # request head -> raw answer (None: close)


class RawServer:
    """Answers each request head with ``reply(head)``; counts connections and requests;
    ``close_after`` closes every connection after that many answers (no notice given)."""

    def __init__(self, reply: Reply, close_after: int = 0) -> None:
        self.reply = reply
        self.close_after = close_after
        self.connections = 0
        self.heads: list[bytes] = []
        self.port = 0
        self._server: asyncio.Server | None = None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        answered = 0
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                self.heads.append(head)
                raw = self.reply(head)
                if raw is None:
                    break
                writer.write(raw)
                await writer.drain()
                answered += 1
                if self.close_after and answered >= self.close_after:
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def start(self) -> RawServer:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def answer(body: bytes, *headers: str, status: str = "200 OK") -> bytes:
    lines = [f"HTTP/1.1 {status}", f"Content-Length: {len(body)}", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


MakeServer = Callable[..., Awaitable[RawServer]]


@pytest_asyncio.fixture
async def raw() -> AsyncIterator[MakeServer]:
    started: list[RawServer] = []

    async def make(reply: Reply, close_after: int = 0) -> RawServer:
        server = await RawServer(reply, close_after).start()
        started.append(server)
        return server

    yield make
    for server in started:
        await server.stop()


@pytest.mark.asyncio
async def test_one_connection_carries_many_requests(raw: MakeServer) -> None:
    server = await raw(lambda head: answer(b"hello"))
    async with HttpClient(fast_config()) as client:
        bodies = [(await client.get(server.url(f"/{i}"))).body for i in range(3)]
    assert bodies == [b"hello"] * 3
    assert server.connections == 1 and len(server.heads) == 3


@pytest.mark.asyncio
async def test_a_kept_connection_the_server_closed_is_replaced_quietly(raw: MakeServer) -> None:
    server = await raw(lambda head: answer(b"once"), close_after=1)
    async with HttpClient(fast_config()) as client:
        first = await client.get(server.url("/a"))
        await asyncio.sleep(0.05)  # the server has closed its side by now
        second = await client.get(server.url("/b"))
    assert first.body == second.body == b"once"
    assert server.connections == 2


@pytest.mark.asyncio
async def test_interim_answers_are_skipped(raw: MakeServer) -> None:
    early = b"HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\n"
    server = await raw(lambda head: early + answer(b"final", "X-Kind: real"))
    async with HttpClient(fast_config()) as client:
        response = await client.get(server.url())
    assert (response.status, response.body) == (200, b"final")
    assert response.headers.get("x-kind") == "real" and "link" not in response.headers


@pytest.mark.asyncio
async def test_a_body_without_length_ends_with_the_connection(raw: MakeServer) -> None:
    def reply(head: bytes) -> bytes:
        return b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end"

    server = await raw(reply, close_after=1)
    async with HttpClient(fast_config()) as client:
        response = await client.get(server.url())
    assert response.body == b"until the end"


@pytest.mark.parametrize(
    ("encoding", "pack"),
    [
        ("gzip", lambda data: zlib.compress(data, wbits=31)),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data, wbits=-15)),  # raw, as some servers send
        ("br", brotli.compress),
    ],
)
@pytest.mark.asyncio
async def test_encoded_bodies_are_decoded(
    raw: MakeServer, encoding: str, pack: Callable[[bytes], bytes]
) -> None:
    text = b"<p>Nigerian doctors abroad</p>" * 50
    server = await raw(lambda head: answer(pack(text), f"Content-Encoding: {encoding}"))
    async with HttpClient(fast_config()) as client:
        response = await client.get(server.url())
    assert response.body == text
    assert b"Accept-Encoding: gzip, deflate, br" in server.heads[0]


@pytest.mark.parametrize(
    ("encoding", "pack"),
    [("gzip", lambda data: zlib.compress(data, wbits=31)), ("br", brotli.compress)],
)
@pytest.mark.asyncio
async def test_a_compressed_bomb_stops_at_the_cap(
    raw: MakeServer, encoding: str, pack: Callable[[bytes], bytes]
) -> None:
    bomb = pack(b"\0" * 50_000_000)  # 50 MB of zeros in a few kilobytes
    server = await raw(lambda head: answer(bomb, f"Content-Encoding: {encoding}"))
    tracemalloc.start()
    try:
        async with HttpClient(fast_config(max_retries=0)) as client:
            with pytest.raises(ResponseTooLarge, match="10000-byte cap"):
                await client.get(server.url(), max_bytes=10_000)
            cut = await client.get(server.url(), max_bytes=10_000, truncate=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert cut.truncated and cut.body == b"\0" * 10_000
    assert peak < 5_000_000, "the decompressed bomb was held in memory"


@pytest.mark.asyncio
async def test_a_malformed_answer_is_a_connection_failure(raw: MakeServer) -> None:
    server = await raw(lambda head: b"HTTP/1.1 2OO OK\r\nContent-Length: 2\r\n\r\nno")
    async with HttpClient(fast_config(max_retries=0)) as client:
        with pytest.raises(ConnectionFailed, match="malformed"):
            await client.get(server.url())


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Note": "fine\r\nX-Injected: yes"},
        {"X-Note": "fine\nGET /second HTTP/1.1"},
        {"Bad Name": "value"},
        {"X-Nul": "a\x00b"},
    ],
)
@pytest.mark.asyncio
async def test_headers_that_would_smuggle_are_refused_unsent(
    raw: MakeServer, headers: dict[str, str]
) -> None:
    server = await raw(lambda head: answer(b"x"))
    async with HttpClient(fast_config()) as client:
        with pytest.raises(InvalidUrl, match="invalid header"):
            await client.get(server.url(), headers=headers)
    assert server.heads == [] and server.connections == 0


@pytest.mark.asyncio
async def test_the_request_head_is_what_a_server_expects(raw: MakeServer) -> None:
    server = await raw(lambda head: answer(b"ok"))
    async with HttpClient(fast_config()) as client:
        await client.get(server.url("/path with space?q=ä"))
        await client.post(server.url("/form"), data={"a": "1"})
    get, post = server.heads
    assert get.startswith(b"GET /path%20with%20space?q=%C3%A4 HTTP/1.1\r\n")
    assert f"Host: 127.0.0.1:{server.port}\r\n".encode() in get
    assert b"User-Agent: DiasporaAtlas/test" in get
    assert post.startswith(b"POST /form HTTP/1.1\r\n") and b"Content-Length: 3\r\n" in post


@pytest.mark.asyncio
async def test_https_checks_the_certificate_against_the_name_asked_for() -> None:
    import ssl

    import trustme

    from diaspora_atlas.http import StaticResolver, TlsFailure

    ca = trustme.CA()
    server_side = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("atlas.test").configure_cert(server_side)
    client_side = ssl.create_default_context()
    ca.configure_trust(client_side)

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await reader.readuntil(b"\r\n\r\n")
            writer.write(answer(b"secure"))
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0, ssl=server_side)
    port = server.sockets[0].getsockname()[1]
    resolver = StaticResolver({"atlas.test": ["127.0.0.1"], "other.test": ["127.0.0.1"]})
    try:
        async with HttpClient(
            fast_config(max_retries=0), resolver=resolver, ssl_context=client_side
        ) as client:
            response = await client.get(f"https://atlas.test:{port}/")
            with pytest.raises(TlsFailure, match="certificate refused"):
                await client.get(f"https://other.test:{port}/")
    finally:
        server.close()
        await server.wait_closed()
    assert response.body == b"secure" and response.url == f"https://atlas.test:{port}/"


def test_orphaned_network_errors_are_dropped_and_others_reported(
    caplog: pytest.LogCaptureFixture,
) -> None:
    import ssl

    from diaspora_atlas.http.transport import ignore_orphaned_network_errors

    loop = asyncio.new_event_loop()
    try:
        ignore_orphaned_network_errors(loop)
        orphan = "Future exception was never retrieved"
        with caplog.at_level("ERROR", logger="asyncio"):
            loop.call_exception_handler(
                {"message": orphan, "exception": ssl.SSLCertVerificationError("late handshake")}
            )
            loop.call_exception_handler({"message": orphan, "exception": ConnectionResetError()})
            assert caplog.records == []
            loop.call_exception_handler({"message": orphan, "exception": ValueError("a bug")})
        assert len(caplog.records) == 1 and "a bug" in caplog.text
    finally:
        loop.close()
