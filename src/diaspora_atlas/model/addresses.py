"""Web addresses as people and sources write them: with a scheme or without one
("aapiusa.org/about"). The one place that takes an address apart for its host, and that
says which registrable domain a host belongs to."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from urllib.parse import SplitResult, urlsplit


def split_address(text: str) -> SplitResult:
    """``text`` split as a URL, read as ``//text`` when it has no ``//`` (so that a bare
    "example.org/path" has its host). Raises ValueError for a malformed address."""
    value = text.strip()
    return urlsplit(value if "//" in value else "//" + value)


def host_of(text: str) -> str:
    """The lower-case host of an address written with or without a scheme; "" when there is
    none or the address is malformed."""
    try:
        return (split_address(text).hostname or "").lower()
    except ValueError:
        return ""


@lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str:
    """The registrable domain of a host by the public suffix list bundled with ``tld``
    (``www.bapio.co.uk`` -> ``bapio.co.uk``, ``x.gov.gh`` -> ``x.gov.gh``); an IP address is
    its own, a name under an unknown suffix its last two labels."""
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
