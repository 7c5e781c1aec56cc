"""Redirects followed by hand, so that every hop passes the guard (and robots.txt when asked)
and the whole chain is kept."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import replace

from yarl import URL

from diaspora_atlas.http.errors import HttpError, InvalidUrl, TooManyRedirects
from diaspora_atlas.http.guard import AddressGuard
from diaspora_atlas.http.response import REDIRECT_STATUSES, HttpResponse, Redirect
from diaspora_atlas.http.robots import RobotsCache
from diaspora_atlas.http.transport import Answer, Request

#: headers not carried to another host (credentials for one site are not for the next)
PRIVATE_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization"})


Send = Callable[[Request], Awaitable[tuple[Answer, int]]]


class RedirectFollower:
    def __init__(self, guard: AddressGuard, send: Send, robots: RobotsCache) -> None:
        self._guard = guard
        self._send = send
        self._robots = robots

    async def follow(
        self, request: Request, *, robots: bool, follow: bool, max_redirects: int
    ) -> HttpResponse:
        """The final answer. An error on the way carries the redirects followed so far in
        ``error.redirects``."""
        chain: list[Redirect] = []
        started = time.monotonic()
        current = request
        try:
            while True:
                if robots:
                    await self._robots.check(current.url)
                answer, attempts = await self._send(current)
                location = answer.headers.get("location")
                if not follow or answer.status not in REDIRECT_STATUSES or not location:
                    return _response(request, current, answer, chain, attempts, started)
                target = _join(current.url, location)
                chain.append(Redirect(str(current.url), answer.status, str(target)))
                if len(chain) > max_redirects:
                    raise TooManyRedirects(
                        str(request.url),
                        f"more than {max_redirects} redirects (last to {target})",
                        tuple(hop.url for hop in chain),
                    )
                current = _next_request(current, answer.status, self._guard.check_url(target))
        except HttpError as error:
            error.redirects = tuple(chain)
            raise


def _join(base: URL, location: str) -> URL:
    try:
        return base.join(URL(location))
    except (ValueError, TypeError) as exc:
        raise InvalidUrl(str(base), f"redirect to an invalid URL {location!r}: {exc}") from None


def _next_request(previous: Request, status: int, target: URL) -> Request:
    """303 (and 301/302 after a POST) turn into a GET without a body, as browsers do; 307
    and 308 repeat the request as it was. Credentials stay with their host."""
    method, body = previous.method, previous.body
    if (status == 303 and method != "HEAD") or (status in (301, 302) and method == "POST"):
        method, body = "GET", None
    headers = dict(previous.headers)
    if body is None:
        headers = {k: v for k, v in headers.items() if k.lower() != "content-type"}
    if target.raw_host != previous.url.raw_host:
        headers = {k: v for k, v in headers.items() if k.lower() not in PRIVATE_HEADERS}
    return replace(previous, method=method, url=target, headers=headers, body=body)


def _response(
    original: Request,
    final: Request,
    answer: Answer,
    chain: list[Redirect],
    attempts: int,
    started: float,
) -> HttpResponse:
    return HttpResponse(
        url=str(final.url),
        status=answer.status,
        headers=answer.headers,
        body=answer.body,
        reason=answer.reason,
        method=original.method,
        requested_url=str(original.url),
        redirects=tuple(chain),
        truncated=answer.truncated,
        elapsed=time.monotonic() - started,
        attempts=attempts,
    )
