"""Web addresses as people and sources write them: with a scheme or without one
("aapiusa.org/about"). The one place that takes an address apart for its host."""

from __future__ import annotations

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
