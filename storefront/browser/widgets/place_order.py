"""The place-order button of checkout.

- The order is sent once, even on a double click.
- It is not sent while the total on screen is not the store's for the choices on screen: the
  button says so (``aria-disabled`` and the reason under it), and a press shows the reason.
  Before there is a total to wait for (no delivery location yet), the reason is only a hint:
  a press shows the fields still to fill.
- A lost answer is never answered with "try again" blindly: ``OrderPlacer`` finds out whether
  the order exists, and the shopper is taken to it when it does. When that cannot be found out
  yet, the form is put away (so no second order can be placed meanwhile), the shopper is told
  and can check again (a reload checks too); when no order was made, the form comes back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...api import ApiError, StorefrontError
from ...api.models import Order
from ...checkout_form import api_field_errors
from ...order_placing import OrderPlacer, OrderProbablyPlaced, OrderUnknown
from .. import dom
from ..component import Component
from ..context import ViewContext
from ..storage import WebStorage
from ..tasks import spawn
from .field_errors import FieldErrors


class PlaceOrder(Component):
    def __init__(
        self,
        ctx: ViewContext,
        root: Any,
        errors: FieldErrors,
        *,
        validate: Callable[[], bool],
        body: Callable[[], tuple[dict[str, Any], bool]],
        blocked: Callable[[], tuple[str | None, bool]],
        on_placed: Callable[[Order | None], None],
    ) -> None:
        super().__init__(ctx, root)
        self.errors = errors
        self.validate, self.body, self.blocked, self.on_placed = validate, body, blocked, on_placed
        self.placer = OrderPlacer(ctx.client, WebStorage("sessionStorage"))
        self.button = dom.slot(root, "place")
        self.reason = dom.slot(root, "place-reason")
        self.check = dom.slot(root, "order-check")
        self.form = dom.slot(root, "form")
        self.placing = False
        self.was_shown = False  # whether the form was on screen before an order check put it away
        self.on(self.form, "submit", self.submitted)
        self.on(dom.slot(self.check, "again"), "click", lambda e: spawn(self.resume()))

    def gate(self) -> None:
        """Shows whether the order may be placed now, and why not."""
        reason, held = self.blocked()
        self.button.setAttribute("aria-disabled", "true" if held else "false")
        self.reason.textContent = self.t(reason) if reason else ""
        self.reason.hidden = not reason

    def submitted(self, event: Any) -> None:
        event.preventDefault()
        if self.placing:
            return
        # Set here, in the event handler, not in the coroutine: a double click's second
        # submit arrives before a scheduled coroutine would run.
        self.placing = True
        self.button.disabled = True
        self.button.textContent = self.t("checkout.placing")
        spawn(self._place())

    async def _place(self) -> None:
        self.errors.hide_form()
        try:
            if not self.validate():
                return
            reason, held = self.blocked()
            if held and reason:
                self.errors.form(self.t(reason))
                return
            body, account = self.body()
            await self._settle(self.placer.place(body, account=account))
        finally:
            self.placing = False
            self.button.disabled = False
            self.button.textContent = self.t("checkout.place")

    async def resume(self) -> bool:
        """Finds out what became of an order sent before a lost answer or a reload. True when
        that settled the page (the order was found, or cannot be checked yet); False when
        nothing was pending or no order was made (the form is for the shopper again)."""
        if self.placer.pending() is None:
            return False
        self._checking(self.t("checkout.order_checking"), again=False)
        return await self._settle(self.placer.recover())

    async def _settle(self, attempt: Any) -> bool:
        """Shows how an attempt ended; True unless it ended with no order made."""
        try:
            order = await attempt
        except OrderUnknown:
            self._checking(self.t("checkout.order_unknown"), again=True)
            spawn(self.ctx.cart.reread())  # an emptied cart shows the order went through
            return True
        except OrderProbablyPlaced:
            self._checking(self.t("checkout.order_probably_placed"), again=False)
            self.on_placed(None)
            return True
        except ApiError as exc:
            self._form_again()
            fields = {k: v for k, v in api_field_errors(exc, self.t).items() if k != "form"}
            if fields:
                self.errors.report(fields, self.ctx.describe(exc))
            else:
                self.errors.form(self.ctx.describe(exc))
            return False
        except StorefrontError as exc:
            self._form_again()
            self.errors.form(self.ctx.describe(exc))
            return False
        self.check.hidden = True
        self.on_placed(order)
        return True

    def _checking(self, message: str, *, again: bool) -> None:
        """Says what is known of the order sent, with the form put away meanwhile."""
        self.was_shown = self.was_shown or not self.form.hidden
        self.form.hidden = True
        dom.set_text(self.check, "message", message)
        dom.slot(self.check, "again").hidden = not again
        self.check.hidden = False
        self.check.focus()

    def _form_again(self) -> None:
        """No order was made: the form, as it was, is the shopper's again."""
        self.check.hidden = True
        if self.was_shown:
            self.form.hidden = False
