"""robots.txt, fetched once per origin and honoured for our user-agent token (RFC 9309).

What an answer for /robots.txt means:
- 2xx: its rules apply (the first ``robots_max_bytes`` are parsed, as Google does);
- 4xx other than 429: no rules, everything allowed;
- 429, 5xx: the file is unreachable, so everything is disallowed (RFC 9309 §2.3.1.4);
- no file reachable through its redirects (a loop, a refused or invalid target): no rules;
- a network failure (DNS, refused, timeout, TLS): raised as that error, for the page's URL,
  since the page itself cannot be reached either.
Crawl-delay and Request-rate slow the host down (capped by ``max_crawl_delay``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from protego import Protego
from yarl import URL

from diaspora_atlas.http.errors import (
    BlockedAddress,
    HttpError,
    InvalidUrl,
    RobotsDisallowed,
    TooManyRedirects,
    rebuild_error,
)
from diaspora_atlas.http.once import Once
from diaspora_atlas.http.response import HttpResponse

Fetch = Callable[[str], Awaitable[HttpResponse]]


@dataclass(frozen=True)
class RobotsRules:
    """What one origin's robots.txt says; ``parser`` None means "all allowed" unless
    ``refuse_all`` gives the reason everything is refused."""

    robots_url: str
    status: int
    parser: Protego | None = None
    refuse_all: str | None = None

    def disallowed(self, url: str, token: str) -> str | None:
        """Why ``url`` may not be fetched, or None when it may."""
        if self.refuse_all:
            return self.refuse_all
        if self.parser is not None and not self.parser.can_fetch(url, token):
            return f"{self.robots_url} disallows it for {token}"
        return None

    def delay(self, token: str) -> float | None:
        """Seconds between requests the file asks of us (Crawl-delay or Request-rate)."""
        if self.parser is None:
            return None
        found = [self.parser.crawl_delay(token) or 0.0]
        rate = self.parser.request_rate(token)
        if rate is not None and rate.requests:
            found.append(rate.seconds / rate.requests)
        return max(found) or None


def rules_from(response: HttpResponse, robots_url: str) -> RobotsRules:
    status = response.status
    if 200 <= status < 300:
        return RobotsRules(robots_url, status, Protego.parse(response.text()))
    if status == 429 or status >= 500:
        reason = f"{robots_url} answered {status}: unreachable, so all is disallowed (RFC 9309)"
        return RobotsRules(robots_url, status, refuse_all=reason)
    return RobotsRules(robots_url, status)


def bare(error: HttpError) -> HttpError:
    """The same error without its cause, context and traceback. The cache keeps an origin's
    failure for as long as it runs, and the original's chain holds the failed connection
    (a TLS failure: asyncio's 256 KiB read buffer), so thousands of dead sites would hold
    hundreds of megabytes."""
    return rebuild_error(type(error).__name__, error.url, error.reason)


class RobotsCache:
    """One robots.txt per origin (scheme, host, port), fetched once even when many requests
    to the origin start together."""

    def __init__(self, fetch: Fetch, token: str, on_delay: Callable[[str, float], None]) -> None:
        self._fetch = fetch
        self.token = token
        self._on_delay = on_delay
        self._rules: Once[str, RobotsRules] = Once()

    async def rules(self, url: URL) -> RobotsRules:
        origin = str(url.origin())
        return await self._rules.get(origin, lambda: self._load(url, origin))

    async def _load(self, url: URL, origin: str) -> RobotsRules:
        robots_url = f"{origin}/robots.txt"
        failure: HttpError | None = None
        try:
            rules = rules_from(await self._fetch(robots_url), robots_url)
        except (TooManyRedirects, BlockedAddress, InvalidUrl):
            return RobotsRules(robots_url, 0)  # unavailable (RFC 9309 §2.3.1.2): no rules
        except HttpError as error:
            failure = bare(error)
        if failure is not None:  # raised outside the handler: no context chained to it
            raise failure
        delay = rules.delay(self.token)
        if delay:
            self._on_delay(url.raw_host or "", delay)
        return rules

    def __len__(self) -> int:
        return len(self._rules)

    def forget(self, url: URL) -> None:
        """Drop what is known of the origin of ``url`` (a crawl done with it)."""
        self._rules.forget(str(url.origin()))

    async def check(self, url: URL) -> None:
        """Raise RobotsDisallowed when the origin's robots.txt forbids ``url`` to us."""
        try:
            rules = await self.rules(url)
        except HttpError as error:  # the origin cannot be reached: say so for this URL
            raise rebuild_error(
                type(error).__name__, str(url), f"{error.reason} (fetching robots.txt)"
            ) from error
        reason = rules.disallowed(str(url), self.token)
        if reason:
            raise RobotsDisallowed(str(url), reason, rules.robots_url)
