"""What counts as the same site and the same address: registrable domains
(``model.addresses.registrable_domain``), home pages, and addresses equal up to their form."""

from __future__ import annotations

from functools import lru_cache

from yarl import URL

from diaspora_atlas.model.addresses import host_of, registrable_domain


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
    return registrable_domain(host(a)) == registrable_domain(host(b))


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
