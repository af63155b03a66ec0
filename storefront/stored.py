"""Reading what the shop keeps in the browser's storage, whoever wrote it.

Storage outlives versions of the shop and can be edited by hand, so a stored value is never
trusted: anything that is not the JSON shape expected is discarded (removed, and reported
through the storage's ``discarded`` hook, a console warning in the browser) and the caller
starts afresh.
"""

from __future__ import annotations

import json
from typing import Any

from .api.storage import Storage


def read_json(storage: Storage, key: str, shape: type | tuple[type, ...] = dict) -> Any:
    """The JSON at ``key`` when it is a ``shape``; None (and the value gone) otherwise."""
    text = storage.get(key)
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        value = _Unreadable
    if isinstance(value, shape):
        return value
    discard(storage, key, "not JSON" if value is _Unreadable else f"not a {getattr(shape, '__name__', shape)}")
    return None


def write_json(storage: Storage, key: str, value: Any) -> None:
    storage.set(key, json.dumps(value, separators=(",", ":")))


def discard(storage: Storage, key: str, reason: str) -> None:
    storage.remove(key)
    report = getattr(storage, "discarded", None)
    if callable(report):
        report(key, reason)


class _Unreadable:
    """Marks text that did not parse as JSON."""
