"""Which refresh token the last renewal spent, kept where every tab reads the same thing.

Each tab's process keeps its own copy of ``localStorage``, updated a moment after another tab
writes. A tab that takes the refresh lock right after another one renewed the pair can still
read the refresh token just spent, and spending it again ends the sign-in in every tab (Scalev
revokes the whole family on reuse; measured: 12 ms after the first renewal, the second tab
sent the old token). IndexedDB is read from the browser's one copy, so the lock holder notes
the token it spent there before letting go, and the next holder waits until its own
``localStorage`` has caught up. Only a fingerprint is kept, never a token.

Without IndexedDB (some privacy modes), nothing is noted and nothing waits.
"""

from __future__ import annotations

import asyncio
import hashlib
from typing import Any

import js
from pyodide.ffi import JsException, create_once_callable, create_proxy

from .ffi import py_value

DATABASE = "storefront"
STORE = "token-renewals"
KEY = "spent"


def fingerprint(refresh_token: str) -> str:
    return hashlib.sha256(refresh_token.encode()).hexdigest()[:32]


async def last_spent() -> str | None:
    """The fingerprint of the refresh token the last renewal spent, if known."""
    try:
        database = await _open()
        if database is None:
            return None
        request = database.transaction(STORE, "readonly").objectStore(STORE).get(KEY)
        value = py_value(await _settled(request, "success"))
        database.close()
    except (JsException, OSError):
        return None
    return value if isinstance(value, str) else None


async def note_spent(refresh_token: str) -> None:
    """Notes the refresh token a renewal just spent; done once the browser has it."""
    try:
        database = await _open()
        if database is None:
            return
        transaction = database.transaction(STORE, "readwrite")
        transaction.objectStore(STORE).put(fingerprint(refresh_token), KEY)
        await _settled(transaction, "complete")
        database.close()
    except (JsException, OSError):
        return


async def _open() -> Any:
    factory = py_value(getattr(js.window, "indexedDB", None))
    if factory is None:
        return None
    request = factory.open(DATABASE, 1)
    request.onupgradeneeded = create_once_callable(lambda event: request.result.createObjectStore(STORE))
    await _settled(request, "success")
    return request.result


async def _settled(target: Any, event: str) -> Any:
    """Waits (2 s at most) for ``event``, or ``error``/``abort``, on an IndexedDB request or
    transaction."""
    done: asyncio.Future[Any] = asyncio.get_running_loop().create_future()

    def succeeded(_: Any) -> None:
        if not done.done():
            done.set_result(getattr(target, "result", None))

    def failed(_: Any) -> None:
        if not done.done():
            done.set_exception(OSError(f"IndexedDB: {getattr(target, 'error', None)}"))

    handlers = [create_proxy(succeeded), create_proxy(failed)]
    setattr(target, f"on{event}", handlers[0])
    target.onerror = target.onabort = handlers[1]
    try:
        return await asyncio.wait_for(done, timeout=2)
    finally:
        for handler in handlers:
            handler.destroy()
