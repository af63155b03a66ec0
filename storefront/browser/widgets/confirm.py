"""Asking before something that cannot be taken back (deleting an address, stopping a
subscription): the page's one ``<dialog>``, modal, answered with a button or Escape."""

from __future__ import annotations

import asyncio
from typing import Any

from pyodide.ffi import create_once_callable

from .. import dom
from ..ffi import js_object


async def confirm(question: str) -> bool:
    """Shows ``question``; True when the shopper confirms, False when they cancel or press Escape."""
    dialog = dom.by_id("sf-confirm")
    dom.set_text(dialog, "message", question)
    answered: asyncio.Future[bool] = asyncio.get_running_loop().create_future()

    def closed(event: Any) -> None:
        if not answered.done():
            answered.set_result(str(dialog.returnValue) == "yes")

    dialog.returnValue = ""
    dialog.addEventListener("close", create_once_callable(closed), js_object({"once": True}))
    dialog.showModal()
    dom.slot(dialog, "no").focus()  # the safe answer is the one Enter gives
    return await answered
