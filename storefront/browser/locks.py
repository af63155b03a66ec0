"""One token refresh at a time across every tab of the shop, with the Web Locks API.

Refresh tokens are single-use: two tabs refreshing together would make Scalev see a reuse and
revoke the whole sign-in. Each tab takes the ``scalev-token-refresh`` lock; once it holds it,
the client re-reads storage and skips the refresh when another tab already rotated the pair.
Browsers without Web Locks fall back to a lock inside this tab.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import js
from pyodide.ffi import create_once_callable

from ..api.client import RefreshLock
from .ffi import py_value
from .tasks import spawn

LOCK_NAME = "scalev-token-refresh"


class WebLocksRefreshLock(RefreshLock):
    async def run(self, job: Callable[[], Awaitable[None]]) -> None:
        locks = py_value(getattr(js.navigator, "locks", None))
        if locks is None:
            await super().run(job)
            return
        outcome: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        async def holder(lock: object) -> None:
            try:
                await job()
            except BaseException as exc:  # handed back to the caller below
                outcome.set_exception(exc)
            else:
                outcome.set_result(None)

        def start(lock: object) -> object:
            return spawn(holder(lock))

        await locks.request(LOCK_NAME, create_once_callable(start))
        await outcome
