"""A small blocking face of the client for command-line use (one event loop kept open)."""

from __future__ import annotations

import asyncio
from typing import Any

from diaspora_atlas.http.client import HttpClient
from diaspora_atlas.http.config import HttpConfig
from diaspora_atlas.http.response import HttpResponse


class SyncHttpClient:
    """``with SyncHttpClient(config) as client: client.get(url)``. Takes the same keyword
    arguments as HttpClient; not for use inside a running event loop."""

    def __init__(self, config: HttpConfig | None = None, **options: Any) -> None:
        self._runner = asyncio.Runner()
        self.client = HttpClient(config, **options)

    def __enter__(self) -> SyncHttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self._runner.run(self.client.close())
        finally:
            self._runner.close()

    def request(self, method: str, url: str, **options: Any) -> HttpResponse:
        return self._runner.run(self.client.request(method, url, **options))

    def get(self, url: str, **options: Any) -> HttpResponse:
        return self.request("GET", url, **options)


def fetch(url: str, config: HttpConfig | None = None, **options: Any) -> HttpResponse:
    """One GET, blocking: a client is opened and closed around it."""
    with SyncHttpClient(config) as client:
        return client.get(url, **options)
