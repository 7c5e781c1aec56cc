"""Settings, identity and the warnings the client gives about its own configuration."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from diaspora_atlas.errors import UsageError
from diaspora_atlas.http import HttpClient, HttpConfig, SyncHttpClient, fetch
from diaspora_atlas.settings import load_http_settings

from .support import fast_config


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIASPORA_ATLAS_HTTP_CONTACT", "mailto:atlas@example.org")
    monkeypatch.setenv("DIASPORA_ATLAS_HTTP_READ_TIMEOUT", "7.5")
    monkeypatch.setenv("DIASPORA_ATLAS_HTTP_HOST_CONCURRENCY", "1")
    monkeypatch.setenv("DIASPORA_ATLAS_HTTP_ALLOWED_NETWORKS", "192.168.1.20/32, 10.1.0.0/16")
    config = HttpConfig.from_settings()
    assert config.user_agent.startswith("DiasporaAtlas/")
    assert config.user_agent.endswith("(+mailto:atlas@example.org)")
    assert config.robots_token == "DiasporaAtlas"
    assert (config.read_timeout, config.host_concurrency) == (7.5, 1)
    assert config.allowed_networks == ("192.168.1.20/32", "10.1.0.0/16")
    assert not config.allow_private_addresses


@pytest.mark.parametrize(("value", "message"), [("ten", "is not a number"), ("-1", "negative")])
def test_a_bad_number_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, value: str, message: str
) -> None:
    monkeypatch.setenv("DIASPORA_ATLAS_HTTP_MAX_RETRIES", value)
    with pytest.raises(UsageError, match=message):
        load_http_settings()


def test_the_client_says_when_the_guard_is_off_or_loosened_or_nobody_can_be_reached() -> None:
    said: list[str] = []
    HttpClient(HttpConfig(allow_private_addresses=True), on_warning=said.append)
    HttpClient(HttpConfig(allowed_networks=("192.168.1.20/32",)), on_warning=said.append)
    assert "address guard is OFF" in said[0]
    assert "192.168.1.20/32" in said[2]
    assert all("DIASPORA_ATLAS_HTTP_CONTACT" in said[i] for i in (1, 3))
    quiet: list[str] = []
    HttpClient(fast_config(allow_private_addresses=False), on_warning=quiet.append)
    assert quiet == []


class Hello(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = self.headers["User-Agent"].encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture
def threaded_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hello)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_the_blocking_helpers(threaded_server: str) -> None:
    with SyncHttpClient(fast_config()) as client:
        first = client.get(threaded_server)
        second = client.get(threaded_server)
    assert first.text() == second.text() == fast_config().user_agent
    assert fetch(threaded_server, fast_config()).status == 200
