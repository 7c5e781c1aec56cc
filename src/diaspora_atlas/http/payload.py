"""Request bodies, encoded to bytes before sending so that a cassette can match on them."""

from __future__ import annotations

import json as jsonlib
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

Payload = bytes | str | Mapping[str, str | int] | None


def encode_payload(data: Payload, json: Any = None) -> tuple[bytes | None, str | None]:
    """The body bytes and the Content-Type they imply: a mapping is form-encoded (as the
    E-utilities' POST expects), ``json`` is JSON, text is UTF-8, bytes are sent as they are."""
    if data is not None and json is not None:
        raise ValueError("give data or json, not both")
    if json is not None:
        return jsonlib.dumps(json).encode("utf-8"), "application/json"
    if data is None:
        return None, None
    if isinstance(data, bytes):
        return data, None
    if isinstance(data, str):
        return data.encode("utf-8"), "text/plain; charset=utf-8"
    return urlencode({k: str(v) for k, v in data.items()}).encode("ascii"), (
        "application/x-www-form-urlencoded"
    )
