"""The address guard: which URLs and IP addresses the client may connect to.

A target is refused when its scheme is not http/https, or when its address (a literal in the
URL, in any encoding a browser or ``inet_aton`` accepts, or every address its name resolves
to) is private, loopback, link-local, multicast, reserved, unspecified, carrier-grade NAT or
otherwise not globally routable. IPv4 addresses embedded in IPv6 (mapped, 6to4, Teredo,
NAT64) are unwrapped and checked too.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

from yarl import URL

from diaspora_atlas.errors import UsageError
from diaspora_atlas.http.errors import BlockedAddress, InvalidUrl

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

SCHEMES = frozenset({"http", "https"})
CARRIER_GRADE_NAT = ipaddress.IPv4Network("100.64.0.0/10")
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def forbidden_reason(address: IPAddress) -> str | None:
    """What kind of forbidden address this is ("a loopback address"), or None when it is
    a public address."""
    for embedded in _embedded_ipv4(address):
        reason = forbidden_reason(embedded)
        if reason:
            return f"{reason} (IPv4 {embedded} inside IPv6)"
    checks = (
        (address.is_unspecified, "unspecified"),
        (address.is_loopback, "loopback"),
        (address.is_link_local, "link-local"),
        (address.is_multicast, "multicast"),
        (address in CARRIER_GRADE_NAT, "carrier-grade NAT"),
        (address.is_reserved, "reserved"),
        (address.is_private, "private"),
        (not address.is_global, "non-global"),
    )
    for failed, label in checks:
        if failed:
            article = "an" if label[0] in "aeiou" else "a"
            return f"{article} {label} address"
    return None


def _embedded_ipv4(address: IPAddress) -> list[ipaddress.IPv4Address]:
    if not isinstance(address, ipaddress.IPv6Address):
        return []
    found = [address.ipv4_mapped, address.sixtofour]
    if address.teredo:
        found.append(address.teredo[1])
    if address in NAT64:
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return [a for a in found if a is not None]


def parse_ipv4_literal(host: str) -> ipaddress.IPv4Address | None:
    """An IPv4 address written the way browsers and ``inet_aton`` accept it, or None when
    ``host`` is a name. Decimal (2130706433), hex (0x7f.1), octal (0177.0.0.1) and short
    forms (127.1) all count: a host whose last label is a number is an address or invalid
    (the WHATWG URL rule), never a name to resolve."""
    labels = host.split(".")
    if labels and labels[-1] == "" and len(labels) > 1:
        labels = labels[:-1]
    if not labels or not _looks_numeric(labels[-1]):
        return None
    numbers = [_number(label) for label in labels]
    if len(numbers) > 4 or any(n is None for n in numbers):
        raise ValueError(f"{host!r} looks like an IPv4 address but is not one")
    parts = [n for n in numbers if n is not None]
    *head, last = parts
    if any(n > 255 for n in head) or last >= 256 ** (5 - len(parts)):
        raise ValueError(f"{host!r} is out of the IPv4 range")
    value = last
    for index, part in enumerate(head):
        value += part << (8 * (3 - index))
    return ipaddress.IPv4Address(value)


def _looks_numeric(label: str) -> bool:
    text = label.lower()
    if text.startswith("0x"):
        text = text[2:]
        return text.isascii() and all(c in "0123456789abcdef" for c in text)
    return text.isascii() and text.isdigit()


def _number(label: str) -> int | None:
    text = label.lower()
    if not text.isascii():
        return None
    base, digits = (16, text[2:]) if text.startswith("0x") else (10, text)
    if base == 10 and len(text) > 1 and text.startswith("0"):
        base, digits = 8, text[1:]
    try:
        return int(digits or "0", base) if digits.isalnum() or not digits else None
    except ValueError:
        return None


def literal_address(host: str) -> IPAddress | None:
    """The IP address a URL host denotes literally, or None for a name."""
    bare = host.strip("[]")
    if ":" in bare:
        return ipaddress.IPv6Address(bare)
    return parse_ipv4_literal(bare)


@dataclass(frozen=True)
class AddressGuard:
    """The policy: off only for local test servers; ``allowed_networks`` are exceptions
    (for example a self-hosted SearXNG instance on the local network)."""

    enabled: bool = True
    allowed_networks: tuple[Network, ...] = ()

    @classmethod
    def build(cls, enabled: bool, allowed: Iterable[str] = ()) -> AddressGuard:
        networks: list[Network] = []
        for text in allowed:
            try:
                networks.append(ipaddress.ip_network(text, strict=False))
            except ValueError:
                raise UsageError(
                    f"{text!r} is not a network", "write it like 192.168.1.20/32 or fd00::/8"
                ) from None
        return cls(enabled, tuple(networks))

    def refusal(self, address: IPAddress) -> str | None:
        if not self.enabled or any(address in net for net in self.allowed_networks):
            return None
        return forbidden_reason(address)

    def check_url(self, url: URL) -> URL:
        """Refuse a bad scheme or a forbidden literal address before any socket is opened;
        return the URL with a literal IPv4 host written canonically (what is checked is
        what is connected to)."""
        text = str(url)
        if url.scheme not in SCHEMES:
            raise BlockedAddress(text, f"scheme {url.scheme or '(none)'!r} is not http or https")
        host = url.host if url.raw_host and ":" in url.raw_host else url.raw_host
        if not host:
            raise InvalidUrl(text, "the URL has no host")
        try:
            address = literal_address(host)
        except ValueError as exc:
            raise InvalidUrl(text, str(exc)) from None
        if address is None:
            return url
        reason = self.refusal(address)
        if reason:
            raise BlockedAddress(text, f"{address} is {reason}")
        if isinstance(address, ipaddress.IPv4Address) and host != str(address):
            return url.with_host(str(address))
        return url

    def check_resolved(self, host: str, addresses: Iterable[str]) -> str | None:
        """The refusal reason when any address ``host`` resolved to is forbidden (one bad
        record is enough: the connection could go to any of them)."""
        for text in addresses:
            reason = self.refusal(ipaddress.ip_address(text))
            if reason:
                return f"{host} resolves to {text}, {reason}"
        return None
