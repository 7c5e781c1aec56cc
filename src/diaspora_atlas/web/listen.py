"""Where ``serve`` listens: the port must be free, the URL it prints must answer, and a
server reachable from the network says so.

granian binds every worker's socket with SO_REUSEPORT, so a second server on a busy port
would bind as well and take half the traffic. ``claim_port`` first binds a probe socket
without SO_REUSEPORT (which fails while anything else holds the port), then keeps a guard
socket bound with SO_REUSEPORT for the life of the server: our own workers can bind beside
it, while another ``serve`` starting meanwhile finds the port taken.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
from dataclasses import dataclass

from diaspora_atlas.errors import AtlasError

ALLOWED_HOSTS_VARIABLE = "DIASPORA_ATLAS_ALLOWED_HOSTS"
WILDCARDS = {"0.0.0.0": "127.0.0.1", "::": "[::1]", "": "127.0.0.1"}


@dataclass(frozen=True)
class Listening:
    url: str  # an address that answers, to print
    allowed_hosts: tuple[str, ...]  # the host names the server answers
    warnings: tuple[str, ...]


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def plan(host: str, port: int, allowed: tuple[str, ...]) -> Listening:
    """The URL to print, the host names to answer and the warnings for ``--host host``."""
    if not 0 < port < 65536:
        raise AtlasError(f"--port {port} is not a port number", "choose one from 1024 to 65535")
    if host in WILDCARDS:
        shown = WILDCARDS[host]
        hosts = allowed if shown in allowed else (*allowed, shown)
        warnings = (
            f"warning: listening on every network interface ({host or '0.0.0.0'}): anyone who "
            "can reach this machine can use the directory; serve it over HTTPS behind a proxy "
            "for the public (see DIASPORA_ATLAS_HSTS_SECONDS).",
            f"note: it answers requests addressed to {', '.join(hosts)} only; to reach it by "
            f"this machine's name or address, set {ALLOWED_HOSTS_VARIABLE}="
            f"{','.join((*hosts, socket.gethostname()))} (or the address) and start it again.",
        )
        return Listening(f"http://{shown}:{port}/", hosts, warnings)
    name = _bracketed(host)
    hosts = allowed if name in allowed or host in allowed else (*allowed, name)
    exposed = (
        f"warning: listening on {host}, reachable from the network: anyone who can reach "
        "that address can use the directory; serve it over HTTPS behind a proxy for the "
        "public (see DIASPORA_ATLAS_HSTS_SECONDS).",
    )
    return Listening(f"http://{name}:{port}/", hosts, () if is_loopback(host) else exposed)


def claim_port(host: str, port: int) -> socket.socket:
    """Fail with a one-line error if ``host:port`` is taken; else return the guard socket to
    keep open while the server runs."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    address = (host or "0.0.0.0", port)
    probe = socket.socket(family, socket.SOCK_STREAM)
    try:
        # SO_REUSEADDR: connections of a server stopped a moment ago do not count as in use.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(address)
    except (OSError, OverflowError) as exc:
        raise _cannot_listen(host, port, exc) from exc
    finally:
        probe.close()
    guard = socket.socket(family, socket.SOCK_STREAM)
    guard.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    guard.bind(address)
    return guard


def _cannot_listen(host: str, port: int, exc: BaseException) -> AtlasError:
    where = f"{_bracketed(host)}:{port}"
    code = getattr(exc, "errno", None)
    if code == errno.EADDRINUSE:
        return AtlasError(
            f"port {port} is already in use on {host} (another server listens there, perhaps "
            "an earlier `diaspora-atlas serve`)",
            "stop that server first, or choose another port with --port",
        )
    if code == errno.EADDRNOTAVAIL or isinstance(exc, socket.gaierror):
        return AtlasError(
            f"cannot listen on {host}: it is not an address of this machine",
            "use --host 127.0.0.1 (this machine only) or --host 0.0.0.0 (every interface)",
        )
    if code == errno.EACCES:
        return AtlasError(
            f"not allowed to listen on {where}", "choose a port from 1024 up with --port"
        )
    reason = getattr(exc, "strerror", None) or str(exc)
    return AtlasError(f"cannot listen on {where}: {reason}", "check --host and --port")
