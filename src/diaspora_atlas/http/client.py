"""The one HTTP client of the Atlas: guarded, polite, retried, recorded and replayed."""

from __future__ import annotations

import asyncio
import logging
import random
import ssl
import time
from collections.abc import Callable, Mapping
from typing import Any

from yarl import URL

from diaspora_atlas.http.cassette import Cassette
from diaspora_atlas.http.config import HostPolicy, HttpConfig
from diaspora_atlas.http.errors import HttpError, InvalidUrl
from diaspora_atlas.http.guard import AddressGuard
from diaspora_atlas.http.payload import Payload, encode_payload
from diaspora_atlas.http.politeness import Clock, Politeness, Sleep
from diaspora_atlas.http.redirects import RedirectFollower
from diaspora_atlas.http.resolver import Resolver, SystemResolver
from diaspora_atlas.http.response import HttpResponse
from diaspora_atlas.http.retry import RetryingSender
from diaspora_atlas.http.robots import RobotsCache
from diaspora_atlas.http.transport import Request, Transport

log = logging.getLogger("diaspora_atlas.http")


class HttpClient:
    """Use as ``async with HttpClient(config) as client: await client.get(url)``.

    ``resolver`` replaces DNS (tests map names to loopback with ``StaticResolver``; the guard
    still checks what it returns); ``cassette`` records or replays; ``on_warning`` receives
    the client's warnings (guard switched off, no contact configured) besides the log;
    ``sleep``, ``clock`` and ``rng`` make waiting testable."""

    def __init__(
        self,
        config: HttpConfig | None = None,
        *,
        resolver: Resolver | None = None,
        cassette: Cassette | None = None,
        on_warning: Callable[[str], None] | None = None,
        sleep: Sleep = asyncio.sleep,
        clock: Clock = time.monotonic,
        rng: random.Random | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.config = config = config or HttpConfig.from_settings()
        self.cassette = cassette
        self._on_warning = on_warning
        self._clock = clock
        self._rng = rng or random.Random()
        self.guard = AddressGuard.build(not config.allow_private_addresses, config.allowed_networks)
        self.politeness = Politeness(
            config.concurrency,
            config.host_concurrency,
            config.host_delay,
            config.host_policies,
            clock,
            sleep,
        )
        self._transport = Transport(config, self.guard, resolver or SystemResolver(), ssl_context)
        self.robots = RobotsCache(self._fetch_robots, config.robots_token, self.politeness.at_least)
        sender = RetryingSender(config, self.politeness, self._transport, self._rng)
        self._redirects = RedirectFollower(self.guard, sender.send, self.robots)
        self._warn_about_config()

    def _warn_about_config(self) -> None:
        if not self.guard.enabled:
            self.warn(
                "the address guard is OFF (allow_private_addresses): private and loopback "
                "targets are allowed; use this for local test servers only"
            )
        elif self.guard.allowed_networks:
            nets = ", ".join(str(n) for n in self.guard.allowed_networks)
            self.warn(f"the address guard lets these networks through: {nets}")
        replaying = self.cassette is not None and self.cassette.replaying
        if "no contact configured" in self.config.user_agent and not replaying:
            self.warn("no contact in the User-Agent: set DIASPORA_ATLAS_HTTP_CONTACT")

    @property
    def requests_sent(self) -> int:
        """How many requests reached the network layer (not refused, not replayed)."""
        return self._transport.sent

    def warn(self, message: str) -> None:
        """Tell whoever runs the client: through ``on_warning`` when given (a command prints
        it once, in its own words; the log keeps it at INFO), else as a logged warning."""
        if self._on_warning is not None:
            log.info(message)
            self._on_warning(message)
        else:
            log.warning(message)

    async def __aenter__(self) -> HttpClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Close connections; a recording cassette is written now."""
        await self._transport.close()
        if self.cassette is not None:
            self.cassette.save()

    def configure_host(self, host: str, policy: HostPolicy) -> None:
        """Set a host's concurrency, delay or rate (e.g. PubMed: ``HostPolicy(rate=3)``)."""
        self.politeness.configure(host, policy)

    def kept(self) -> dict[str, int]:
        """How much per-site state the client holds: origins whose robots.txt it knows,
        names it resolved, hosts whose turn it tracks, connections it keeps idle."""
        return {
            "robots": len(self.robots),
            "names": self._transport.names_kept(),
            "hosts": self.politeness.hosts_kept(),
            "idle connections": self._transport.idle_kept(),
        }

    def forget(self, url: str) -> None:
        """Drop what the client keeps about the origin of ``url`` (its robots.txt rules,
        its resolved addresses, its idle connections, its host's turn when idle): for crawls
        of thousands of sites, once a site is done. A Crawl-delay or a Retry-After still
        running is kept."""
        try:
            parsed = URL(url)
        except (ValueError, TypeError):
            return
        host = parsed.raw_host or ""
        self.robots.forget(parsed)
        self._transport.forget(host, parsed.port or 0)
        self.politeness.forget(host)

    async def get(self, url: str, **options: Any) -> HttpResponse:
        return await self.request("GET", url, **options)

    async def head(self, url: str, **options: Any) -> HttpResponse:
        return await self.request("HEAD", url, **options)

    async def post(self, url: str, **options: Any) -> HttpResponse:
        return await self.request("POST", url, **options)

    async def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str | int] | None = None,
        headers: Mapping[str, str] | None = None,
        data: Payload = None,
        json: Any = None,
        robots: bool = False,
        max_bytes: int | None = None,
        truncate: bool = False,
        follow_redirects: bool = True,
        max_redirects: int | None = None,
        retries: int | None = None,
    ) -> HttpResponse:
        """Send a request and return the final answer (any status; ``raise_for_status()``
        when a 4xx/5xx is an error for you). Raises a typed HttpError on failure.

        ``robots=True`` checks robots.txt (for the URL and every redirect hop) first;
        ``max_bytes`` caps the body (default ``config.max_bytes``): past it,
        ResponseTooLarge, or with ``truncate=True`` the prefix with ``truncated=True``;
        ``retries`` overrides ``config.max_retries`` for this call."""
        target = _build_url(url, params)
        body, content_type = encode_payload(data, json)
        sent_headers = dict(headers or {})
        if content_type and not any(k.lower() == "content-type" for k in sent_headers):
            sent_headers["Content-Type"] = content_type
        checked = self.guard.check_url(target)
        if self.cassette is not None and self.cassette.replaying:
            return self.cassette.play(method, str(checked), body)
        request = Request(
            method.upper(),
            checked,
            sent_headers,
            body,
            max_bytes=self.config.max_bytes if max_bytes is None else max_bytes,
            truncate=truncate,
            retries=self.config.max_retries if retries is None else retries,
        )
        limit = self.config.max_redirects if max_redirects is None else max_redirects
        try:
            response = await self._redirects.follow(
                request, robots=robots, follow=follow_redirects, max_redirects=limit
            )
        except HttpError as error:
            self._record(method, checked, body, sent_headers, error)
            raise
        self._record(method, checked, body, sent_headers, response)
        return response

    def _record(
        self,
        method: str,
        url: URL,
        body: bytes | None,
        headers: Mapping[str, str],
        outcome: HttpResponse | HttpError,
    ) -> None:
        if self.cassette is not None and not self.cassette.replaying:
            self.cassette.record(method, str(url), body, headers, outcome)

    async def _fetch_robots(self, robots_url: str) -> HttpResponse:
        request = Request(
            "GET",
            self.guard.check_url(URL(robots_url)),
            {},
            None,
            max_bytes=self.config.robots_max_bytes,
            truncate=True,
            retries=self.config.max_retries,
        )
        return await self._redirects.follow(request, robots=False, follow=True, max_redirects=5)


def _build_url(url: str, params: Mapping[str, str | int] | None) -> URL:
    try:
        parsed = URL(url)
    except (ValueError, TypeError) as exc:
        raise InvalidUrl(url, f"not a URL: {exc}") from None
    if not parsed.is_absolute():
        raise InvalidUrl(url, "not an absolute URL")
    return parsed.update_query(params) if params else parsed
