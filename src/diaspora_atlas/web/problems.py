"""One error format for every JSON answer (twins and /api/) and the site's HTML error pages.

JSON: ``{"error": {"status": 404, "code": "not_found", "message": "..."}}``.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

CODES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    500: "server_error",
    503: "store_not_ready",
}
TITLES = {
    400: "That request could not be understood",
    403: "Not allowed",
    404: "Page not found",
    405: "Method not allowed",
    500: "Something went wrong on our side",
    503: "The directory's data is not there",
}


class Problem(Exception):
    """An error a view reports to the user, as HTML or JSON depending on the request."""

    def __init__(self, status: int, message: str, code: str | None = None) -> None:
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message
        super().__init__(message)

    def as_json(self) -> dict[str, Any]:
        return {"error": {"status": self.status, "code": self.code, "message": self.message}}


def wants_json(request: HttpRequest) -> bool:
    """JSON twins end in .json (or ask ?format=json); everything under /api/ is JSON."""
    path = request.path
    return (
        path.endswith(".json")
        or (path.startswith("/api/") and path != "/api/")
        or request.GET.get("format") == "json"
    )


def json_response(problem: Problem) -> HttpResponse:
    answer = HttpResponse(
        json.dumps(problem.as_json()),
        status=problem.status,
        content_type="application/json",
    )
    if problem.status == 503:
        answer["Retry-After"] = "60"
    return answer


def problem_response(request: HttpRequest, problem: Problem) -> HttpResponse:
    if wants_json(request):
        return json_response(problem)
    html = render_to_string(
        "web/error.html",
        {
            "status": problem.status,
            "code": problem.code,
            "title": TITLES.get(problem.status, "Error"),
            "message": problem.message,
            "path": request.path,
            "json_url": "/index.json"
            if request.path == "/"
            else request.path.rstrip("/") + ".json",
        },
    )
    answer = HttpResponse(html, status=problem.status)
    if problem.status == 503:
        answer["Retry-After"] = "60"
    return answer


def handler400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return problem_response(request, Problem(400, "The request was malformed."))


def handler403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return problem_response(request, Problem(403, "You may not do that here."))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return problem_response(request, Problem(403, "This request needs a CSRF token."))


def handler404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return problem_response(request, Problem(404, f"Nothing is published at {request.path}."))


def handler500(request: HttpRequest) -> HttpResponse:
    return problem_response(
        request, Problem(500, "The server failed to answer; the error has been logged.")
    )
