"""The WSGI application the server runs: Django, behind a cache of finished responses.

Pages marked cacheable by ``render.twin`` (a GET of a page or twin, 200, no cookie) are kept
with every header the middleware added (CSP, security headers) and served again without
entering Django until the data version changes. The mark names the request in its canonical
spelling (path and the query the route read); only a request spelled exactly so is kept
here, so unknown parameters or another order of the same selection cannot push real pages
out (Django's own page cache, keyed canonically, answers those). The Host header is still
checked against ALLOWED_HOSTS; everything else (errors, downloads, the API) always goes
through Django.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.http.request import split_domain_port, validate_host

from diaspora_atlas.web import cache
from diaspora_atlas.web.render import CACHE_MARK

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def _host_allowed(environ: dict[str, Any]) -> bool:
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    domain, _ = split_domain_port(host)
    return bool(domain) and validate_host(domain, settings.ALLOWED_HOSTS)


def _key(environ: dict[str, Any]) -> str:
    gzip = "gzip" in environ.get("HTTP_ACCEPT_ENCODING", "")
    query = environ.get("QUERY_STRING", "")
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    return f"{'gz' if gzip else 'id'} {host}{environ.get('PATH_INFO', '')}?{query}"


def _without_mark(start_response: StartResponse) -> StartResponse:
    def filtered(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        kept = [(n, v) for n, v in headers if n.lower() != CACHE_MARK.lower()]
        return start_response(status, kept, exc_info) if exc_info else start_response(status, kept)

    return filtered


class CachedApplication:
    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "GET" or not _host_allowed(environ):
            return self.app(environ, _without_mark(start_response))
        key = _key(environ)
        hit = cache.get_raw(key)
        if hit is not None:
            start_response(hit.status, list(hit.headers))
            return [hit.body]
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            captured["status"], captured["headers"] = status, headers
            return None

        result = self.app(environ, capture)
        headers = captured["headers"]
        names = {name.lower() for name, _ in headers}
        marks = [v for n, v in headers if n.lower() == CACHE_MARK.lower()]
        if not marks:
            start_response(captured["status"], headers)
            return result
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        kept = tuple((n, v) for n, v in headers if n.lower() != CACHE_MARK.lower())
        query = environ.get("QUERY_STRING", "")
        requested = environ.get("PATH_INFO", "") + (f"?{query}" if query else "")
        canonical = marks[0] == requested
        if canonical and captured["status"].startswith("200") and "set-cookie" not in names:
            cache.put_raw(key, cache.Raw(captured["status"], kept, body))
        start_response(captured["status"], list(kept))
        return [body]
