"""Back-off for failed sign-ins: per client address and per claimed key id, in memory.

Checking a wrong API key costs an argon2 verification (hundreds of milliseconds of CPU), so
unlimited guessing both searches for keys and slows every other request. Each client address
and each key id may fail ``free_failures`` times in ``window_seconds``; every further failure
locks it out for twice as long as the last (2 s, 4 s, 8 s ... up to ``max_lockout_seconds``).
While locked out, a request that would need an argon2 check is refused with 429 before any
is made; a key already verified (and so remembered by the authenticator) still works. State
is per API process, like the rate limit.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass

from api.errors import RateLimited

__all__ = ["FailedSignIns"]

_MAX_TRACKED = 10_000


@dataclass
class _Failures:
    count: int
    last: float
    locked_until: float = 0.0


class FailedSignIns:
    """Failed sign-ins counted per client and per key id, with exponential back-off."""

    def __init__(
        self,
        *,
        free_failures: int = 5,
        window_seconds: float = 900.0,
        max_lockout_seconds: float = 900.0,
    ) -> None:
        self.free_failures = free_failures
        self.window_seconds = window_seconds
        self.max_lockout_seconds = max_lockout_seconds
        self._failures: dict[tuple[str, str], _Failures] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _subjects(client: str, key_id: str | None) -> list[tuple[str, str]]:
        return [("client", client)] + ([("key", key_id)] if key_id else [])

    def check(self, client: str, key_id: str | None) -> None:
        """Refuse the attempt if the client or the key id is locked out.

        Raises
        ------
        RateLimited
            With the seconds until the longer of the two lock-outs ends.
        """
        now = time.monotonic()
        with self._lock:
            until = max(
                (
                    self._failures[s].locked_until
                    for s in self._subjects(client, key_id)
                    if s in self._failures
                ),
                default=0.0,
            )
        if until > now:
            raise RateLimited(
                "Too many failed sign-in attempts from this client or for this key; "
                "wait before trying again.",
                retry_after=max(1, math.ceil(until - now)),
            )

    def failed(self, client: str, key_id: str | None) -> float:
        """Count one failed attempt; return the lock-out it starts, in seconds (0: none)."""
        now = time.monotonic()
        lockout = 0.0
        with self._lock:
            if len(self._failures) >= _MAX_TRACKED:
                self._forget_before(now - self.window_seconds)
            for subject in self._subjects(client, key_id):
                failures = self._failures.get(subject)
                if failures is None or now - failures.last > self.window_seconds:
                    failures = self._failures[subject] = _Failures(0, now)
                failures.count += 1
                failures.last = now
                excess = failures.count - self.free_failures
                if excess > 0:
                    seconds = min(self.max_lockout_seconds, 2.0 ** min(excess, 30))
                    failures.locked_until = max(failures.locked_until, now + seconds)
                    lockout = max(lockout, seconds)
        return lockout

    def _forget_before(self, moment: float) -> None:
        self._failures = {
            subject: failures
            for subject, failures in self._failures.items()
            if failures.last >= moment or failures.locked_until > time.monotonic()
        }
        while len(self._failures) >= _MAX_TRACKED:  # still full: drop the oldest
            self._failures.pop(next(iter(self._failures)))
