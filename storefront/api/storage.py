"""Where the client keeps tokens and cached reads: a small key-value interface.

The browser uses ``localStorage`` (tokens) and ``sessionStorage`` (cache) with an in-memory
fallback when they are unavailable or full; CPython and tests use ``MemoryStorage``.
"""

from __future__ import annotations

from typing import Protocol

GUEST_TOKEN_KEY = "scalev_guest_token"
ACCESS_TOKEN_KEY = "scalev_customer_token"
REFRESH_TOKEN_KEY = "scalev_customer_refresh_token"
ACCESS_EXPIRES_KEY = "scalev_customer_token_expires_at"


class Storage(Protocol):
    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None: ...

    def remove(self, key: str) -> None: ...


class MemoryStorage:
    def __init__(self) -> None:
        self.data: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self.data.get(key)

    def set(self, key: str, value: str) -> None:
        self.data[key] = value

    def remove(self, key: str) -> None:
        self.data.pop(key, None)
