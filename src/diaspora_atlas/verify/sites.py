"""What counts as the same site and the same address: registrable domains (the public suffix
list bundled with ``tld``), home pages, and addresses equal up to their form."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from yarl import URL

from diaspora_atlas.model.addresses import host_of


@lru_cache(maxsize=4096)
def site_of(host: str) -> str:
    """The registrable domain of a host (``www.bapio.co.uk`` -> ``bapio.co.uk``); an IP
    address or a name under an unknown suffix is its own last two labels."""
    from tld import get_fld

    name = host.lower().rstrip(".")
    try:
        ipaddress.ip_address(name.strip("[]"))
        return name
    except ValueError:
        pass
    found = get_fld(name, fix_protocol=True, fail_silently=True)
    if isinstance(found, str) and found:
        return found
    return ".".join(name.split(".")[-2:])


@lru_cache(maxsize=65536)
def host(url: str) -> str:
    """The lower-case host of ``url`` (an IDN in Unicode, as yarl gives it); "" if none."""
    name = host_of(url)
    if "xn--" in name or not name.isascii():  # only an IDN needs yarl's IDNA decoding
        try:
            return (URL(url).host or "").lower()
        except ValueError:
            return ""
    return name


def origin(url: str) -> str:
    """``scheme://host[:port]`` of ``url``: what the client keeps state per (robots.txt,
    the soft-404 probe); the address itself when it cannot be parsed."""
    try:
        return str(URL(url).origin())
    except (ValueError, TypeError):
        return url


def same_site(a: str, b: str) -> bool:
    return site_of(host(a)) == site_of(host(b))


def is_home(url: str) -> bool:
    """The root of a site (path ``/`` or empty, no query)."""
    try:
        parsed = URL(url)
    except ValueError:
        return False
    return parsed.path in ("", "/") and not parsed.query_string


def _canonical(url: str) -> str:
    parsed = URL(url)
    name = host(url).removeprefix("www.")
    path = parsed.path.rstrip("/") or ""
    for index in ("/index.html", "/index.htm", "/index.php", "/default.aspx"):
        path = path.removesuffix(index)
    return f"{name}{path}?{parsed.query_string}"


def same_address(a: str, b: str) -> bool:
    """Equal up to their form: http/https, www or not, a trailing slash, an index file."""
    try:
        return _canonical(a) == _canonical(b)
    except ValueError:
        return False
