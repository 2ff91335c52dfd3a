"""Per-user flood protection for the chat channels: a token bucket per (channel, user).

A person typing answers never comes near the limit; a flood (a script, a stuck client) gets one
polite notice and is then ignored until the bucket refills, without slowing anyone else: the
check is a dictionary look-up before any database work.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

BURST = 20  # messages in quick succession (a whole intake typed at top speed fits)
REFILL_SECONDS = 1.0  # one more message allowed every second (60 a minute)
MAX_TRACKED = 50_000  # above this, idle users' buckets are forgotten


class Verdict(Enum):
    ALLOW = "allow"
    NOTICE = "notice"  # the first refused message: tell the user once
    DROP = "drop"


@dataclass
class _Bucket:
    tokens: float
    at: float
    told: bool = False


class RateLimiter:
    def __init__(
        self, burst: int | None = None, refill_seconds: float | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.burst = burst or BURST
        self.refill_seconds = refill_seconds or REFILL_SECONDS
        self.clock = clock
        self._buckets: dict[tuple[str, str], _Bucket] = {}
        self._lock = threading.Lock()

    def check(self, channel: str, user: str) -> Verdict:
        now = self.clock()
        with self._lock:
            bucket = self._buckets.get((channel, user))
            if bucket is None:
                if len(self._buckets) >= MAX_TRACKED:
                    self._forget_idle(now)
                bucket = self._buckets[(channel, user)] = _Bucket(float(self.burst), now)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.at) / self.refill_seconds)
            bucket.at = now
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                bucket.told = False
                return Verdict.ALLOW
            if bucket.told:
                return Verdict.DROP
            bucket.told = True
            return Verdict.NOTICE

    def _forget_idle(self, now: float) -> None:
        full = [k for k, b in self._buckets.items() if b.tokens + (now - b.at) / self.refill_seconds >= self.burst]
        for key in full:
            del self._buckets[key]
