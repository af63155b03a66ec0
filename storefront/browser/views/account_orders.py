"""The account's orders, newest first and a page at a time, and one order's page with the same
payment instructions as the guest order page."""

from __future__ import annotations

from typing import Any

from ...api import StorefrontError
from ...api.models import Order
from ...labels import local_time, status_label
from ...money import format_idr
from ...payment import needs_payment_call
from ...routes import href
from .. import dom
from ..tasks import spawn
from .base import View
from .order import OrderView

PAGE_SIZE = 10


class OrdersView(View):
    template_id = "tpl-view-account_orders"

    def mount(self) -> Any:
        root = super().mount()
        self.cursor: str | None = None
        self.more = dom.slot(root, "more")
        self.on(self.more, "click", lambda e: spawn(self.load_more()))
        return root

    async def load(self) -> None:
        page = await self.fetching(self.ctx.client.list_orders(page_size=PAGE_SIZE))
        if page is None:
            return
        dom.slot(self.root, "loading").hidden = True
        dom.slot(self.root, "empty").hidden = bool(page.items)
        self.show(page.items, page.next_cursor if page.has_next else None)

    def show(self, orders: tuple[Order, ...], cursor: str | None) -> None:
        holder = dom.slot(self.root, "list")
        for order in orders:
            holder.append(self.row(order))
        self.cursor = cursor
        self.more.hidden = cursor is None

    def row(self, order: Order) -> Any:
        node = dom.clone("tpl-order-row")
        dom.slot(node, "link").href = href("account_order", id=order.id)
        dom.set_text(node, "number", order.order_id)
        placed = local_time(order.created_at, self.ctx.config.timezone) if order.created_at else ""
        dom.set_text(node, "placed", self.t("orders.placed", time=placed) if placed else "")
        dom.set_text(node, "status", status_label(self.t, order.status, order.payment_status))
        dom.set_text(node, "total", format_idr(order.gross_revenue))
        dom.set_text(node, "items", ", ".join(line.title for line in order.lines))
        return node

    async def load_more(self) -> None:
        self.more.disabled = True
        try:
            page = await self.ctx.client.list_orders(page_size=PAGE_SIZE, cursor=self.cursor)
        except StorefrontError as exc:
            self.ctx.shell.alert(self.ctx.describe(exc))
            return
        finally:
            self.more.disabled = False
        if self.current:
            first_new = len(dom.slot(self.root, "list").children)
            self.show(page.items, page.next_cursor if page.has_next else None)
            added = dom.slot(self.root, "list").children
            if len(added) > first_new:
                added[first_new].querySelector("a").focus()  # the shopper carries on reading there


class AccountOrderView(OrderView):
    """One of the account's orders, by its id (the guest page reads orders by secret slug)."""

    template_id = "tpl-view-account_order"

    async def order_with_instructions(self, *, fresh: bool = False) -> Order:
        order = await self.ctx.client.get_customer_order(self.route.params["id"])
        if needs_payment_call(order):
            order = await self.ctx.client.create_payment(order.secret_slug)
        return order
