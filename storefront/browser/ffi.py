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


_proxies: list[Any] = []


def listen(target: Any, event: str, handler: Any) -> None:
    """``addEventListener`` with a proxy kept alive for the page's lifetime."""
    proxy = create_proxy(handler)
    _proxies.append(proxy)
    target.addEventListener(event, proxy)
