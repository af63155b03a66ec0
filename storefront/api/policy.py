"""Retries and rate limits, as decisions over data (no I/O, no sleeping).

Reads (GET) are retried on network failure and 5xx with bounded, jittered exponential backoff
and wait out a 429 until the bucket resets. Writes are never retried: a 429 or a failure is
surfaced, because sending an order twice is worse than asking the shopper to try again.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable, Mapping


@dataclasses.dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 3  # tries in total for a read
    base_delay: float = 0.4
    max_delay: float = 4.0
    #: Longest a read waits for a rate-limit bucket to reset before giving up.
    max_rate_limit_wait: float = 15.0
    #: A write waits this long at most (it is sent after the wait: it was never sent before);
    #: a longer wait is refused at once, with the time to wait in the message.
    max_write_wait: float = 5.0
    #: A read gives up after this long in all, tries and waits included, so a spinner never
    #: turns for a minute: every try's timeout is cut to what is left of it.
    read_budget: float = 15.0
    #: One try of a read waits this long at most, so a stalled connection leaves room to try
    #: again within the budget.
    read_timeout: float = 7.0

    def backoff(self, attempt: int, rand: Callable[[], float] = random.random) -> float:
        """Delay before retry number ``attempt`` (1-based): full jitter over an exponential cap."""
        cap = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        return cap * (0.5 + rand() / 2)


@dataclasses.dataclass
class RateLimitState:
    limit: int | None = None
    remaining: int | None = None
    reset_at: float | None = None

    def update(self, headers: Mapping[str, str]) -> None:
        def number(name: str) -> float | None:
            try:
                return float(headers[name])
            except (KeyError, ValueError):
                return None

        limit, remaining, reset = (number(f"x-ratelimit-{n}") for n in ("limit", "remaining", "reset"))
        if limit is not None:
            self.limit = int(limit)
        if remaining is not None:
            self.remaining = int(remaining)
        if reset is not None:
            self.reset_at = reset

    def wait_seconds(self, now: float) -> float:
        """How long to hold a request back: until the reset when the bucket is known empty."""
        if self.remaining is not None and self.remaining <= 0 and self.reset_at is not None and self.reset_at > now:
            return self.reset_at - now
        return 0.0

    def exhausted(self, now: float, *, reset_given: bool) -> None:
        """A 429 arrived: the bucket is empty until the reset it gave. A 429 without one (a
        plain-text answer, or headers the browser may not read) pauses briefly: the reset an
        earlier answer gave may be another bucket's, a minute away."""
        self.remaining = 0
        if not reset_given or self.reset_at is None or self.reset_at <= now:
            self.reset_at = now + 1.0
