"""The address guard: forbidden targets are refused before any connection is made, whether
written literally (in any encoding), reached by DNS, or reached by a redirect hop."""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from aiohttp import web
from yarl import URL

from diaspora_atlas.errors import UsageError
from diaspora_atlas.http import (
    BlockedAddress,
    HttpClient,
    InvalidUrl,
    StaticResolver,
    forbidden_reason,
)
from diaspora_atlas.http.guard import AddressGuard, parse_ipv4_literal

from .support import Listener, LoopbackServer, fast_config

FORBIDDEN = [
    ("0.0.0.0", "unspecified"),
    ("127.0.0.1", "loopback"),
    ("127.255.0.9", "loopback"),
    ("10.0.0.1", "private"),
    ("172.16.5.4", "private"),
    ("192.168.1.1", "private"),
    ("169.254.169.254", "link-local"),
    ("100.64.0.1", "carrier-grade NAT"),
    ("224.0.0.1", "multicast"),
    ("240.0.0.1", "reserved"),
    ("255.255.255.255", "reserved"),
    ("198.18.0.1", "private"),
    ("::", "unspecified"),
    ("::1", "loopback"),
    ("fe80::1", "link-local"),
    ("fc00::1", "private"),
    ("ff02::1", "multicast"),
    ("::ffff:127.0.0.1", "loopback"),
    ("::ffff:169.254.169.254", "link-local"),
    ("2002:0a00:0001::", "private"),  # 6to4 wrapping 10.0.0.1
    ("64:ff9b::7f00:1", "loopback"),  # NAT64 wrapping 127.0.0.1
]


@pytest.mark.parametrize(("address", "kind"), FORBIDDEN)
def test_every_forbidden_family_is_refused(address: str, kind: str) -> None:
    reason = forbidden_reason(ipaddress.ip_address(address))
    assert reason is not None and kind in reason


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert forbidden_reason(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("2130706433", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("10.1", "10.0.0.1"),
        ("0", "0.0.0.0"),
        ("127.0.0.1.", "127.0.0.1"),
        ("example.org", None),
        ("1e100.net", None),
    ],
)
def test_odd_ipv4_forms_are_read_as_addresses(host: str, expected: str | None) -> None:
    found = parse_ipv4_literal(host)
    assert (str(found) if found else None) == expected


@pytest.mark.parametrize("url", ["http://1.2.3.4.5/", "http://256.1.1.1/", "http://0x1.09/"])
def test_numeric_hosts_that_are_no_address_are_invalid(url: str) -> None:
    with pytest.raises(InvalidUrl):
        AddressGuard().check_url(URL(url))


@pytest.mark.parametrize("url", ["ftp://example.org/", "file:///etc/passwd", "gopher://x/"])
def test_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(BlockedAddress, match="is not http or https"):
        AddressGuard().check_url(URL(url))


def test_allowed_networks_are_the_only_exception() -> None:
    guard = AddressGuard.build(True, ["192.168.1.20/32"])
    assert guard.check_url(URL("http://192.168.1.20/search")).host == "192.168.1.20"
    with pytest.raises(BlockedAddress):
        guard.check_url(URL("http://192.168.1.21/"))


def test_a_malformed_allowed_network_is_a_clear_error() -> None:
    with pytest.raises(UsageError, match="is not a network"):
        AddressGuard.build(True, ["192.168.1.300/32"])


def test_a_public_address_in_hex_is_connected_to_as_checked() -> None:
    assert str(AddressGuard().check_url(URL("http://0x5db8d70e/x"))) == "http://93.184.215.14/x"


def literal_targets(port: int, port6: int) -> list[str]:
    return [
        f"http://127.0.0.1:{port}/",
        f"http://2130706433:{port}/",
        f"http://0x7f.1:{port}/",
        f"http://0177.0.0.1:{port}/",
        f"http://127.1:{port}/",
        f"http://[::ffff:127.0.0.1]:{port}/",
        f"https://127.0.0.1:{port}/",
        f"http://[::1]:{port6}/",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1%25lo]/",
    ]


