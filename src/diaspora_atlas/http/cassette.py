"""Record real answers once, replay them in tests: a cassette is a JSON file of interactions.

- ``mode="replay"`` (the default, what tests use): answers come from the file and the client
  opens no socket at all; a request the file does not hold raises UnrecordedRequest naming
  its URL. The same request recorded several times is answered in recorded order, and the
  last answer repeats.
- ``mode="record"``: the client makes real requests and the cassette keeps every answer
  (status, headers, body as text or base64, redirect chain) or failure (its error type and
  reason); ``save()`` (called when the client closes) writes the file.

Secrets never reach the file: query parameters named in ``redact_params`` (api_key, ...)
are written as REDACTED and matched that way, and only harmless request headers are kept.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qsl, urlencode

from yarl import URL

from diaspora_atlas.errors import DataFileError
from diaspora_atlas.http.errors import HttpError, UnrecordedRequest
from diaspora_atlas.http.response import HttpResponse
from diaspora_atlas.http.serial import error_from, error_to, response_from, response_to

Mode = Literal["replay", "record"]
REDACTED = "REDACTED"
DEFAULT_REDACT = frozenset(
    {"api_key", "apikey", "apiKey", "key", "token", "access_token", "insttoken", "password"}
)
KEPT_REQUEST_HEADERS = frozenset({"accept", "accept-language", "content-type"})


def redact_url(url: str, names: Iterable[str]) -> str:
    parsed = URL(url)
    hidden = set(names)
    if not parsed.query or not hidden & set(parsed.query):
        return url
    pairs = [(k, REDACTED if k in hidden else v) for k, v in parsed.query.items()]
    return str(parsed.with_query(pairs))


def body_digest(body: bytes | None, names: Iterable[str] = ()) -> str:
    """A short hash of the body; a form body is hashed with its secret fields redacted, so
    a replay with another API key still matches."""
    if not body:
        return ""
    hidden = set(names)
    try:
        fields = parse_qsl(body.decode("ascii"), keep_blank_values=True, strict_parsing=True)
    except (UnicodeDecodeError, ValueError):
        fields = []
    if fields and hidden & {name for name, _ in fields}:
        body = urlencode([(k, REDACTED if k in hidden else v) for k, v in fields]).encode()
    return hashlib.sha256(body).hexdigest()[:16]


@dataclass
class Cassette:
    path: Path
    mode: Mode = "replay"
    redact_params: frozenset[str] = DEFAULT_REDACT
    interactions: list[dict[str, Any]] = field(default_factory=list)
    _played: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.path = Path(self.path)
        if self.mode == "replay":
            self.interactions = self._load()

    @property
    def replaying(self) -> bool:
        return self.mode == "replay"

    def _load(self) -> list[dict[str, Any]]:
        if not self.path.is_file():
            raise DataFileError(
                f"cassette {self.path} does not exist",
                "record it once with Cassette(path, mode='record') against the real service",
            )
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return list(data["interactions"])
        except (ValueError, KeyError, TypeError) as exc:
            raise DataFileError(f"cassette {self.path} is not a cassette file: {exc}") from None

    def _key(self, method: str, url: str, body: bytes | None) -> str:
        redacted = redact_url(url, self.redact_params)
        return f"{method.upper()} {redacted} {body_digest(body, self.redact_params)}"

    def _stored_key(self, item: Mapping[str, Any]) -> str:
        request = item["request"]
        return f"{request['method']} {request['url']} {request.get('body_sha256', '')}"

    def play(self, method: str, url: str, body: bytes | None) -> HttpResponse:
        """The recorded answer (or raise the recorded failure)."""
        key = self._key(method, url, body)
        matches = [item for item in self.interactions if self._stored_key(item) == key]
        if not matches:
            raise UnrecordedRequest(url, f"{method.upper()} is not in cassette {self.path}")
        index = self._played.get(key, 0)
        self._played[key] = index + 1
        item = matches[min(index, len(matches) - 1)]
        if item.get("error"):
            raise error_from(item["error"], url)
        return response_from(item["response"], method.upper(), url)

    def record(
        self,
        method: str,
        url: str,
        body: bytes | None,
        headers: Mapping[str, str],
        outcome: HttpResponse | HttpError,
    ) -> None:
        request = {
            "method": method.upper(),
            "url": redact_url(url, self.redact_params),
            "headers": {k: v for k, v in headers.items() if k.lower() in KEPT_REQUEST_HEADERS},
            "body_sha256": body_digest(body, self.redact_params),
        }
        names = self.redact_params

        def redact(text: str) -> str:
            return redact_url(text, names)

        if isinstance(outcome, HttpError):
            self.interactions.append({"request": request, "error": error_to(outcome, redact)})
        else:
            self.interactions.append({"request": request, "response": response_to(outcome, redact)})

    def save(self) -> None:
        if self.mode != "record":
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"version": 1, "interactions": self.interactions}, indent=1)
        self.path.write_text(text + "\n", encoding="utf-8")
