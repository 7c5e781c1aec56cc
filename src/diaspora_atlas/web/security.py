"""Security headers the SecurityMiddleware does not set: a strict content security policy
(no inline script; styles from this site, plus the hashes of inline SVG map styles a page
declares), a permissions policy, and open CORS on the read-only JSON."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

HASH_HEADER = "X-CSP-Style-Hashes"
BASE_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def policy(style_hashes: str = "") -> str:
    parts = dict(BASE_POLICY)
    if style_hashes:
        parts["style-src"] += " " + " ".join(f"'{h}'" for h in style_hashes.split())
    return "; ".join(f"{k} {v}" for k, v in parts.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        hashes = str(response.headers.get(HASH_HEADER, ""))
        if HASH_HEADER in response.headers:
            del response.headers[HASH_HEADER]
        response.headers.setdefault("Content-Security-Policy", policy(hashes))
        response.headers.setdefault(
            "Permissions-Policy", "geolocation=(), camera=(), microphone=(), interest-cohort=()"
        )
        if settings.SECURE_HSTS_SECONDS:  # on every response, cached ones included
            max_age = f"max-age={settings.SECURE_HSTS_SECONDS}"
            response.headers.setdefault("Strict-Transport-Security", max_age)
        path = request.path
        if path.startswith("/api/") or path.endswith((".json", ".csv", ".geojson")):
            response.headers.setdefault("Access-Control-Allow-Origin", "*")
        return response
