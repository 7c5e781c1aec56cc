"""Record and replay: what a recording client got, a replaying client returns with no
socket opened; an unrecorded request is an error naming its URL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from aiohttp import web

from diaspora_atlas.errors import DataFileError
from diaspora_atlas.http import (
    Cassette,
    DnsFailure,
    HttpClient,
    HttpResponse,
    StaticResolver,
    SyncHttpClient,
    UnrecordedRequest,
)

from .support import LoopbackServer, fast_config

PNG = bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF])


def routes(server: LoopbackServer) -> None:
    async def search(request: web.Request) -> web.Response:
        term = request.query.get("term", "")
        return web.json_response({"term": term, "count": 2, "ids": ["1", "2"]})

    async def logo(request: web.Request) -> web.Response:
        return web.Response(body=PNG, content_type="image/png")

    async def moved(request: web.Request) -> web.Response:
        return web.Response(status=301, headers={"Location": "/search?term=moved"})

    async def fetch(request: web.Request) -> web.Response:
        form = await request.post()
        return web.Response(text=f"<ids>{form['id']}</ids>", content_type="text/xml")

    async def to_gone(request: web.Request) -> web.Response:
        return web.Response(status=302, headers={"Location": "http://gone.example/"})

    for path, handler in [("/search", search), ("/logo", logo), ("/moved", moved)]:
        server.route(path, handler)
    server.route("/efetch", fetch)
    server.route("/to-gone", to_gone)


async def record(server: LoopbackServer, path: Path) -> dict[str, HttpResponse]:
    resolver = StaticResolver({"api.example": ["127.0.0.1"]})
    cassette = Cassette(path, mode="record")
    got: dict[str, HttpResponse] = {}
    async with HttpClient(fast_config(), resolver=resolver, cassette=cassette) as client:
        got["search"] = await client.get(
            server.url("/search", "api.example"), params={"term": "diaspora", "api_key": "s3cret"}
        )
        got["logo"] = await client.get(server.url("/logo", "api.example"))
        got["moved"] = await client.get(server.url("/moved", "api.example"))
        got["missing"] = await client.get(server.url("/missing", "api.example"))
        got["post"] = await client.post(
            server.url("/efetch", "api.example"), data={"id": "1,2", "api_key": "s3cret"}
        )
        with pytest.raises(DnsFailure):
            await client.get(server.url("/to-gone", "api.example"))
    return got


@pytest.mark.asyncio
async def test_record_then_replay_gives_the_same_answers_without_a_socket(
    server: LoopbackServer, tmp_path: Path
) -> None:
    routes(server)
    path = tmp_path / "fixtures" / "http" / "api.json"
    recorded = await record(server, path)
    hits = len(server.hits)
    await server.stop()  # nothing is listening any more

    stored = path.read_text(encoding="utf-8")
    assert "s3cret" not in stored and "api_key=REDACTED" in stored
    assert '"text": "<ids>1,2</ids>"' in stored and '"base64"' in stored

    replay = Cassette(path)
    async with HttpClient(fast_config(), cassette=replay) as client:
        again = {
            "search": await client.get(
                server.url("/search", "api.example"),
                params={"term": "diaspora", "api_key": "another-key"},
            ),
            "logo": await client.get(server.url("/logo", "api.example")),
            "moved": await client.get(server.url("/moved", "api.example")),
            "missing": await client.get(server.url("/missing", "api.example")),
            "post": await client.post(
                server.url("/efetch", "api.example"), data={"id": "1,2", "api_key": "other"}
            ),
        }
        with pytest.raises(DnsFailure, match=r"gone\.example") as failed:
            await client.get(server.url("/to-gone", "api.example"))
        assert [hop.location for hop in failed.value.redirects] == ["http://gone.example/"]
        with pytest.raises(UnrecordedRequest, match=r"http://api\.example:\d+/other"):
            await client.get(server.url("/other", "api.example"))
        with pytest.raises(UnrecordedRequest):  # another body is another request
            await client.post(server.url("/efetch", "api.example"), data={"id": "3"})
        assert client.requests_sent == 0
    assert len(server.hits) == hits
    for name, first in recorded.items():
        second = again[name]
        assert second.replayed
        assert (second.status, second.body, second.redirects) == (
            first.status,
            first.body,
            first.redirects,
        )
        assert second.headers["content-type"] == first.headers["content-type"]
    assert again["search"].json()["term"] == "diaspora"
    assert again["logo"].body == PNG
    assert again["moved"].url.endswith("/search?term=moved")


def test_a_missing_or_broken_cassette_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="does not exist"):
        Cassette(tmp_path / "none.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{}", encoding="utf-8")
    with pytest.raises(DataFileError, match="not a cassette"):
        Cassette(broken)


def test_repeated_requests_replay_in_recorded_order_then_repeat_the_last(tmp_path: Path) -> None:
    path = tmp_path / "poll.json"
    request = {"method": "GET", "url": "https://api.example/status", "body_sha256": ""}
    interactions = [
        {"request": request, "response": {"url": request["url"], "status": s, "body": {"text": t}}}
        for s, t in [(202, "working"), (200, "ready")]
    ]
    path.write_text(json.dumps({"version": 1, "interactions": interactions}), encoding="utf-8")
    with SyncHttpClient(fast_config(), cassette=Cassette(path)) as client:
        answers = [client.get("https://api.example/status").text() for _ in range(3)]
    assert answers == ["working", "ready", "ready"]
