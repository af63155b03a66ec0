"""The order page, by secret slug: status, lines, every amount, and how to pay.

E-payment instructions are created with ``POST …/payment`` when the order does not carry them
yet (the call is idempotent); the instructions themselves are the ``PaymentPanel`` widget.
"""

from __future__ import annotations

from typing import Any

import js

from ...amounts import Amounts, amount_rows
from ...api import StorefrontError
from ...api.models import Order
from ...labels import local_time, method_name, payment_label, status_label
from ...money import format_idr
from ...payment import needs_payment_call
from .. import dom
from ..links import link_to
from ..tasks import spawn
from ..widgets.amounts import render_amounts, render_lines
from ..widgets.payment_panel import PaymentPanel
from .base import View


class OrderView(View):
    template_id = "tpl-view-order"

    def mount(self) -> Any:
        root = super().mount()
        self.panel = self.own(
            PaymentPanel(self.ctx, dom.slot(root, "payment"), lambda: spawn(self.refresh()), self.show)
        )
        return root

    async def load(self) -> None:
        order = await self.fetching(self.order_with_instructions(), not_found=("title", "order.not_found"))
        if order is None:
            return
        self.on(dom.slot(self.root, "refresh"), "click", lambda e: spawn(self.refresh()))
        self.show(order)

    async def order_with_instructions(self, *, fresh: bool = False) -> Order:
        """The order (just placed, or read again), with e-payment instructions created if missing."""
        slug = self.route.params["slug"]
        order, self.ctx.cache.last_order = (None if fresh else self.ctx.cache.last_order), None
        if order is None or order.secret_slug != slug:
            order = await self.ctx.client.get_order(slug)
        if needs_payment_call(order):
            order = await self.ctx.client.create_payment(slug)
        return order

    async def refresh(self) -> None:
        button = dom.slot(self.root, "refresh")
        button.disabled = True
        try:
            order = await self.order_with_instructions(fresh=True)
        except StorefrontError as exc:
            self.ctx.shell.alert(self.ctx.describe(exc))
            return
        finally:
            button.disabled = False
        if self.current:
            self.show(order)
            self.ctx.shell.announce(status_label(self.t, order.status, order.payment_status))

    def show(self, order: Order) -> None:
        t, zone = self.t, self.ctx.config.timezone
        dom.set_text(self.root, "title", t("order.title", order_id=order.order_id))
        dom.slot(self.root, "order").hidden = False
        dom.set_text(self.root, "status", status_label(t, order.status))
        dom.set_text(self.root, "payment-status", payment_label(t, order.payment_status))
        methods = self.ctx.cache.payment_methods or ()
        dom.set_text(self.root, "method", f"{t('order.method')}: {method_name(t, order.payment_method, methods)}")
        expires = dom.slot(self.root, "expires")
        # COD is paid to the courier on delivery: no deadline to show.
        due = order.payment_expiration_at and not order.is_paid and order.payment_method != "cod"
        expires.textContent = (
            t("order.expires", time=local_time(order.payment_expiration_at or "", zone)) if due else ""
        )
        expires.hidden = not due
        whatsapp = dom.slot(self.root, "whatsapp")
        phone = "".join(ch for ch in order.handler_phone or "" if ch in "0123456789")
        text = js.encodeURIComponent(order.chat_message or order.order_id)
        link_to(whatsapp, f"https://wa.me/{phone}?text={text}" if phone else None, t)
        render_lines(
            dom.slot(self.root, "lines"),
            [
                (
                    line.title,
                    line.quantity,
                    format_idr(line.variant_price * line.quantity) if line.variant_price is not None else "",
                )
                for line in order.lines
            ],
        )
        render_amounts(dom.slot(self.root, "amounts"), amount_rows(Amounts.of_order(order)), t)
        self.panel.show(order)
