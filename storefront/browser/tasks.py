"""Starting work from event handlers: every task is kept referenced until it finishes (the
event loop holds only weak references), and a failure is reported once, in full."""

from __future__ import annotations

import asyncio
import traceback
from collections.abc import Coroutine
from typing import Any

import js

_running: set[asyncio.Future[Any]] = set()


def spawn(work: Coroutine[Any, Any, Any] | asyncio.Future[Any]) -> asyncio.Future[Any]:
    task = asyncio.ensure_future(work)
    _running.add(task)
    task.add_done_callback(_finished)
    return task


def _finished(task: asyncio.Future[Any]) -> None:
    _running.discard(task)
    if task.cancelled():
        return
    error = task.exception()
    if error is not None:
        js.console.error("".join(traceback.format_exception(error)))
