"""When to retry and how long to wait: exponential backoff with jitter, Retry-After."""

from __future__ import annotations

import logging
import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from diaspora_atlas.http.config import HttpConfig
from diaspora_atlas.http.errors import HttpError
from diaspora_atlas.http.politeness import Politeness
from diaspora_atlas.http.transport import Answer, Request, Transport

log = logging.getLogger("diaspora_atlas.http")

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


class RetryingSender:
    """Sends one hop through the host's gate, retrying connect errors, 429 and 503.

    A wait is a deferral of the whole host (Retry-After when given, else backoff with
    jitter), so the host's other queued requests wait too. A Retry-After beyond
    ``max_retry_after`` is not waited for: the answer is returned as it is."""

    def __init__(
        self,
        config: HttpConfig,
        politeness: Politeness,
        transport: Transport,
        rng: random.Random,
    ) -> None:
        self._config = config
        self._politeness = politeness
        self._transport = transport
        self._rng = rng

    async def send(self, request: Request) -> tuple[Answer, int]:
        """The answer and the number of attempts it took."""
        host = request.url.raw_host or ""
        attempt = 0
        while True:
            attempt += 1
            try:
                async with self._politeness.slot(host):
                    answer = await self._transport.send(request)
            except HttpError as error:
                if not error.retriable or attempt > request.retries:
                    raise
                wait, why = self._backoff(attempt), error.reason
            else:
                after = self._wait_after(answer, attempt, request.retries)
                if after is None:
                    return answer, attempt
                wait, why = after, f"status {answer.status}"
            log.info("retry %d of %s after %s in %.2f s", attempt, request.url, why, wait)
            self._politeness.gate(host).defer(wait)

    def _wait_after(self, answer: Answer, attempt: int, retries: int) -> float | None:
        """Seconds before retrying this answer, or None to return it."""
        if answer.status not in RETRY_STATUSES or attempt > retries:
            return None
        asked = parse_retry_after(answer.headers.get("retry-after"))
        if asked is None:
            return self._backoff(attempt)
        return asked if asked <= self._config.max_retry_after else None

    def _backoff(self, attempt: int) -> float:
        c = self._config
        return backoff_delay(attempt, c.backoff_base, c.backoff_cap, self._rng)
