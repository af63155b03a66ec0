"""JavaScript interop helpers that hide Pyodide's sharp edges.

JS ``null`` arrives as ``pyodide.ffi.jsnull`` (not ``None``) in Pyodide 0.28 and later, and
``str(jsnull)`` is ``"jsnull"``: every value read from JS goes through ``py_value`` first.
"""

from __future__ import annotations

from typing import Any

import js
from pyodide.ffi import create_proxy, to_js

try:
    from pyodide.ffi import jsnull
except ImportError:  # older Pyodide turned null into None
    jsnull = None


def is_none(value: Any) -> bool:
    return value is None or value is jsnull or (jsnull is None and value is None)


def py_value(value: Any) -> Any:
    return None if is_none(value) else value


def js_object(data: dict[str, Any]) -> Any:
    """A plain JS object (not a Map) from a Python dict, as ``fetch`` options need."""
    return to_js(data, dict_converter=js.Object.fromEntries)


class Listeners:
    """Event listeners owned by one view or widget, removed together when it goes away."""

    def __init__(self) -> None:
        self._entries: list[tuple[Any, str, Any]] = []

    def on(self, target: Any, event: str, handler: Any) -> None:
        proxy = create_proxy(handler)
        target.addEventListener(event, proxy)
        self._entries.append((target, event, proxy))

    def dispose(self) -> None:
        for target, event, proxy in self._entries:
            target.removeEventListener(event, proxy)
            proxy.destroy()
        self._entries.clear()


_page = Listeners()


def listen(target: Any, event: str, handler: Any) -> None:
    """A listener for the page's lifetime (header, cart drawer, router)."""
    _page.on(target, event, handler)
