"""A small simulated web for the verifier's tests: one aiohttp server on a loopback address,
sites told apart by the Host header, one site per outcome class. Names resolve through a
``StaticResolver`` (``resolver_table``); nothing leaves the machine."""

from __future__ import annotations

import asyncio
import ssl
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web

PAGE = "<html><head><title>{title}</title></head><body>{body}</body></html>"
HOME = PAGE.format(
    title="Example Medical Association",
    body="<h1>Example Medical Association (EMA)</h1><p>Welcome to our association of doctors.</p>"
    "<a href='/contact-us'>Contact us</a> <a href='/about/history'>History</a>"
    "<a href='https://www.facebook.com/ema'>Facebook</a>",
)
CONTACT = PAGE.format(
    title="Contact us",
    body="<address>Example Medical Association<br>600 Enterprise Drive, Suite 108<br>"
    "Oakbrook, IL 60523<br>Phone: 630-990-2277<br>Fax: 630-990-2281</address>"
    "<p>Write to <a href='/cdn-cgi/l/email-protection#{cf}'>[email protected]</a></p>",
)
HISTORY = PAGE.format(
    title="Our history",
    body="<h1>Our history</h1><p>The Example Medical Association (EMA) was founded in 1987 "
    "by a group of doctors in Chicago.</p><p>In 2001 we opened a clinic.</p>",
)
PARKED = PAGE.format(
    title="example-parked.test", body="<script src='https://sedoparking.com/js/p.js'></script>"
)
FOR_SALE = PAGE.format(
    title="Welcome", body="<h1>This domain is for sale!</h1><p>Buy this domain today.</p>"
)
NOT_FOUND_PAGE = PAGE.format(title="Page not found", body="<h1>Oops</h1><p>Sorry.</p>")
SOCIAL_ONLY = PAGE.format(
    title="Find us",
    body="<p>We moved.</p><a href='https://facebook.com/org'>Facebook</a>"
    "<a href='https://www.instagram.com/org'>Instagram</a>",
)


REFRESH_TO = PAGE.format(
    title="We have moved",
    body="<p>Our new home is {target}.</p>",
).replace("<head>", "<head><meta http-equiv='Refresh' content='0; URL={target}'>")
SCRIPT_TO = PAGE.format(
    title="Redirecting",
    body="<p>One moment.</p><script>window.location.href = '{target}';</script>",
)
SELF_REFRESH = PAGE.format(title="News", body="<p>Latest news of the association.</p>").replace(
    "<head>", "<head><meta http-equiv='refresh' content='300'>"
)


def cloudflare_encode(address: str, key: int = 0x42) -> str:
    return f"{key:02x}" + "".join(f"{ord(c) ^ key:02x}" for c in address)


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def html(text: str, status: int = 200) -> web.Response:
    return web.Response(text=text, status=status, content_type="text/html")


@dataclass
class SimWeb:
    address: str = "127.0.0.1"
    port: int = 0
    closed_port: int = 0
    hits: Counter[str] = field(default_factory=Counter)  # "host path" -> requests
    slow_seconds: float = 3.0
    _runner: web.AppRunner | None = None

    def url(self, name: str, path: str = "/") -> str:
        return f"http://{name}:{self.port}{path}"

    def resolver_table(self) -> dict[str, list[str]]:
        names = [n for n in SITES if n not in ("nxdomain.test",)]
        table = {n: [self.address] for n in names}
        table.update({"blocked.test": ["10.0.0.1"], "metadata.test": ["169.254.169.254"]})
        return table

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        name = request.host.rsplit(":", 1)[0]
        self.hits[f"{name} {request.path}"] += 1
        site = SITES.get(name)
        if site is None:
            return html("no such site", 404)
        return await site(self, request)

    async def start(self) -> SimWeb:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.address, 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()


