"""Request economy: identical reads in flight share one request, and catalog reads are kept
for a short while in memory and in session storage, so moving between pages does not refetch
what was just shown (and a reload of the same tab starts warm)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from .storage import Storage

T = TypeVar("T")
CACHE_PREFIX = "scalev_cache:"


class ReadCache:
    def __init__(self, now: Callable[[], float], storage: Storage | None = None, ttl: float = 120.0) -> None:
        self.now = now
        self.storage = storage
        self.ttl = ttl
        self.memory: dict[str, tuple[float, Any]] = {}

    def get(self, key: str) -> Any | None:
        found = self.memory.get(key)
        if found is None and self.storage is not None:
            raw = self.storage.get(CACHE_PREFIX + key)
            if raw:
                try:
                    expires, value = json.loads(raw)
                    found = (float(expires), value)
                    self.memory[key] = found
                except (ValueError, TypeError):
                    found = None
        if found is None:
            return None
        if found[0] <= self.now():
            self.forget(key)
            return None
        return found[1]

    def put(self, key: str, value: Any) -> None:
        expires = self.now() + self.ttl
        self.memory[key] = (expires, value)
        if self.storage is not None:
            try:
                self.storage.set(CACHE_PREFIX + key, json.dumps([expires, value], separators=(",", ":")))
            except (TypeError, ValueError):
                pass  # not JSON: memory only

    def forget(self, key: str) -> None:
        self.memory.pop(key, None)
        if self.storage is not None:
            self.storage.remove(CACHE_PREFIX + key)

    def spoiled(self, key: str, reason: str) -> None:
        """A cached answer that no longer parses: forgotten, and reported like any unreadable
        stored value (the storage's ``discarded`` hook, a console warning in the browser)."""
        self.forget(key)
        report = getattr(self.storage, "discarded", None)
        if callable(report):
            report(CACHE_PREFIX + key, reason)

    def clear(self) -> None:
        for key in list(self.memory):
            self.forget(key)


class SingleFlight:
    """Concurrent calls with the same key wait for the first one's result."""

    def __init__(self) -> None:
        self.pending: dict[str, asyncio.Future[Any]] = {}

    async def run(self, key: str, call: Callable[[], Awaitable[T]]) -> T:
        if key in self.pending:
            return await asyncio.shield(self.pending[key])
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self.pending[key] = future
        try:
            result = await call()
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # mark retrieved: waiters re-raise it themselves
            raise
        else:
            future.set_result(result)
            return result
        finally:
            del self.pending[key]
