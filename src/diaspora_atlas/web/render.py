"""Pages and their JSON twins from one view.

A view returns a ``Page``: a template, a title and ``data``. The HTML page renders ``data``;
its twin (the same URL with ``.json`` in place of the trailing slash — ``/`` becomes
``/index.json`` — or any page with ``?format=json``) returns ``data`` itself. Both are
cached per data version, keyed by the path and the *canonical* query (what the route's
parser read, in one spelling; see ``web.queries``), so parameters a route does not read
never make a second entry. Errors raised as ``Problem`` come back in the format asked for,
and are never cached.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from diaspora_atlas.web import cache
from diaspora_atlas.web.cache import Cached
from diaspora_atlas.web.methods import allow
from diaspora_atlas.web.numbers import release
from diaspora_atlas.web.params import QueryParams, request_params
from diaspora_atlas.web.problems import Problem, problem_response, wants_json

JSON_TYPE = "application/json"
P = TypeVar("P")


@dataclass
class Page:
    template: str
    title: str
    data: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)  # presentation only, never data
    style_hashes: tuple[str, ...] = ()  # CSP hashes of inline SVG <style> blocks
    cacheable: bool = True


def twin_url(path: str, query: str = "") -> str:
    """The JSON twin of an HTML page's path."""
    base = "/index.json" if path == "/" else path.rstrip("/") + ".json"
    return base + (f"?{query}" if query else "")


def html_url(path: str, query: str = "") -> str:
    """The HTML page of a JSON twin's path."""
    base = "/" if path == "/index.json" else path.removesuffix(".json") + "/"
    return base + (f"?{query}" if query else "")


def dumps(data: Any) -> bytes:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).encode("utf-8")


def _response(request: HttpRequest, entry: Cached) -> HttpResponse:
    accepts_gzip = "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
    body = entry.gzipped if entry.gzipped is not None and accepts_gzip else entry.body
    response = HttpResponse(body, status=entry.status, content_type=entry.content_type)
    for name, value in entry.headers:
        response[name] = value
    if entry.gzipped is not None:
        response["Vary"] = "Accept-Encoding"
        if accepts_gzip:
            response["Content-Encoding"] = "gzip"
    return response


def render_page(request: HttpRequest, page: Page, query: str = "") -> Cached:
    """The page as HTML or JSON; ``query`` is the canonical query its links carry."""
    compress = cache.responses_cached() or "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")
    if wants_json(request):
        link = f'<{html_url(request.path, query)}>; rel="alternate"; type="text/html"'
        return Cached.of(200, JSON_TYPE, dumps(page.data), (("Link", link),), compress)
    path = request.path
    context = {
        "title": page.title,
        "data": page.data,
        "path": path,
        "json_url": twin_url(path, query),
        "release": release(),
        **page.extra,
    }
    html = render_to_string(page.template, context)
    headers: list[tuple[str, str]] = [
        ("Link", f'<{twin_url(path, query)}>; rel="alternate"; type="application/json"')
    ]
    if page.style_hashes:
        headers.append(("X-CSP-Style-Hashes", " ".join(page.style_hashes)))
    body = html.encode("utf-8")
    return Cached.of(200, "text/html; charset=utf-8", body, tuple(headers), compress)


CACHE_MARK = "X-Atlas-Cacheable"


def _cacheable(response: HttpResponse, target: str) -> HttpResponse:
    """Mark a response the WSGI layer (web/wsgi.py) may keep until the data changes; the
    mark names the canonical request, so only a request spelled that way is kept there."""
    response[CACHE_MARK] = target
    return response


def serve_page(request: HttpRequest, query: str, make: Callable[[], Page]) -> HttpResponse:
    # Pages name their absolute address (how to cite a record), so the host is in the key.
    host = request.get_host()
    key = ("json " if wants_json(request) else "html ") + host + request.path + "?" + query
    target = request.path + ("?" + query if query else "")
    with cache.key_lock(key):
        found = cache.get_response(key)
        if found is not None:
            return _cacheable(_response(request, found), target)
        try:
            page = make()
        except Problem as problem:
            return problem_response(request, problem)
        entry = render_page(request, page, query)
        if not page.cacheable:
            return _response(request, entry)
        cache.put_response(key, entry)
    return _cacheable(_response(request, entry), target)


def twin(view: Callable[..., Page]) -> Callable[..., HttpResponse]:
    """Serve a Page-returning view that reads no query parameter as HTML or JSON."""

    @allow("GET")
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return serve_page(request, "", lambda: view(request, *args, **kwargs))

    return wrapper


def twin_query(
    parse: Callable[[QueryParams], P], canonical: Callable[[P], str]
) -> Callable[[Callable[[HttpRequest, P], Page]], Callable[..., HttpResponse]]:
    """Like ``twin`` for a view that reads query parameters: ``parse`` reads them once (a bad
    one is a 400 in the format asked for) and the view receives what it parsed."""

    def decorate(view: Callable[[HttpRequest, P], Page]) -> Callable[..., HttpResponse]:
        @allow("GET")
        @functools.wraps(view)
        def wrapper(request: HttpRequest) -> HttpResponse:
            try:
                parsed = parse(request_params(request))
            except Problem as problem:
                return problem_response(request, problem)
            return serve_page(request, canonical(parsed), lambda: view(request, parsed))

        return wrapper

    return decorate
