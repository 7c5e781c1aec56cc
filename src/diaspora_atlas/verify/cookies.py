"""The cookies of one address's check, and only of it: a site that sets a cookie in a
redirect and sends the visitor back ("/ → / with Set-Cookie") loops for ever for a client
without cookies, and would be reported dead. Nothing is kept from one address to the next,
nor sent to a host that did not set it (or to a host outside the cookie's Domain)."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http.cookies import CookieError, SimpleCookie

from diaspora_atlas.http.response import SET_COOKIE_SEPARATOR

MAX_COOKIES = 50  # a chain is at most a dozen hops: more is a site misbehaving


def _expired(expires: str, max_age: str) -> bool:
    if max_age.strip().lstrip("-").isdigit():
        return int(max_age) <= 0
    if not expires:
        return False
    try:
        when = parsedate_to_datetime(expires)
    except (TypeError, ValueError, IndexError):
        return False
    return (when if when.tzinfo else when.replace(tzinfo=UTC)) <= datetime.now(UTC)


def _matches(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


class ChainCookies:
    """``headers_for(host)`` before a hop, ``take(host, set_cookie)`` after it."""

    def __init__(self) -> None:
        # (domain, host_only, name) -> value
        self._jar: dict[tuple[str, bool, str], str] = {}

    def take(self, host: str, set_cookie: str) -> None:
        """Keep the cookies of a ``Set-Cookie`` header (values joined as
        ``response.headers_dict`` joins them); a bad one is skipped, as browsers do."""
        host = host.lower()
        for line in set_cookie.split(SET_COOKIE_SEPARATOR) if set_cookie else ():
            parsed: SimpleCookie = SimpleCookie()
            try:
                parsed.load(line)
            except CookieError:
                continue
            for name, morsel in parsed.items():
                domain = morsel["domain"].lower().strip(".")
                if domain and not _matches(host, domain):
                    continue  # a host may not set cookies for another site
                key = (domain or host, not domain, name)
                if _expired(morsel["expires"], str(morsel["max-age"])):
                    self._jar.pop(key, None)
                elif key in self._jar or len(self._jar) < MAX_COOKIES:
                    self._jar[key] = morsel.value

    def headers_for(self, host: str) -> dict[str, str]:
        """``{"Cookie": ...}`` for a request to ``host``, or ``{}``."""
        host = host.lower()
        pairs = [
            f"{name}={value}"
            for (domain, host_only, name), value in self._jar.items()
            if (domain == host if host_only else _matches(host, domain))
        ]
        return {"Cookie": "; ".join(pairs)} if pairs else {}
