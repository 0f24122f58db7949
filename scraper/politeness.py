"""Per-host politeness: at most ``concurrency`` requests in flight and at least ``min_interval``
(plus random jitter) between request starts. Hosts are ``host[:port]`` keys, so loopback servers
on different ports are different hosts.

Retry-After and robots.txt Crawl-delay push a host's next start time out (``defer``/``slow_down``),
which delays every task waiting on that host, not just the one that was told to wait. A Retry-After
beyond ``max_retry_after`` closes the host for the rest of the run (``close``): the fetcher then
records its URLs as not requested instead of asking again.

Several registry sites can live on one host (a district's departments under one domain): the host
gets the strictest limits of them all. ``crawl_async`` registers every site's entry hosts before
the first request, and a gate only ever tightens, so the order the sites start in does not matter.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager


class HostGate:
    def __init__(self, concurrency: int, min_interval: float, jitter: float) -> None:
        self.concurrency = max(1, concurrency)
        self.min_interval = max(0.0, min_interval)
        self.jitter = max(0.0, jitter)
        self._active = 0
        self._free = asyncio.Condition()  # a counter, not a Semaphore: the limit can shrink
        self._lock = asyncio.Lock()  # FIFO: waiting tasks start in arrival order
        self._next_start = 0.0
        self._last_start = 0.0
        self.closed: str | None = None  # why no more requests go to this host in this run

    def close(self, reason: str) -> None:
        self.closed = self.closed or reason

    def tighten(self, concurrency: int, min_interval: float, jitter: float) -> None:
        """Adopt stricter limits (another site on the same host); never loosens."""
        self.concurrency = max(1, min(self.concurrency, concurrency))
        self.jitter = max(self.jitter, jitter)
        self.slow_down(min_interval)

    def slow_down(self, min_interval: float) -> None:
        if min_interval > self.min_interval:
            self.min_interval = min_interval
            self._next_start = max(self._next_start, self._last_start + min_interval)

    def defer(self, seconds: float) -> None:
        self._next_start = max(self._next_start, time.monotonic() + seconds)

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[Callable[[], None]]:
        """Hold a concurrency slot for one request; yields ``sent()``.

        The spacing lock stays held until the caller reports that the request headers are on the
        wire (``sent()``, called from an httpx trace hook) or the request ends. Measuring from the
        actual send keeps the interval true on the wire even when the event loop is busy parsing
        pages between acquiring the slot and writing the request.
        """
        async with self._free:
            await self._free.wait_for(lambda: self._active < self.concurrency)
            self._active += 1
        try:
            await self._lock.acquire()
            done = False

            def sent() -> None:
                nonlocal done
                if not done:
                    done = True
                    gap = self.min_interval * (1.0 + random.uniform(0.0, self.jitter))
                    self._last_start = time.monotonic()
                    # max(): a Retry-After deferral set while this request was queued stands
                    self._next_start = max(self._next_start, self._last_start + gap)
                    self._lock.release()

            try:
                # the start time can move out while we sleep (a 429 on the request in flight)
                while (delay := self._next_start - time.monotonic()) > 0:
                    await asyncio.sleep(delay)
                yield sent
            finally:
                sent()
        finally:
            async with self._free:
                self._active -= 1
                self._free.notify_all()


class Politeness:
    """Gate registry. When several sites share a host the strictest limits apply."""

    def __init__(self) -> None:
        self._gates: dict[str, HostGate] = {}

    def gate(self, host: str, concurrency: int, min_interval: float, jitter: float) -> HostGate:
        gate = self._gates.get(host)
        if gate is None:
            gate = self._gates[host] = HostGate(concurrency, min_interval, jitter)
        else:
            gate.tighten(concurrency, min_interval, jitter)
        return gate

    def close_all(self, reason: str) -> None:
        """No more requests to any host in this run (the raw store cannot keep what they bring)."""
        for gate in self._gates.values():
            gate.close(reason)
