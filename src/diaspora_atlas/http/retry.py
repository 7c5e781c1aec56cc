"""When to retry and how long to wait: exponential backoff with jitter, Retry-After."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

#: statuses that mean "not now": retried, and Retry-After honoured
RETRY_STATUSES = frozenset({429, 503})


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP-date); None when
    absent or unreadable; 0 for a date in the past."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = now or datetime.now(UTC)
    return max(0.0, (when - current).total_seconds())


def backoff_delay(attempt: int, base: float, cap: float, rng: random.Random) -> float:
    """Delay before retry number ``attempt`` (1, 2, ...): ``base * 2**(attempt-1)`` capped,
    with "equal jitter" (between half and all of it), so clients that failed together do
    not come back together."""
    ceiling = min(cap, base * 2.0 ** (attempt - 1))
    return ceiling / 2 + rng.uniform(0, ceiling / 2)


def retry_wait(
    retry_after: float | None, attempt: int, base: float, cap: float, rng: random.Random
) -> float:
    """The wait before the next attempt: the server's Retry-After when it gave one, else
    our backoff."""
    if retry_after is not None:
        return retry_after
    return backoff_delay(attempt, base, cap, rng)
