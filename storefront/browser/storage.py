"""Browser storage for the client: ``localStorage`` for tokens (shared by tabs, kept across
visits) and ``sessionStorage`` for cached reads (one tab, one visit).

Either may be missing (privacy modes, sandboxed frames) or full; the client then falls back
to memory for that key and the shop keeps working for the visit.
"""

from __future__ import annotations

from typing import Any

import js
from pyodide.ffi import JsException

from ..api.storage import MemoryStorage
from .ffi import py_value


class WebStorage:
    def __init__(self, name: str) -> None:
        self.fallback = MemoryStorage()
        try:
            self.backend: Any = getattr(js.window, name)
            probe = "__storefront_probe__"
            self.backend.setItem(probe, "1")
            self.backend.removeItem(probe)
        except (JsException, AttributeError):
            self.backend = None

    def get(self, key: str) -> str | None:
        if key in self.fallback.data:
            return self.fallback.get(key)
        if self.backend is None:
            return None
        try:
            value = py_value(self.backend.getItem(key))
        except JsException:
            return None
        return None if value is None else str(value)

    def set(self, key: str, value: str) -> None:
        if self.backend is not None:
            try:
                self.backend.setItem(key, value)
                self.fallback.remove(key)
                return
            except JsException:  # quota exceeded: keep it for this visit
                pass
        self.fallback.set(key, value)

    def discarded(self, key: str, reason: str) -> None:
        """A stored value was unreadable and is gone: said in the console, for whoever debugs."""
        js.console.warn(f"storefront: discarded the stored {key!r} ({reason})")

    def remove(self, key: str) -> None:
        self.fallback.remove(key)
        if self.backend is not None:
            try:
                self.backend.removeItem(key)
            except JsException:
                pass
