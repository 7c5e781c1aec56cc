"""A simulated web for benchmarks/verify_peers.py: N sites on loopback, one address each
(127.1.x.y), answered by one asyncio server (virtual hosts by the address a connection came
to), every answer 100 ms late, and a fixed mix of every outcome class. Nothing leaves the
machine: run inside a network namespace (the benchmark does, when it can)."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import ssl
import sys
from dataclasses import dataclass

LATENCY = 0.1
SLOW = 30.0  # past every tool's timeout (5 s)
# (kind, truth, how many of every 100 sites)
MIX: tuple[tuple[str, str, int], ...] = (
    ("ok_root", "ok", 26),
    ("ok_deep", "ok", 6),
    ("redirect_same_site", "redirected", 8),
    ("redirect_other_domain", "moved", 7),
    ("redirect_social", "social_only", 8),
    ("social_links", "social_only", 2),
    ("parked_script", "parked", 2),
    ("parked_wording", "parked", 2),
    ("soft_deep_to_home", "soft_404", 2),
    ("soft_wording", "soft_404", 2),
    ("soft_same_content", "soft_404", 1),
    ("status_404", "not_found", 3),
    ("status_410", "not_found", 2),
    ("status_403", "forbidden", 3),
    ("status_500", "server_error", 2),
    ("status_502", "server_error", 2),
    ("slow", "timeout", 2),
    ("refused", "connection_refused", 4),
    ("no_dns", "dns_failure", 5),
    ("tls", "tls_error", 3),
    ("loop", "too_many_redirects", 2),
    ("private_direct", "blocked", 1),
    ("private_redirect", "blocked", 1),
)
KINDS = [kind for kind, _, share in MIX for _ in range(share)]
TRUTH = {kind: truth for kind, truth, _ in MIX}


@dataclass(frozen=True)
class Site:
    index: int
    kind: str

    @property
    def truth(self) -> str:
        return TRUTH[self.kind]

    @property
    def address(self) -> str:
        return f"127.1.{self.index // 250}.{self.index % 250 + 1}"

    @property
    def moved_address(self) -> str:
        return f"127.2.{self.index // 250}.{self.index % 250 + 1}"

    @property
    def timeout_bound(self) -> bool:
        return self.kind == "slow"


def sites(n: int) -> list[Site]:
    return [Site(i, KINDS[(i * 37) % len(KINDS)]) for i in range(n)]


SOCIAL = "127.3.0.1"


def page(title: str, body: str) -> bytes:
    return f"<!doctype html><html><head><title>{title}</title></head><body>{body}</body></html>".encode()


class Web:
    """Answers by (local address, path); Location headers use names when the request's Host
    is a name (our verifier: sN.sim, newN.sim, facebook.sim) and addresses otherwise."""

    def __init__(self, all_sites: list[Site], port: int) -> None:
        self.port = port
        self.by_address = {s.address: s for s in all_sites}
        self.by_moved = {s.moved_address: s for s in all_sites}
        self.requests = 0

    def host_for(self, named: bool, kind: str, site: Site) -> str:
        if kind == "moved":
            return (
                f"new{site.index}.sim:{self.port}" if named else f"{site.moved_address}:{self.port}"
            )
        return f"facebook.sim:{self.port}" if named else f"{SOCIAL}:{self.port}"

    def answer(
        self, local: str, path: str, named: bool
    ) -> tuple[int, dict[str, str], bytes, float]:
        """(status, headers, body, delay)."""
        self.requests += 1
        if local == SOCIAL:
            return 200, {}, page("Facebook", "<p>A social network page.</p>"), LATENCY
        if local in self.by_moved:
            s = self.by_moved[local]
            return (
                (404, {}, b"", LATENCY)
                if path == "/robots.txt"
                else (
                    200,
                    {},
                    page(f"New home of site {s.index}", f"<p>Site {s.index} lives here now.</p>"),
                    LATENCY,
                )
            )
        site = self.by_address.get(local)
        if site is None:  # ::1 or 0.0.0.0: the "internal" service a guard must not reach
            return 200, {}, page("Internal", "<p>metadata</p>"), LATENCY
        return self.site_answer(site, path, named)

    def site_answer(
        self, s: Site, path: str, named: bool
    ) -> tuple[int, dict[str, str], bytes, float]:
        k = s.kind
        if k == "slow":
            return 200, {}, page("Slow", "<p>late</p>"), SLOW
        if k == "status_500" or k == "status_502":
            return int(k[-3:]), {}, b"error", LATENCY
        if path == "/robots.txt":
            return 404, {}, b"", LATENCY
        home = page(
            f"Medical association {s.index}",
            f"<h1>Association {s.index}</h1><p>We are doctors.</p><a href='/about'>About</a>",
        )
        if k.startswith("status_"):
            return int(k[-3:]), {}, b"status", LATENCY
        if k in ("ok_root", "ok_deep"):
            if path == "/about":
                return (
                    200,
                    {},
                    page(f"About {s.index}", f"<p>About {s.index}</p><a href='/'>Home</a>"),
                    LATENCY,
                )
            return (200, {}, home, LATENCY) if path == "/" else (404, {}, b"missing", LATENCY)
        if k == "redirect_same_site":
            if path == "/":
                return 301, {"Location": "/home/"}, b"", LATENCY
            return (200, {}, home, LATENCY) if path == "/home/" else (404, {}, b"missing", LATENCY)
        if k == "redirect_other_domain":
            return 301, {"Location": f"http://{self.host_for(named, 'moved', s)}/"}, b"", LATENCY
        if k == "redirect_social":
            return (
                302,
                {"Location": f"http://{self.host_for(named, 'social', s)}/org{s.index}"},
                b"",
                LATENCY,
            )
        if k == "social_links":
            return (
                200,
                {},
                page(
                    "Find us",
                    "<p>Follow us.</p><a href='https://www.facebook.com/o'>Facebook</a> <a href='https://www.instagram.com/o'>Instagram</a>",
                ),
                LATENCY,
            )
        if k == "parked_script":
            return (
                200,
                {},
                page(f"site{s.index}.org", "<script src='http://parking.sim/p.js'></script>"),
                LATENCY,
            )
        if k == "parked_wording":
            return (
                200,
                {},
                page("Welcome", "<h1>This domain is for sale</h1><p>Make an offer.</p>"),
                LATENCY,
            )
        if k == "soft_deep_to_home":
            return (
                (200, {}, home, LATENCY) if path == "/" else (302, {"Location": "/"}, b"", LATENCY)
            )
        if k == "soft_wording":
            return 200, {}, page("404 - Page not found", "<h1>Page not found</h1>"), LATENCY
        if k == "soft_same_content":
            return 200, {}, home, LATENCY  # every path answers the home page
        if k == "loop":
            return 302, {"Location": "/b" if path != "/b" else "/a"}, b"", LATENCY
        if k == "private_redirect":
            return 302, {"Location": f"http://0.0.0.0:{self.port}/internal{s.index}"}, b"", LATENCY
        return 404, {}, b"", LATENCY


class Protocol(asyncio.Protocol):
    """HTTP/1.1 with keep-alive, just enough for GET and HEAD."""

    def __init__(self, web: Web) -> None:
        self.web = web
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            self.handle(head.decode("latin-1"))

    def handle(self, head: str) -> None:
        assert self.transport is not None
        lines = head.split("\r\n")
        method, target = [*lines[0].split(" "), "", ""][:2]
        host = next(
            (
                line.split(":", 1)[1].strip()
                for line in lines[1:]
                if line.lower().startswith("host:")
            ),
            "",
        )
        local = self.transport.get_extra_info("sockname")[0].removeprefix("::ffff:")
        named = host.split(":")[0].endswith(".sim")
        status, headers, body, delay = self.web.answer(local, target.split("?")[0], named)
        wire = [
            f"HTTP/1.1 {status} X",
            f"Content-Length: {len(body)}",
            "Content-Type: text/html; charset=utf-8",
        ]
        wire += [f"{k}: {v}" for k, v in headers.items()]
        data = ("\r\n".join(wire) + "\r\n\r\n").encode() + (b"" if method == "HEAD" else body)
        asyncio.get_running_loop().call_later(delay, self.send, data)

    def send(self, data: bytes) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(data)


async def serve(
    all_sites: list[Site],
    port: int,
    tls_port: int,
    context: ssl.SSLContext,
    ready: asyncio.Event | None = None,
) -> None:
    loop = asyncio.get_running_loop()
    web = Web(all_sites, port)
    servers = [
        await loop.create_server(
            lambda: Protocol(web), host=["0.0.0.0", "::"], port=port, backlog=4096
        ),
        await loop.create_server(
            lambda: Protocol(web), host=["0.0.0.0", "::"], port=tls_port, ssl=context, backlog=4096
        ),
    ]
    if ready is not None:
        ready.set()
    await asyncio.gather(*(s.serve_forever() for s in servers))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def isolate() -> None:
    """Run this script again inside a fresh network namespace (``unshare --net``, loopback
    only) when it can, so nothing can leave the machine; return when already inside (or when
    not root: then it runs as it is)."""
    if os.environ.get("VF_NETNS") == "1" or os.geteuid() != 0 or not shutil.which("unshare"):
        return
    inner = " ".join(map(str, [sys.executable, *sys.argv]))
    os.execvp(
        "unshare",
        ["unshare", "--net", "sh", "-c", f"ip link set lo up && VF_NETNS=1 exec {inner}"],
    )