@pytest.mark.asyncio
async def test_literal_forbidden_targets_are_refused_with_no_request_sent(
    listener: Listener, listener6: Listener
) -> None:
    resolver = StaticResolver({})
    async with HttpClient(fast_config(allow_private_addresses=False), resolver=resolver) as client:
        for url in literal_targets(listener.port, listener6.port):
            with pytest.raises(BlockedAddress) as refused:
                await client.get(url)
            assert refused.value.url == url or "127.0.0.1" in refused.value.reason
        assert client.requests_sent == 0
    assert listener.accepted == 0 and listener6.accepted == 0
    assert resolver.asked == []  # no name was even looked up


@pytest.mark.asyncio
async def test_names_resolving_to_forbidden_addresses_are_refused_before_connecting(
    listener: Listener, listener6: Listener
) -> None:
    resolver = StaticResolver(
        {
            "loop.example": ["127.0.0.1"],
            "six.example": ["::1"],
            "internal.example": ["10.0.0.1"],
            "metadata.example": ["169.254.169.254"],
            "mixed.example": ["93.184.215.14", "127.0.0.1"],
        }
    )
    targets = {
        f"http://loop.example:{listener.port}/": "127.0.0.1, a loopback",
        f"http://six.example:{listener6.port}/": "::1, a loopback",
        "http://internal.example/": "10.0.0.1, a private",
        "http://metadata.example/": "169.254.169.254, a link-local",
        f"http://mixed.example:{listener.port}/": "127.0.0.1, a loopback",
    }
    async with HttpClient(fast_config(allow_private_addresses=False), resolver=resolver) as client:
        for url, reason in targets.items():
            with pytest.raises(BlockedAddress, match=reason):
                await client.get(url)
    assert listener.accepted == 0 and listener6.accepted == 0
    assert len(resolver.asked) == len(targets)


@pytest.mark.asyncio
async def test_the_listener_does_count_when_the_guard_is_off(listener: Listener) -> None:
    # The zero counts above mean something: with the guard off the same target is reached.
    warnings: list[str] = []
    config = fast_config(allow_private_addresses=True, read_timeout=0.1, max_retries=0)
    async with HttpClient(config, on_warning=warnings.append) as client:
        with pytest.raises(Exception):  # noqa: B017 - the listener never answers
            await client.get(f"http://127.0.0.1:{listener.port}/")
    assert listener.accepted == 1
    assert any("address guard is OFF" in w for w in warnings)


@pytest_asyncio.fixture
async def gateway() -> AsyncIterator[LoopbackServer]:
    """An allowed server (127.0.0.2, let through by allowed_networks) that redirects."""
    try:
        started = await LoopbackServer(address="127.0.0.2").start()
    except OSError:
        pytest.skip("127.0.0.2 is not a loopback address here")
    yield started
    await started.stop()


@pytest.mark.asyncio
async def test_a_redirect_to_a_forbidden_address_is_refused_at_the_hop(
    gateway: LoopbackServer, listener: Listener, listener6: Listener
) -> None:
    targets = {
        "/to-literal": f"http://127.0.0.1:{listener.port}/",
        "/to-name": f"http://loop.example:{listener.port}/",
        "/to-decimal": f"http://2130706433:{listener.port}/",
        "/to-six": f"http://[::1]:{listener6.port}/",
        "/to-metadata": "http://169.254.169.254/latest/meta-data/",
        "/to-private": "http://10.0.0.1/admin",
        "/to-file": "file:///etc/passwd",
    }
    for path, location in targets.items():
        gateway.route(path, _redirect_to(location))
    gateway.route("/ok", _ok)
    resolver = StaticResolver({"gateway.example": ["127.0.0.2"], "loop.example": ["127.0.0.1"]})
    config = fast_config(allow_private_addresses=False, allowed_networks=("127.0.0.2/32",))
    async with HttpClient(config, resolver=resolver) as client:
        assert (await client.get(gateway.url("/ok", "gateway.example"))).status == 200
        for path, location in targets.items():
            with pytest.raises(BlockedAddress) as refused:
                await client.get(gateway.url(path, "gateway.example"))
            (hop,) = refused.value.redirects
            assert hop.status == 302 and hop.url == gateway.url(path, "gateway.example")
            assert URL(hop.location) == URL(location)
    assert listener.accepted == 0 and listener6.accepted == 0
    assert gateway.paths() == ["/ok", *targets]


def _redirect_to(location: str):  # type: ignore[no-untyped-def]
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=302, headers={"Location": location})

    return handler


async def _ok(request: web.Request) -> web.Response:
    return web.Response(text="fine")