async def _ok(web_: SimWeb, r: web.Request) -> web.StreamResponse:
    pages = {
        "/": HOME,
        "/contact-us": CONTACT.replace("{cf}", cloudflare_encode("info@ema.test")),
        "/about/history": HISTORY,
    }
    return html(pages[r.path]) if r.path in pages else html("missing", 404)


async def _redirected(web_: SimWeb, r: web.Request) -> web.StreamResponse:
    if r.path == "/":
        raise web.HTTPMovedPermanently("/en/home")
    return html(HOME) if r.path == "/en/home" else html("missing", 404)


async def _moved(web_: SimWeb, r: web.Request) -> web.StreamResponse:
    raise web.HTTPMovedPermanently(web_.url("ok.test", "/"))


async def _social(web_: SimWeb, r: web.Request) -> web.StreamResponse:
    if r.path == "/robots.txt":  # a site whose robots.txt redirects too would send us to
        return html("none", 404)  # the network's own robots.txt (RFC 9309)
    raise web.HTTPFound("https://www.facebook.com/example-association")


async def _refresh_moved(web_: SimWeb, r: web.Request) -> web.StreamResponse:
    return html(REFRESH_TO.replace("{target}", web_.url("ok.test", "/")))


async def _script_social(web_: SimWeb, r: web.Request) -> web.StreamResponse:
    return html(SCRIPT_TO.replace("{target}", "https://www.facebook.com/example-association"))


async def _self_refresh(web_: SimWeb, r: web.Request) -> web.StreamResponse:
    return html(SELF_REFRESH) if r.path == "/" else html("missing", 404)


async def _refresh_loop(web_: SimWeb, r: web.Request) -> web.StreamResponse:
    return html(REFRESH_TO.replace("{target}", "/b" if r.path != "/b" else "/a"))


async def _cookie_loop(web_: SimWeb, r: web.Request) -> web.StreamResponse:
    """Sets a cookie in a redirect to itself and answers only a visitor who sends it back."""
    if r.path != "/":
        return html("missing", 404)
    if r.cookies.get("visited") == "yes" and r.cookies.get("lang") == "en":
        return html(HOME)
    response = web.HTTPFound("/")
    response.headers.add("Set-Cookie", "visited=yes; Path=/; Expires=Wed, 21 Oct 2099 07:28:00 GMT")
    response.headers.add("Set-Cookie", "lang=en; Path=/; HttpOnly")
    raise response


def _bot_check(status: int) -> Handler:
    """Cloudflare's challenge page on every path but robots.txt (marked ``cf-mitigated``)."""

    async def handler(web_: SimWeb, r: web.Request) -> web.StreamResponse:  # type: ignore[misc]
        if r.path == "/robots.txt":
            return html("none", 404)
        page = PAGE.format(title="Just a moment...", body="<p>Checking your browser</p>")
        response = html(page, status)
        response.headers["cf-mitigated"] = "challenge"
        return response

    return handler  # type: ignore[return-value]


async def _social_links(web_: SimWeb, r: web.Request) -> web.StreamResponse:
    return html(SOCIAL_ONLY)


async def _parked(web_: SimWeb, r: web.Request) -> web.StreamResponse:
    return html(PARKED)


async def _for_sale(web_: SimWeb, r: web.Request) -> web.StreamResponse:
    return html(FOR_SALE)


async def _soft_redirect(web_: SimWeb, r: web.Request) -> web.StreamResponse:
    if r.path == "/":
        return html(HOME)
    raise web.HTTPFound("/")  # every path goes home


async def _soft_wording(web_: SimWeb, r: web.Request) -> web.StreamResponse:
    return html(NOT_FOUND_PAGE)


def _status(code: int) -> Handler:
    async def handler(web_: SimWeb, r: web.Request) -> web.StreamResponse:  # type: ignore[misc]
        return html(f"status {code}", code)

    return handler  # type: ignore[return-value]


async def _slow(web_: SimWeb, r: web.Request) -> web.StreamResponse:
    await asyncio.sleep(web_.slow_seconds)
    return html(HOME)


