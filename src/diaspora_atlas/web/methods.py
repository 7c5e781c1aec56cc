"""Which HTTP methods each route answers, and one answer for every other method.

Views declare their methods with ``@allow(...)`` (pages, twins, exports, maps and downloads:
GET); the API's routes declare theirs to django-ninja. ``MethodsMiddleware``:

- answers HEAD wherever GET is answered: the GET answer with its status and headers
  (``Content-Length`` included) and no body;
- answers any other method with 405, ``Allow`` and the documented error (JSON for twins and
  /api/, the site's error page for pages) *before* CSRF checking, so a POST to a twin is a
  405 and never Django's CSRF page; OPTIONS and TRACE are no exception (no body of data);
- gives a 405 from another router (django-ninja's plain text) the same shape and ``Allow``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse, HttpResponseBase

from diaspora_atlas.web.problems import Problem, problem_response

V = TypeVar("V", bound=Callable[..., Any])
ATTRIBUTE = "atlas_methods"
_ORDER = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def _with_head(methods: Iterable[str]) -> frozenset[str]:
    found = {m.strip().upper() for m in methods if m.strip()}
    return frozenset(found | {"HEAD"} if "GET" in found else found)


def allow(*methods: str) -> Callable[[V], V]:
    """Declare the methods a view answers (HEAD comes with GET)."""

    def mark(view: V) -> V:
        setattr(view, ATTRIBUTE, _with_head(methods))
        return view

    return mark


def allow_header(methods: Iterable[str]) -> str:
    rank = {m: i for i, m in enumerate(_ORDER)}
    return ", ".join(sorted(methods, key=lambda m: (rank.get(m, len(rank)), m)))


def not_allowed(request: HttpRequest, methods: Iterable[str], method: str = "") -> HttpResponse:
    allowed = allow_header(_with_head(methods))
    problem = Problem(405, f"{method or request.method} is not allowed here; use {allowed}.")
    response = problem_response(request, problem)
    response["Allow"] = allowed
    setattr(response, ATTRIBUTE, True)
    return response


def _without_body(response: HttpResponseBase) -> HttpResponseBase:
    """The answer to HEAD: the GET answer's status and headers, no body."""
    if isinstance(response, HttpResponse):
        length = len(response.content)
        response.content = b""
        response["Content-Length"] = str(length)
        return response
    bare = HttpResponse(status=response.status_code)
    for name, value in response.items():
        bare[name] = value
    response.close()
    return bare


class MethodsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        method = str(request.method)
        head = method == "HEAD"
        if head:
            request.method = "GET"
        response = self.get_response(request)
        if response.status_code == 405 and not getattr(response, ATTRIBUTE, False):
            named = str(response.get("Allow", "GET")).split(",")
            response = not_allowed(request, named, method)
        return _without_body(response) if head else response

    def process_view(
        self,
        request: HttpRequest,
        view: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        methods: frozenset[str] | None = getattr(view, ATTRIBUTE, None)
        if methods is not None and request.method not in methods:
            return not_allowed(request, methods)
        return None
