"""Caches that depend only on the data version: computed values and whole GET responses.

The data version (``store.directory.data_version``) is read at most once every
``VERSION_TTL`` seconds per process, so a rebuild shows within that time.

Finished responses are kept in two bounded stores (rendered pages and twins, and finished
WSGI responses): at most ``MAX_RESPONSES`` entries and ``MAX_BYTES`` bytes each, least
recently used first out; an answer over ``MAX_ENTRY_BYTES`` is never kept.
"""

from __future__ import annotations

import functools
import gzip
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from diaspora_atlas.settings import load_settings
from diaspora_atlas.store.directory import data_version

VERSION_TTL = 2.0
MAX_RESPONSES = 512
MAX_BYTES = 64 * 1024 * 1024
MAX_ENTRY_BYTES = 2 * 1024 * 1024
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
        cls,
        status: int,
        content_type: str,
        body: bytes,
        headers: tuple[tuple[str, str], ...],
        compress: bool = True,
    ) -> Cached:
        """``compress``: keep a gzipped copy too (for a kept response, or a client that takes
        gzip; a response neither kept nor gzipped is not compressed for nothing)."""
        worth = compress and len(body) > 1400
        packed = gzip.compress(body, compresslevel=6, mtime=0) if worth else None
        return cls(status, content_type, body, headers, packed)

    @property
    def size(self) -> int:
        return len(self.body) + len(self.gzipped or b"")


@dataclass(frozen=True)
class Raw:
    """A finished WSGI response (status line, every header, body) served before Django."""

    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes

    @property
    def size(self) -> int:
        return len(self.body) + sum(len(n) + len(v) for n, v in self.headers)


E = TypeVar("E", Cached, Raw)


class Store(Generic[E]):
    """Entries by (data version, key), bounded in count and in bytes; LRU eviction."""

    def __init__(self) -> None:
        self._entries: OrderedDict[tuple[str, str], E] = OrderedDict()
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: tuple[str, str]) -> E | None:
        with _lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: tuple[str, str], entry: E) -> bool:
        """Keep ``entry`` unless it is too large; evict the oldest until within bounds."""
        if entry.size > MAX_ENTRY_BYTES:
            return False
        with _lock:
            old = self._entries.pop(key, None)
            self.bytes -= old.size if old is not None else 0
            self._entries[key] = entry
            self.bytes += entry.size
            while len(self._entries) > MAX_RESPONSES or self.bytes > MAX_BYTES:
                _, gone = self._entries.popitem(last=False)
                self.bytes -= gone.size
        return True

    def clear(self) -> None:
        self._entries.clear()
        self.bytes = 0


_responses: Store[Cached] = Store()


def current_version() -> str:
    global _version
    now = time.monotonic()
    checked, version = _version
    if now - checked < VERSION_TTL and version:
        return version
    version = data_version()  # "unavailable" when the store cannot be read
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
    return _responses.get((current_version(), key))


def put_response(key: str, entry: Cached) -> None:
    if responses_cached():
        _responses.put((current_version(), key), entry)


_key_locks: dict[str, threading.Lock] = {}


def key_lock(key: str) -> threading.Lock:
    """One lock per cache key, so concurrent misses render a page once, not once each."""
    with _lock:
        if len(_key_locks) > 4 * MAX_RESPONSES:
            _key_locks.clear()
        return _key_locks.setdefault(key, threading.Lock())


_raw: Store[Raw] = Store()


def get_raw(key: str) -> Raw | None:
    if not responses_cached():
        return None
    return _raw.get((current_version(), key))


def put_raw(key: str, entry: Raw) -> None:
    if responses_cached():
        _raw.put((current_version(), key), entry)


def sizes() -> dict[str, int]:
    """Entries and bytes held by the response stores (tests, diagnostics)."""
    return {
        "responses": len(_responses),
        "responses_bytes": _responses.bytes,
        "raw": len(_raw),
        "raw_bytes": _raw.bytes,
    }


def clear() -> None:
    """Forget everything (tests, after loading new data in the same process)."""
    global _version
    with _lock:
        _values.clear()
        _responses.clear()
        _raw.clear()
        _version = (0.0, "")
