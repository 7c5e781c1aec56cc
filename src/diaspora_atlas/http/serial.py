"""Responses and errors to and from the JSON of a cassette."""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping
from typing import Any

from diaspora_atlas.http.errors import HttpError, rebuild_error
from diaspora_atlas.http.response import HttpResponse, Redirect

#: response headers never written to a cassette (they can carry session secrets)
DROPPED_RESPONSE_HEADERS = frozenset({"set-cookie", "set-cookie2"})


def encode_body(body: bytes, content_type: str) -> dict[str, str]:
    """Text when the body is UTF-8 text (readable diffs), else base64."""
    textual = not content_type or any(
        mark in content_type for mark in ("text/", "json", "xml", "javascript", "csv")
    )
    if textual:
        try:
            return {"text": body.decode("utf-8")}
        except UnicodeDecodeError:
            pass
    return {"base64": base64.b64encode(body).decode("ascii")}


def decode_body(stored: Mapping[str, str]) -> bytes:
    if "text" in stored:
        return stored["text"].encode("utf-8")
    return base64.b64decode(stored.get("base64", ""))


def redirects_to(hops: tuple[Redirect, ...], redact: Callable[[str], str]) -> list[dict[str, Any]]:
    return [
        {"url": redact(hop.url), "status": hop.status, "location": redact(hop.location)}
        for hop in hops
    ]


def redirects_from(stored: list[dict[str, Any]]) -> tuple[Redirect, ...]:
    return tuple(Redirect(hop["url"], int(hop["status"]), hop["location"]) for hop in stored)


def response_to(response: HttpResponse, redact: Callable[[str], str]) -> dict[str, Any]:
    return {
        "url": redact(response.url),
        "status": response.status,
        "reason": response.reason,
        "headers": {k: v for k, v in response.headers.items() if k not in DROPPED_RESPONSE_HEADERS},
        "body": encode_body(response.body, response.content_type),
        "truncated": response.truncated,
        "redirects": redirects_to(response.redirects, redact),
    }


def response_from(stored: Mapping[str, Any], method: str, requested_url: str) -> HttpResponse:
    return HttpResponse(
        url=stored["url"],
        status=int(stored["status"]),
        headers=dict(stored.get("headers", {})),
        body=decode_body(stored.get("body", {})),
        reason=stored.get("reason", ""),
        method=method,
        requested_url=requested_url,
        redirects=redirects_from(stored.get("redirects", [])),
        truncated=bool(stored.get("truncated", False)),
        replayed=True,
    )


def error_to(error: HttpError, redact: Callable[[str], str]) -> dict[str, Any]:
    return {
        "type": type(error).__name__,
        "url": redact(error.url),
        "reason": error.reason,
        "redirects": redirects_to(error.redirects, redact),
    }


def error_from(stored: Mapping[str, Any], url: str) -> HttpError:
    """The recorded failure as its own type, with the redirects that led to it."""
    error = rebuild_error(stored["type"], stored.get("url", url), stored["reason"])
    error.redirects = redirects_from(stored.get("redirects", []))
    return error
