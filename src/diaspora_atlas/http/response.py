"""What a request returns: the final answer, its body and how it got there."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import Message
from typing import Any

from diaspora_atlas.http.errors import HttpStatusError

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class Redirect:
    """One hop of a redirect chain: ``url`` answered ``status`` with ``Location: location``
    (``location`` made absolute)."""

    url: str
    status: int
    location: str


@dataclass(frozen=True)
class HttpResponse:
    """A finished request. ``url`` is the final URL after redirects, ``requested_url`` the one
    asked for; ``headers`` have lower-case names (repeated headers joined with ", ").

    ``truncated`` is True when the body was cut at the size cap (only with ``truncate=True``;
    otherwise a larger body raises ResponseTooLarge)."""

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    reason: str = ""
    method: str = "GET"
    requested_url: str = ""
    redirects: tuple[Redirect, ...] = ()
    truncated: bool = False
    elapsed: float = 0.0
    replayed: bool = False
    attempts: int = 1

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower case ("text/html")."""
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        declared = self.headers.get("content-type", "")
        if "charset" not in declared.lower():  # most answers: no need to parse parameters
            return None
        message = Message()
        message["content-type"] = declared
        found = message.get_param("charset")
        return found.strip().lower() if isinstance(found, str) else None

    def text(self, encoding: str | None = None) -> str:
        """The body decoded with ``encoding``, the declared charset, or UTF-8 (undecodable
        bytes replaced, never an exception)."""
        chosen = encoding or self.charset or "utf-8"
        try:
            return self.body.decode(chosen, errors="replace")
        except LookupError:  # an unknown charset name
            return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        return json.loads(self.body)

    def raise_for_status(self) -> HttpResponse:
        """Return self for a 1xx-3xx status; raise HttpStatusError for 4xx and 5xx."""
        if self.status >= 400:
            raise HttpStatusError(
                self.url, f"answered {self.status} {self.reason}".rstrip(), self.status
            )
        return self


def headers_dict(pairs: list[tuple[str, str]] | Mapping[str, str]) -> dict[str, str]:
    """Lower-case header names; repeated headers joined with ", ", except ``Set-Cookie``,
    whose values hold commas (``Expires=Wed, 21 Oct 2026``): joined with a newline, which no
    header value can contain."""
    items = pairs.items() if isinstance(pairs, Mapping) else pairs
    out: dict[str, str] = {}
    for name, value in items:
        key = name.lower()
        if key in out:
            out[key] = f"{out[key]}{SET_COOKIE_SEPARATOR if key == 'set-cookie' else ', '}{value}"
        else:
            out[key] = value
    return out


SET_COOKIE_SEPARATOR = "\n"