async def _loop(web_: SimWeb, r: web.Request) -> web.StreamResponse:
    raise web.HTTPFound("/b" if r.path != "/b" else "/a")


async def _robots(web_: SimWeb, r: web.Request) -> web.StreamResponse:
    if r.path == "/robots.txt":
        return web.Response(text="User-agent: *\nDisallow: /\n")
    return html(HOME)


async def _to_private(web_: SimWeb, r: web.Request) -> web.StreamResponse:
    raise web.HTTPFound("http://169.254.169.254/latest/meta-data/")


async def _retry(web_: SimWeb, r: web.Request) -> web.StreamResponse:
    web_.hits["retry.test count"] += 1
    if web_.hits["retry.test count"] == 1:
        return web.Response(status=503, headers={"Retry-After": "1"}, text="busy")
    return html(HOME)


SITES: dict[str, Callable[[SimWeb, web.Request], Awaitable[web.StreamResponse]]] = {
    "ok.test": _ok,
    "redirected.test": _redirected,
    "moved.test": _moved,
    "social.test": _social,
    "sociallinks.test": _social_links,
    "refreshmoved.test": _refresh_moved,
    "scriptsocial.test": _script_social,
    "selfrefresh.test": _self_refresh,
    "refreshloop.test": _refresh_loop,
    "cookieloop.test": _cookie_loop,
    "challenge.test": _bot_check(403),
    "challenge503.test": _bot_check(503),
    "parked.test": _parked,
    "forsale.test": _for_sale,
    "soft.test": _soft_redirect,
    "softword.test": _soft_wording,
    "gone.test": _status(410),
    "missing.test": _status(404),
    "forbidden.test": _status(403),
    "broken.test": _status(500),
    "slow.test": _slow,
    "loop.test": _loop,
    "robots.test": _robots,
    "toprivate.test": _to_private,
    "retry.test": _retry,
    "tls.test": _ok,  # served over https with an untrusted certificate (see tls_server)
    "nxdomain.test": _ok,  # never resolves
}


async def tls_server(address: str = "127.0.0.1") -> tuple[web.AppRunner, int]:
    """An https server whose certificate no client trusts (a throwaway CA from trustme)."""
    import trustme

    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("tls.test").configure_cert(context)
    app = web.Application()
    app.router.add_get("/{tail:.*}", _ok_sync)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, address, 0, ssl_context=context)
    await site.start()
    return runner, site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]


async def _ok_sync(request: web.Request) -> web.Response:
    return html(HOME)


WAYBACK_ANSWER = (
    '{"url": "%s", "archived_snapshots": {"closest": {"status": "200", "available": true, '
    '"url": "http://web.archive.org/web/20190412083011/%s", "timestamp": "20190412083011"}}}'
)


async def _archive(web_: SimWeb, r: web.Request) -> web.StreamResponse:
    """The availability API's answer format, for any address."""
    if r.path != "/wayback/available":
        return html("missing", 404)
    url = r.query.get("url", "")
    return web.Response(text=WAYBACK_ANSWER % (url, url), content_type="application/json")


SITES["archive.test"] = _archive

# a recorded organisation page (tests/fixtures/pages/), served at its own path
RECORDED = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "45-enahpa-history"
RECORDED_PATH = "/about-us/history/"


async def _recorded(web_: SimWeb, r: web.Request) -> web.StreamResponse:
    if r.path != RECORDED_PATH:
        return html("missing", 404)
    return html((RECORDED / "page.html").read_text(encoding="utf-8"))


SITES["enahpa.test"] = _recorded


class ThreadedSimWeb:
    """The simulated web on its own event loop in a thread, for tests that run the verify
    command (whose checks run on a loop of their own)."""

    def __init__(self) -> None:
        import threading

        self.web = SimWeb()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def __enter__(self) -> SimWeb:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self.web.start(), self._loop).result(10)
        return self.web

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self.web.stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
