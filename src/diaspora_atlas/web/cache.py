"""Caches that depend only on the data version: computed values and whole GET responses.

The data version (``store.directory.data_version``) is read at most once every
``VERSION_TTL`` seconds per process, so a rebuild shows within that time.
"""

from __future__ import annotations

import functools
import gzip
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from diaspora_atlas.settings import load_settings
from diaspora_atlas.store.directory import data_version

VERSION_TTL = 2.0
MAX_RESPONSES = 512
T = TypeVar("T")
_MISSING = object()

_lock = threading.Lock()
_version: tuple[float, str] = (0.0, "")
_values: dict[tuple[str, str], Any] = {}


@dataclass(frozen=True)
class Cached:
    """A finished response: body, and the same body gzipped when that is worth it."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...]
    gzipped: bytes | None = None

    @classmethod
    def of(
        cls, status: int, content_type: str, body: bytes, headers: tuple[tuple[str, str], ...]
    ) -> Cached:
        packed = gzip.compress(body, compresslevel=6, mtime=0) if len(body) > 1400 else None
        return cls(status, content_type, body, headers, packed)


_responses: OrderedDict[tuple[str, str], Cached] = OrderedDict()


def current_version() -> str:
    global _version
    now = time.monotonic()
    checked, version = _version
    if now - checked < VERSION_TTL and version:
        return version
    version = data_version()
    with _lock:
        if version != _version[1]:
            _values.clear()
            _responses.clear()
            _raw.clear()
        _version = (now, version)
    return version


def memo(key: str, compute: Callable[[], T]) -> T:
    """A value computed once per data version (per process)."""
    version = current_version()
    found = _values.get((version, key), _MISSING)
    if found is not _MISSING:
        return found  # type: ignore[no-any-return]
    value = compute()
    with _lock:
        _values[(version, key)] = value
    return value


@functools.cache
def responses_cached() -> bool:
    """Whether finished responses are kept (DIASPORA_ATLAS_RESPONSE_CACHE, read once)."""
    return load_settings().response_cache


def get_response(key: str) -> Cached | None:
    if not responses_cached():
        return None
    version = current_version()
    with _lock:
        found = _responses.get((version, key))
        if found is not None:
            _responses.move_to_end((version, key))
        return found


def put_response(key: str, entry: Cached) -> None:
    if not responses_cached():
        return
    version = current_version()
    with _lock:
        _responses[(version, key)] = entry
        while len(_responses) > MAX_RESPONSES:
            _responses.popitem(last=False)


_key_locks: dict[str, threading.Lock] = {}


def key_lock(key: str) -> threading.Lock:
    """One lock per cache key, so concurrent misses render a page once, not once each."""
    with _lock:
        if len(_key_locks) > 4 * MAX_RESPONSES:
            _key_locks.clear()
        return _key_locks.setdefault(key, threading.Lock())


@dataclass(frozen=True)
class Raw:
    """A finished WSGI response (status line, every header, body) served before Django."""

    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


_raw: OrderedDict[tuple[str, str], Raw] = OrderedDict()


def get_raw(key: str) -> Raw | None:
    if not responses_cached():
        return None
    version = current_version()
    return _raw.get((version, key))


def put_raw(key: str, entry: Raw) -> None:
    if not responses_cached():
        return
    version = current_version()
    with _lock:
        _raw[(version, key)] = entry
        while len(_raw) > MAX_RESPONSES:
            _raw.popitem(last=False)


def clear() -> None:
    """Forget everything (tests, after loading new data in the same process)."""
    global _version
    with _lock:
        _values.clear()
        _responses.clear()
        _raw.clear()
        _version = (0.0, "")
