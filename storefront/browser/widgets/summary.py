"""The checkout's summary column: the cart's lines and the store's own totals.

The totals always come from the store (``POST …/checkout/summary``) for the exact choices on
screen; an equal request is answered from the last summary, and only the latest request's
answer is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ...amounts import AmountRow, Amounts, amount_rows
from ...api import StorefrontError
from ...api.models import Cart, CheckoutSummary
from ...checkout_plan import SummaryRequest
from ...money import format_idr
from ...signals import Latest
from .. import dom
from ..component import Component
from ..context import ViewContext
from .amounts import render_amounts, render_lines

#: What the amounts on screen are: the store's for the current choices, being worked out, not
#: worked out (the store failed), or waiting for a delivery location.
CURRENT, UPDATING, FAILED, LOCATION = "current", "updating", "failed", "location"


class SummaryPanel(Component):
    def __init__(
        self, ctx: ViewContext, root: Any, on_error: Callable[[Exception], None], on_state: Callable[[], None]
    ) -> None:
        super().__init__(ctx, root)
        self.on_error = on_error
        self.on_state = on_state
        self.summary: CheckoutSummary | None = None
        self.request: SummaryRequest | None = None  # what ``summary`` answers
        self.discount: tuple[str, Decimal] | None = None
        self.state = UPDATING
        self.turn = Latest()
        self.amounts = dom.slot(root, "amounts")

    def show_lines(self, cart: Cart) -> None:
        self.cart = cart
        render_lines(
            dom.slot(self.root, "review"),
            [
                (
                    f"{line.name or ''} – {line.variant_name}" if line.variant_name else line.name or "",
                    line.quantity,
                    format_idr(line.line_total) if line.line_total is not None else "",
                )
                for line in cart.lines
            ],
        )

    def is_current_for(self, request: SummaryRequest) -> bool:
        return self.summary is not None and self.request == request

    def hold(self, request: SummaryRequest) -> tuple[str | None, bool]:
        """Why an order for ``request`` cannot be placed at the total shown (a message key),
        and whether that holds it back (a missing location is for the field checks to say)."""
        if self.state == LOCATION:
            return "checkout.reason.location", False
        if self.is_current_for(request):
            return None, False
        return ("checkout.reason.failed" if self.state == FAILED else "checkout.reason.updating"), True

    def _set(self, state: str) -> None:
        self.state = state
        self.amounts.classList.toggle("stale", state != CURRENT)
        self.amounts.setAttribute("aria-busy", "true" if state == UPDATING else "false")
        self.on_state()

    def failed(self) -> None:
        """What the total depends on could not be read (the couriers): no total holds."""
        self.turn.take()  # an answer still on its way answers older choices
        self._set(FAILED)

    async def refresh(self, request: SummaryRequest, *, needs_location: bool = False) -> None:
        """Asks the store for the totals of ``request``; only the latest request's answer is
        shown. A physical order without a destination has no total yet: the store would refuse
        it, so it is not asked."""
        turn = self.turn.take()
        if needs_location:
            self.summary = self.request = None
            products = self.cart.total if getattr(self, "cart", None) is not None else None
            render_amounts(self.amounts, [AmountRow("checkout.products", products)] if products else [], self.t)
            self._set(LOCATION)
            return
        if self.is_current_for(request):
            self.render()
            self._set(CURRENT)
            return
        self._set(UPDATING)
        try:
            summary = await self.ctx.client.checkout_summary(request.quote)
        except StorefrontError as exc:
            if self.turn.is_current(turn):
                self._set(FAILED)
                self.on_error(exc)
            return
        if self.turn.is_current(turn):
            self.summary, self.request = summary, request
            self.render()
            self._set(CURRENT)

    def render(self) -> None:
        if self.summary is None or self.request is None:
            return
        amounts = Amounts.of_summary(self.summary, self.request.ships_somewhere, self.discount)
        render_amounts(self.amounts, amount_rows(amounts), self.t)
