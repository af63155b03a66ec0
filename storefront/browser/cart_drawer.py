"""The cart drawer, openable from every page, and the header's cart badge.

It shows what the cart store publishes and sends the shopper's changes to it: a quantity
change shows at once and is replaced by the store's answer, or rolled back with a message if
the store refuses; every change is announced to screen readers.
"""

from __future__ import annotations

from typing import Any

import js

from ..api import StorefrontError
from ..api.models import CartLine
from ..cart_store import CartUpdate
from ..money import format_idr
from ..routes import href
from . import dom
from .component import Component
from .context import ViewContext
from .ffi import Listeners, py_value
from .tasks import spawn

MAX_QUANTITY = 100


class CartDrawer(Component):
    def __init__(self, ctx: ViewContext) -> None:
        super().__init__(ctx, dom.by_id("cart-drawer"))
        self.backdrop = dom.by_id("cart-backdrop")
        self.button = dom.by_id("cart-button")
        self.lines = dom.by_id("cart-lines")
        self.line_listeners = self.own(Listeners())
        self.loaded = False

    def install(self) -> None:
        self.on(self.button, "click", lambda e: self.open())
        self.on(dom.by_id("cart-close"), "click", lambda e: self.close())
        self.on(self.backdrop, "click", lambda e: self.close())
        self.on(self.root, "keydown", self._on_key)
        self.on(dom.by_id("cart-checkout"), "click", lambda e: self.close(restore_focus=False))
        self.listen(self.ctx.cart.changed, self.show)
        self.button.disabled = False

    # -- opening -----------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return not self.root.hidden

    def open(self) -> None:
        self.root.hidden = False
        self.backdrop.hidden = False
        self.button.setAttribute("aria-expanded", "true")
        dom.by_id("cart-title").focus()
        if not self.loaded:
            spawn(self.load())

    def close(self, restore_focus: bool = True) -> None:
        if not self.is_open:
            return
        self.root.hidden = True
        self.backdrop.hidden = True
        self.button.setAttribute("aria-expanded", "false")
        if restore_focus:
            self.button.focus()

    def _on_key(self, event: Any) -> None:
        if event.key == "Escape":
            self.close()
        elif event.key == "Tab":  # keep focus inside the open dialog
            focusable = [
                e
                for e in self.root.querySelectorAll("a[href], button:not([disabled]), input")
                if not e.closest("[hidden]")
            ]
            if not focusable:
                return
            first, last = focusable[0], focusable[-1]
            active = js.document.activeElement
            if event.shiftKey and (active == first or active == dom.by_id("cart-title")):
                event.preventDefault()
                last.focus()
            elif not event.shiftKey and active == last:
                event.preventDefault()
                first.focus()

    # -- data --------------------------------------------------------------------------------

    async def load(self) -> None:
        try:
            await self.ctx.cart.load()
        except StorefrontError as exc:
            self.show_error(exc)

    async def change(self, line: CartLine, quantity: int) -> None:
        try:
            cart = await self.ctx.cart.change(line, quantity)
        except StorefrontError as exc:
            self.ctx.shell.alert(self.ctx.describe(exc))
            return
        if quantity < 1:
            self.ctx.shell.announce(self.t("cart.removed", name=line.name or ""))
        else:
            self.ctx.shell.announce(self.t("cart.updated", count=cart.item_count))

    # -- rendering ---------------------------------------------------------------------------

    def show(self, update: CartUpdate) -> None:
        cart = update.cart
        self.loaded = self.loaded or update.settled
        dom.by_id("cart-loading").hidden = True
        dom.by_id("cart-error").replaceChildren()
        dom.by_id("cart-count").textContent = str(cart.item_count)
        self.button.setAttribute("aria-label", f"{self.t('nav.cart')}: {cart.item_count}")
        self.line_listeners.dispose()
        dom.clear(self.lines)
        for line in cart.lines:
            self.lines.append(self._line(line, line.id in update.pending))
        dom.by_id("cart-empty").hidden = bool(cart.lines)
        dom.by_id("cart-foot").hidden = not cart.lines
        if cart.total is not None:
            dom.by_id("cart-total").textContent = format_idr(cart.total)

    def refresh_language(self) -> None:
        """Re-renders the lines in the language just chosen."""
        if self.ctx.cart.cart is not None:
            self.show(CartUpdate(self.ctx.cart.cart, True, frozenset(self.ctx.cart.pending)))

    def _line(self, line: CartLine, pending: bool) -> Any:
        node = dom.clone("tpl-cart-line")
        name = line.name or ""
        node.classList.toggle("pending", pending)
        dom.set_text(node, "name", name)
        link = dom.slot(node, "link")
        if line.slug:
            link.href = href("bundle" if line.is_bundle else "product", slug=line.slug)
            self.line_listeners.on(link, "click", lambda e: self.close(restore_focus=False))
        dom.set_text(node, "variant", line.variant_name or "")
        dom.set_text(node, "unit-price", format_idr(line.unit_price) if line.unit_price is not None else "")
        dom.set_text(node, "line-total", format_idr(line.line_total) if line.line_total is not None else "")
        if line.image:
            dom.slot(node, "image").src = line.image
        quantity = dom.slot(node, "quantity")
        quantity.value = str(line.quantity)
        quantity.setAttribute("aria-label", self.t("cart.quantity_of", name=name))
        minus, plus, remove = dom.slot(node, "minus"), dom.slot(node, "plus"), dom.slot(node, "remove")
        minus.setAttribute("aria-label", f"{self.t('product.decrease')}: {name}")
        plus.setAttribute("aria-label", f"{self.t('product.increase')}: {name}")
        remove.setAttribute("aria-label", self.t("cart.remove", name=name))
        self.line_listeners.on(minus, "click", lambda e: spawn(self.change(line, line.quantity - 1)))
        self.line_listeners.on(plus, "click", lambda e: spawn(self.change(line, line.quantity + 1)))
        self.line_listeners.on(remove, "click", lambda e: spawn(self.change(line, 0)))

        def typed(event: Any) -> None:
            try:
                wanted = int(str(py_value(quantity.value) or ""))
            except ValueError:
                quantity.value = str(line.quantity)
                return
            if wanted != line.quantity:
                spawn(self.change(line, max(0, min(wanted, MAX_QUANTITY))))

        self.line_listeners.on(quantity, "change", typed)
        return node

    def show_error(self, error: Exception) -> None:
        dom.by_id("cart-loading").hidden = True
        box = dom.clone("tpl-error")
        dom.set_text(box, "message", self.ctx.describe(error))
        self.line_listeners.on(dom.slot(box, "retry"), "click", lambda e: spawn(self.load()))
        dom.by_id("cart-error").replaceChildren(box)
