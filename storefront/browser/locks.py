"""One token refresh at a time across every tab of the shop, with the Web Locks API.

Refresh tokens are single-use: two tabs refreshing together would make Scalev see a reuse and
revoke the whole sign-in. Each tab takes the ``scalev-token-refresh`` lock; once it holds it,
the client re-reads storage and skips the refresh when another tab already rotated the pair.
Browsers without Web Locks fall back to a lock inside this tab.

A tab's ``localStorage`` can lag a moment behind another tab's writes; ``spent_tokens`` tells
the next holder when it is still reading the refresh token the last one spent.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import js
from pyodide.ffi import create_once_callable

from ..api.client import RefreshLock
from ..api.storage import REFRESH_TOKEN_KEY, Storage
from .ffi import py_value
from .spent_tokens import fingerprint, last_spent, note_spent
from .tasks import spawn

LOCK_NAME = "scalev-token-refresh"
#: How long a holder waits for its localStorage to show the pair another tab just stored.
CATCH_UP_SECONDS = 3.0


class WebLocksRefreshLock(RefreshLock):
    def __init__(self, storage: Storage) -> None:
        super().__init__()
        self.storage = storage

    async def run(self, job: Callable[[], Awaitable[None]]) -> None:
        locks = py_value(getattr(js.navigator, "locks", None))
        if locks is None:
            await super().run(job)
            return
        outcome: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        async def holder(lock: object) -> None:
            try:
                before = await self.caught_up()
                await job()
                if before is not None and self.storage.get(REFRESH_TOKEN_KEY) != before:
                    await note_spent(before)
            except BaseException as exc:  # handed back to the caller below
                outcome.set_exception(exc)
            else:
                outcome.set_result(None)

        def start(lock: object) -> object:
            return spawn(holder(lock))

        await locks.request(LOCK_NAME, create_once_callable(start))
        await outcome

    async def caught_up(self) -> str | None:
        """The stored refresh token once it is not the one the last renewal spent (waiting for
        another tab's write to arrive). If none arrives in time, the spent token is what there
        is: the refresh then tells whether the session still stands (it ends when it does not)."""
        token = self.storage.get(REFRESH_TOKEN_KEY)
        if token is None or await last_spent() != fingerprint(token):
            return token
        loop = asyncio.get_running_loop()
        deadline = loop.time() + CATCH_UP_SECONDS
        while (token := self.storage.get(REFRESH_TOKEN_KEY)) is not None and fingerprint(token) == (await last_spent()):
            if loop.time() > deadline:
                break
            await asyncio.sleep(0.02)
        return token
