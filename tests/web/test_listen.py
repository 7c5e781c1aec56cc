"""serve's host and port: a port in use is an error, the printed URL answers, and a server
reachable from the network says so."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.http.request import split_domain_port, validate_host

from diaspora_atlas.errors import AtlasError
from diaspora_atlas.web.listen import claim_port, plan

DEFAULT = ("localhost", "127.0.0.1", "[::1]")


def _answers(url: str, allowed: tuple[str, ...]) -> bool:
    """Would Django accept a request to ``url`` with these ALLOWED_HOSTS?"""
    domain, _ = split_domain_port(urlsplit(url).netloc)
    return validate_host(domain, list(allowed))


@pytest.fixture
def held_port() -> Iterator[int]:
    """A port a server is listening on, as granian's workers do (SO_REUSEPORT)."""
    with socket.socket() as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield int(server.getsockname()[1])


def serve(port: int, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIASPORA_ATLAS_")}
    env["DIASPORA_ATLAS_HOME"] = str(home)
    command = [sys.executable, "-m", "diaspora_atlas.cli", "serve", "--port", str(port), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, check=False)


def test_serve_on_a_port_in_use_fails_before_opening_the_store(
    held_port: int, tmp_path: Path
) -> None:
    done = serve(held_port, tmp_path / "home")
    assert done.returncode == 1
    assert done.stderr == (
        f"diaspora-atlas: error: port {held_port} is already in use on 127.0.0.1 (another "
        "server listens there, perhaps an earlier `diaspora-atlas serve`) — stop that server "
        "first, or choose another port with --port\n"
    )
    assert not (tmp_path / "home").exists()


def test_every_interface_on_a_port_in_use_fails_too(held_port: int, tmp_path: Path) -> None:
    done = serve(held_port, tmp_path / "home", "--host", "0.0.0.0")
    assert done.returncode == 1 and "already in use on 0.0.0.0" in done.stderr


def test_the_guard_keeps_a_second_server_out_and_lets_our_workers_in() -> None:
    guard = claim_port("127.0.0.1", 0)
    port = int(guard.getsockname()[1])
    try:
        with pytest.raises(AtlasError, match=f"port {port} is already in use"):
            claim_port("127.0.0.1", port)
        with socket.socket() as worker:  # what granian's workers do beside the guard
            worker.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            worker.bind(("127.0.0.1", port))
            worker.listen()
    finally:
        guard.close()
    claim_port("127.0.0.1", port).close()  # free again once the server is gone


def test_an_address_of_another_machine_is_refused() -> None:
    with pytest.raises(AtlasError, match="not an address of this machine"):
        claim_port("192.0.2.10", 8000)  # TEST-NET-1: never local


@pytest.mark.parametrize("port", [0, 70000])
def test_a_port_out_of_range_is_refused(port: int) -> None:
    with pytest.raises(AtlasError, match="is not a port number"):
        plan("127.0.0.1", port, DEFAULT)


def test_loopback_prints_a_url_that_answers_and_no_warning() -> None:
    listening = plan("127.0.0.1", 8000, DEFAULT)
    assert listening.url == "http://127.0.0.1:8000/" and listening.warnings == ()
    assert _answers(listening.url, listening.allowed_hosts)
    assert plan("::1", 8000, DEFAULT).url == "http://[::1]:8000/"


@pytest.mark.parametrize("host", ["0.0.0.0", "::"])
@pytest.mark.parametrize("allowed", [DEFAULT, ("atlas.example.org",)])
def test_every_interface_warns_and_prints_a_url_that_answers(
    host: str, allowed: tuple[str, ...]
) -> None:
    listening = plan(host, 8000, allowed)
    assert _answers(listening.url, listening.allowed_hosts)
    assert not _answers(f"http://{host}:8000/", listening.allowed_hosts)  # never printed
    assert set(allowed) <= set(listening.allowed_hosts)
    warning, note = listening.warnings
    assert "every network interface" in warning and "anyone who can reach" in warning
    assert "DIASPORA_ATLAS_ALLOWED_HOSTS=" in note


@pytest.mark.parametrize("host", ["192.168.1.20", "fd00::20"])
def test_a_network_address_warns_and_is_answered(host: str) -> None:
    listening = plan(host, 8080, DEFAULT)
    assert _answers(listening.url, listening.allowed_hosts)
    [warning] = listening.warnings
    assert f"listening on {host}, reachable from the network" in warning
