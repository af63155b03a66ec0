"""The checkout's summary column: the cart's lines and the store's own totals.

The totals always come from the store (``POST …/checkout/summary``) for the exact choices on
screen; an equal request is answered from the last summary, and only the latest request's
answer is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ...amounts import Amounts, amount_rows
from ...api import StorefrontError
from ...api.models import Cart, CheckoutSummary
from ...checkout_plan import SummaryRequest
from ...money import format_idr
from ...signals import Latest
from .. import dom
from ..component import Component
from ..context import ViewContext
from .amounts import render_amounts, render_lines


class SummaryPanel(Component):
    def __init__(self, ctx: ViewContext, root: Any, on_error: Callable[[Exception], None]) -> None:
        super().__init__(ctx, root)
        self.on_error = on_error
        self.summary: CheckoutSummary | None = None
        self.request: SummaryRequest | None = None  # what ``summary`` answers
        self.discount: tuple[str, Decimal] | None = None
        self.turn = Latest()
        self.amounts = dom.slot(root, "amounts")

    def show_lines(self, cart: Cart) -> None:
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

    async def refresh(self, request: SummaryRequest) -> None:
        if self.is_current_for(request):
            self.render()
            return
        turn = self.turn.take()
        self.amounts.setAttribute("aria-busy", "true")
        try:
            summary = await self.ctx.client.checkout_summary(request.quote)
        except StorefrontError as exc:
            if self.turn.is_current(turn):
                self.on_error(exc)
            return
        if self.turn.is_current(turn):
            self.summary, self.request = summary, request
            self.render()

    def render(self) -> None:
        self.amounts.setAttribute("aria-busy", "false" if self.summary else "true")
        if self.summary is None or self.request is None:
            return
        amounts = Amounts.of_summary(self.summary, self.request.ships_somewhere, self.discount)
        render_amounts(self.amounts, amount_rows(amounts), self.t)
