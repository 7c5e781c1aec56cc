"""Politeness: at most N requests in flight per host and overall, and a minimum spacing
between the starts of two requests to the same host (its delay, rate, robots.txt
Crawl-delay, or a Retry-After the host asked for)."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable, Mapping

from diaspora_atlas.http.config import HostPolicy

#: gates held before the first sweep of idle ones (see ``Politeness._sweep``)
SWEEP_FROM = 1024

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]


class HostGate:
    """One host's limit and schedule. Waiting for a turn holds no global slot."""

    def __init__(self, limit: int, interval: float, clock: Clock, sleep: Sleep) -> None:
        self.limit = max(1, limit)
        self.interval = interval
        self.active = 0
        self.peak = 0
        self._clock = clock
        self._sleep = sleep
        self._next_start = 0.0
        self._waiting: deque[asyncio.Future[None]] = deque()
        self._schedule: asyncio.Lock | None = None  # made when two requests meet here

    async def enter(self) -> None:
        """Wait until fewer than ``limit`` requests to this host are in flight (first come,
        first served)."""
        if self.active >= self.limit or self._waiting:
            waiter = asyncio.get_running_loop().create_future()
            self._waiting.append(waiter)
            try:
                await waiter  # leave() handed its place over: ``active`` already counts us
            except BaseException:
                if waiter.done() and not waiter.cancelled():
                    self.leave()  # the place was handed over just as we were cancelled
                else:
                    self._waiting.remove(waiter)
                raise
        else:
            self.active += 1
        self.peak = max(self.peak, self.active)

    def leave(self) -> None:
        while self._waiting:
            waiter = self._waiting.popleft()
            if not waiter.done():
                waiter.set_result(None)  # the place goes to the next in line as it is
                return
        self.active -= 1

    async def start(self, overall: asyncio.Semaphore) -> None:
        """Wait for this host's next start time, then take a global slot. The wait holds no
        global slot; if the host asked to be left alone meanwhile (``defer``), wait again."""
        if self._schedule is None:
            self._schedule = asyncio.Lock()
        async with self._schedule:
            while True:
                target = self._next_start
                wait = target - self._clock()
                if wait > 0:
                    await self._sleep(wait)
                await overall.acquire()
                if self._next_start <= target:
                    break
                overall.release()
            self._next_start = max(self._clock(), target) + self.interval

    def idle(self, now: float) -> bool:
        """Nothing in flight or waiting, and no start time still ahead: forgetting this gate
        changes nothing (a new one would behave the same)."""
        return (
            self.active == 0
            and not self._waiting
            and (self._schedule is None or not self._schedule.locked())
            and self._next_start <= now
        )

    def defer(self, seconds: float) -> None:
        """No request to this host starts in the next ``seconds`` (a Retry-After)."""
        self._next_start = max(self._next_start, self._clock() + seconds)


class Politeness:
    """Every host's gate plus the global limit."""

    def __init__(
        self,
        concurrency: int,
        host_concurrency: int,
        host_delay: float,
        policies: Mapping[str, HostPolicy],
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._global = asyncio.Semaphore(max(1, concurrency))
        self._default = HostPolicy(concurrency=host_concurrency, delay=host_delay)
        self._host_delay = host_delay
        self._policies = {host.lower(): policy for host, policy in policies.items()}
        self._gates: dict[str, HostGate] = {}
        self._clock = clock
        self._sleep = sleep
        self._sweep_at = SWEEP_FROM

    def configure(self, host: str, policy: HostPolicy) -> None:
        """Set one host's limits (a connector calls this for its API's host)."""
        key = host.lower()
        self._policies[key] = policy
        gate = self._gates.get(key)
        if gate is not None:
            gate.limit = self._limit(policy)
            gate.interval = policy.interval(self._host_delay)

    def _limit(self, policy: HostPolicy) -> int:
        return policy.concurrency or self._default.concurrency or 1

    def gate(self, host: str) -> HostGate:
        key = host.lower()
        gate = self._gates.get(key)
        if gate is None:
            policy = self._policies.get(key, self._default)
            interval = policy.interval(self._host_delay)
            gate = HostGate(self._limit(policy), interval, self._clock, self._sleep)
            if len(self._gates) >= self._sweep_at:
                self._sweep()
            self._gates[key] = gate
        return gate

    def hosts_kept(self) -> int:
        return len(self._gates)

    def forget(self, host: str) -> None:
        """Drop ``host``'s gate if forgetting it changes nothing (see ``_forgettable``)."""
        key = host.lower()
        gate = self._gates.get(key)
        if gate is not None and self._forgettable(key, gate, self._clock()):
            del self._gates[key]

    def _forgettable(self, key: str, gate: HostGate, now: float) -> bool:
        """A gate left alone with the default limits: a new one would behave the same. A
        gate whose host has its own policy, a Crawl-delay, or a start time still ahead is
        not."""
        return (
            key not in self._policies
            and gate.interval == self._host_delay
            and gate.limit == self._limit(self._default)
            and gate.idle(now)
        )

    def _sweep(self) -> None:
        """Forget the gates that can be, so that a crawl of thousands of sites does not keep
        one per site it is done with."""
        now = self._clock()
        for key in [k for k, gate in self._gates.items() if self._forgettable(k, gate, now)]:
            del self._gates[key]
        self._sweep_at = max(SWEEP_FROM, 2 * len(self._gates))  # amortised: O(1) per gate

    def at_least(self, host: str, interval: float) -> None:
        """Space this host's requests at least ``interval`` apart (robots.txt Crawl-delay)."""
        gate = self.gate(host)
        gate.interval = max(gate.interval, interval)

    def slot(self, host: str) -> Slot:
        """``async with politeness.slot(host):`` one request's turn at ``host``."""
        return Slot(self.gate(host), self._global)


class Slot:
    """A request's place: one of its host's ``limit``, its start time, one global slot."""

    __slots__ = ("_gate", "_overall")

    def __init__(self, gate: HostGate, overall: asyncio.Semaphore) -> None:
        self._gate = gate
        self._overall = overall

    async def __aenter__(self) -> None:
        await self._gate.enter()
        try:
            await self._gate.start(self._overall)
        except BaseException:
            self._gate.leave()
            raise

    async def __aexit__(self, *exc: object) -> None:
        self._overall.release()
        self._gate.leave()
