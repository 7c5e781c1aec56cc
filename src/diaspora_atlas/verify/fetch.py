"""One address fetched through the project's HTTP client, its redirects followed hop by hop
so that a hop to a social network is not fetched (the address is the evidence, and a
thousand sites pointing at one social host must not queue on it). Every hop is a request of
the one client: address guard, robots.txt, per-host limits, retries; the cookies a hop sets
go back to their host on the next hops of the same chain (``cookies.py``).

A page that sends its visitor on by itself (a meta refresh, a script setting the location of
a near-empty page: ``page.Page.sends_to``) is a hop too: a site that moved to a new domain or
to a Facebook page often says so that way, with a 200."""

from __future__ import annotations

from collections import Counter

from yarl import URL

from diaspora_atlas.http import HttpClient, HttpError, InvalidUrl, Redirect, TooManyRedirects
from diaspora_atlas.http.response import REDIRECT_STATUSES, HttpResponse
from diaspora_atlas.verify.classify import Answer
from diaspora_atlas.verify.cookies import ChainCookies
from diaspora_atlas.verify.page import content_hash, parse_page
from diaspora_atlas.verify.rules import bot_check, host_in, load_rules
from diaspora_atlas.verify.sites import host, same_address

MAX_BYTES = 1024 * 1024  # a page is read up to 1 MiB (the rest is cut, not refused)
MAX_VISITS = 2  # the same address met a third time in one chain is a loop


def _is_html(response: HttpResponse) -> bool:
    kind = response.content_type
    return kind in ("text/html", "application/xhtml+xml", "") and bool(response.body)


def _answer(requested: str, response: HttpResponse, chain: list[str], by_page: list[str]) -> Answer:
    page = parse_page(response.url, response.text()) if _is_html(response) else None
    return Answer(
        requested=requested,
        final_url=response.url,
        status=response.status,
        chain=tuple(chain),
        page=page,
        content_hash=content_hash(response.body) if response.body else "",
        page_redirects=tuple(by_page),
        bot_check=bot_check(response.headers) or "",
    )


def _next(current: str, location: str) -> str:
    try:
        return str(URL(current).join(URL(location)).with_fragment(None))
    except (ValueError, TypeError) as exc:
        raise InvalidUrl(current, f"redirect to an invalid URL {location!r}: {exc}") from None


async def fetch(client: HttpClient, url: str, max_redirects: int = 10) -> Answer:
    """The final answer for ``url``; an HttpError carries the redirects followed so far."""
    social = load_rules().social_hosts
    chain: list[str] = []
    by_page: list[str] = []  # how each page-made hop was made, for the evidence
    hops: list[Redirect] = []
    visits: Counter[str] = Counter({url: 1})
    cookies = ChainCookies()  # a site may set one in a redirect and expect it back
    current, status = url, 0
    try:
        while True:
            if host_in(host(current), social):
                return Answer(
                    url, current, status, tuple(chain), fetched=False, page_redirects=tuple(by_page)
                )
            response = await client.get(
                current,
                robots=True,
                follow_redirects=False,
                truncate=True,
                max_bytes=MAX_BYTES,
                headers=cookies.headers_for(host(current)),
            )
            cookies.take(host(current), response.headers.get("set-cookie", ""))
            location = response.headers.get("location")
            if response.status not in REDIRECT_STATUSES or not location:
                answer = _answer(url, response, chain, by_page)
                page = answer.page
                if page is None or not page.sends_to or answer.status >= 300:
                    return answer
                if same_address(page.sends_to, response.url):
                    return answer  # a page refreshing itself
                target = page.sends_to
                by_page.append(f"{page.sent_by} at {current}")
            else:
                target = _next(current, location)
            chain.append(current)
            hops.append(Redirect(current, response.status, target))
            visits[target] += 1
            if len(chain) > max_redirects or visits[target] > MAX_VISITS:
                loop = "a redirect loop" if visits[target] > MAX_VISITS else "too many redirects"
                raise TooManyRedirects(url, f"{loop} ({len(chain)} hops)", tuple(chain))
            current, status = target, response.status
    except HttpError as error:
        error.redirects = tuple(hops)
        raise
