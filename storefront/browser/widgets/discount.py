"""The discount code box: apply (button or Enter), remove, and the store's verdict; what is
typed is reported as it is typed (``on_typed``), so a draft keeps it.

The code is checked against the current choices (``quote``); the box reports the code kept
(or None) and its discount through ``on_change``.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ...api import StorefrontError
from ...api.models import DiscountCheck
from ...api.shapes import Quote
from ...money import format_idr
from .. import dom
from ..component import Component
from ..context import ViewContext
from ..ffi import py_value
from ..tasks import spawn


class DiscountBox(Component):
    def __init__(
        self,
        ctx: ViewContext,
        root: Any,
        quote: Callable[[], Quote],
        on_change: Callable[[str | None, Decimal | None], None],
        on_typed: Callable[[str], None],
    ) -> None:
        super().__init__(ctx, root)
        self.quote = quote
        self.on_change = on_change
        self.input = dom.by_id_in(root, "co-discount_code")
        self.message = dom.slot(root, "discount-message")
        self.remove_button = dom.slot(root, "discount-remove")
        self.on(dom.slot(root, "discount-apply"), "click", lambda e: spawn(self.apply()))
        self.on(self.remove_button, "click", lambda e: self.remove())
        self.on(self.input, "keydown", self._key)
        self.on(self.input, "input", lambda e: on_typed(str(py_value(self.input.value) or "")))

    def fill(self, code: str) -> None:
        self.input.value = code

    def _key(self, event: Any) -> None:
        if event.key == "Enter":
            event.preventDefault()
            spawn(self.apply())

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.textContent = text
        self.message.classList.toggle("error", error)

    async def check(self, code: str) -> DiscountCheck:
        """The store's verdict on ``code`` for the choices as they are when it arrives (asked
        again when they changed meanwhile)."""
        while True:
            asked = self.quote()
            result = await self.ctx.client.check_discount(code, asked)
            if self.quote() == asked:
                return result

    async def apply(self) -> None:
        code = str(py_value(self.input.value) or "").strip().upper()
        self._say("")
        if not code:
            return
        try:
            result = await self.check(code)
        except StorefrontError as exc:
            self._say(self.ctx.describe(exc), error=True)
            return
        if result.is_eligible:
            self._say(self.t("checkout.discount_ok", code=code, amount=format_idr(result.discount)))
            self.remove_button.hidden = False
            self.on_change(code, result.discount)
        else:
            self._say(self.t("checkout.discount_bad", code=code), error=True)
            self.on_change(None, None)

    def remove(self) -> None:
        self.input.value = ""
        self._say("")
        self.remove_button.hidden = True
        self.on_change(None, None)
