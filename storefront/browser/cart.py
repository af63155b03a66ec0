"""The cart drawer, openable from every page.

Quantity changes and removals show at once and are then replaced by the server's answer (or
rolled back with a message if it refuses); every change is announced to screen readers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import js

from ..api import StorefrontError
from ..api.models import Cart, CartLine
from ..api.shapes import Item
from ..money import format_idr
from ..routes import href
from . import dom
from .ffi import Listeners, listen, py_value
from .tasks import spawn

if TYPE_CHECKING:
    from .app import App


class CartDrawer:
    def __init__(self, app: "App") -> None:
        self.app = app
        self.cart: Cart | None = None
        self.drawer = dom.by_id("cart-drawer")
        self.backdrop = dom.by_id("cart-backdrop")
        self.button = dom.by_id("cart-button")
        self.lines = dom.by_id("cart-lines")
        self.pending: set[int] = set()
        self.line_listeners = Listeners()

    @property
    def t(self):  # type: ignore[no-untyped-def]
        return self.app.t  # follows the language switch

    def install(self) -> None:
        listen(self.button, "click", lambda e: self.open())
        listen(dom.by_id("cart-close"), "click", lambda e: self.close())
        listen(self.backdrop, "click", lambda e: self.close())
        listen(self.drawer, "keydown", self._on_key)
        listen(dom.by_id("cart-checkout"), "click", lambda e: self.close(restore_focus=False))
        self.button.disabled = False

    # -- opening -----------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return not self.drawer.hidden

    def open(self) -> None:
        self.drawer.hidden = False
        self.backdrop.hidden = False
        self.button.setAttribute("aria-expanded", "true")
        dom.by_id("cart-title").focus()
        if self.cart is None:
            spawn(self.load())

    def close(self, restore_focus: bool = True) -> None:
        if not self.is_open:
            return
        self.drawer.hidden = True
        self.backdrop.hidden = True
        self.button.setAttribute("aria-expanded", "false")
        if restore_focus:
            self.button.focus()

    def _on_key(self, event: Any) -> None:
        if event.key == "Escape":
            self.close()
        elif event.key == "Tab":  # keep focus inside the open dialog
            focusable = [e for e in self.drawer.querySelectorAll("a[href], button:not([disabled]), input")
                         if not e.closest("[hidden]")]
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
        """Reads the cart, unless there is no guest token yet (then it is empty by definition)."""
        if not self.app.client.session.guest_token:
            self.show(Cart(None, 0, None, ()))
            return
        try:
            self.show(await self.app.client.get_cart())
        except StorefrontError as exc:
            self.show_error(exc)

    async def add(self, item: Item, name: str) -> Cart:
        cart = await self.app.client.add_to_cart(item)
        self.show(cart)
        self.app.announce(self.t("product.added", name=name))
        return cart

    async def change(self, line: CartLine, quantity: int) -> None:
        """Shows the new quantity (0 removes the line) at once, then the server's answer; a
        refusal restores the cart as it was and says why."""
        previous = self.cart
        self.pending.add(line.id)
        self.show(self._with(line.id, max(quantity, 0)), settled=False)
        try:
            if quantity < 1:
                cart = await self.app.client.remove_cart_item(line.id)
            else:
                cart = await self.app.client.update_cart_item(line.id, quantity)
        except StorefrontError as exc:
            self.pending.discard(line.id)
            self.show(previous)
            self.app.alert(self.app.describe(exc))
            return
        self.pending.discard(line.id)
        self.show(cart)
        if quantity < 1:
            self.app.announce(self.t("cart.removed", name=line.name or ""))
        else:
            self.app.announce(self.t("cart.updated", count=cart.item_count))

    def _with(self, line_id: int, quantity: int) -> Cart:
        """The cart as it will look once the server agrees (totals recomputed from unit prices)."""
        assert self.cart is not None
        lines = []
        for line in self.cart.lines:
            if line.id != line_id:
                lines.append(line)
            elif quantity > 0:
                total = line.unit_price * quantity if line.unit_price is not None else None
                lines.append(CartLine(**{**line.__dict__, "quantity": quantity, "line_total": total}))
        count = sum(l.quantity for l in lines)
        total = sum((l.line_total for l in lines if l.line_total is not None), start=0)
        return Cart(self.cart.id, count, total, tuple(lines))

    # -- rendering ---------------------------------------------------------------------------

    def show(self, cart: Cart | None, settled: bool = True) -> None:
        if cart is None:
            return
        if settled:
            self.cart = cart
        dom.by_id("cart-loading").hidden = True
        dom.by_id("cart-error").replaceChildren()
        dom.by_id("cart-count").textContent = str(cart.item_count)
        self.button.setAttribute("aria-label", f"{self.t('nav.cart')}: {cart.item_count}")
        self.line_listeners.dispose()
        dom.clear(self.lines)
        for line in cart.lines:
            self.lines.append(self._line(line))
        empty = not cart.lines
        dom.by_id("cart-empty").hidden = not empty
        dom.by_id("cart-foot").hidden = empty
        if cart.total is not None:
            dom.by_id("cart-total").textContent = format_idr(cart.total)
        self.app.on_cart_changed(cart)

    def _line(self, line: CartLine) -> Any:
        node = dom.clone("tpl-cart-line")
        name = line.name or ""
        if line.id in self.pending:
            node.classList.add("pending")
        dom.set_text(node, "name", name)
        link = dom.slot(node, "link")
        if line.slug:
            link.href = href("bundle" if line.is_bundle else "product", slug=line.slug)
            self.line_listeners.on(link, "click", lambda e: self.close(restore_focus=False))
        dom.set_text(node, "variant", line.variant_name or "")
        dom.set_text(node, "unit-price", format_idr(line.unit_price) if line.unit_price is not None else "")
        dom.set_text(node, "line-total", format_idr(line.line_total) if line.line_total is not None else "")
        image = dom.slot(node, "image")
        if line.image:
            image.src = line.image
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
                spawn(self.change(line, max(0, min(wanted, 100))))

        self.line_listeners.on(quantity, "change", typed)
        return node

    def show_error(self, error: Exception) -> None:
        dom.by_id("cart-loading").hidden = True
        box = dom.clone("tpl-error")
        dom.set_text(box, "message", self.app.describe(error))
        listen(dom.slot(box, "retry"), "click", lambda e: spawn(self.load()))
        dom.by_id("cart-error").replaceChildren(box)
