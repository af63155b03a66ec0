"""The shopper's cart as the shop knows it, and the one place that changes it.

Every change is published on ``changed``: the drawer, the header badge and checkout listen, and
nobody calls into them. A quantity change shows at once (``settled=False``) and is replaced by
the store's answer, or rolled back to the store's last answer if it refuses. When the answer
to a change is lost (the store may have acted), the cart is read again, so the badge says what
the store holds and a second tap does not add the item twice.
"""

from __future__ import annotations

import dataclasses

from .api import StorefrontClient, StorefrontError
from .api.errors import uncertain
from .api.models import Cart, CartLine
from .api.shapes import Item
from .signals import Signal


@dataclasses.dataclass(frozen=True)
class CartUpdate:
    cart: Cart
    settled: bool  # False while the store has not answered a change yet
    pending: frozenset[int] = frozenset()  # line ids waiting for that answer


class CartStore:
    def __init__(self, client: StorefrontClient) -> None:
        self.client = client
        #: The store's latest answer; None until the cart was read.
        self.cart: Cart | None = None
        #: Whose cart ``cart`` is: the account's (True) or the guest's.
        self.of_account = False
        self.pending: set[int] = set()
        self.changed: Signal[CartUpdate] = Signal()

    @property
    def has_remote_cart(self) -> bool:
        """Signed in, the account's cart; signed out, the guest token's (without one there is
        no cart yet: it is empty by definition)."""
        return self.client.session.signed_in or bool(self.client.session.guest_token)

    def publish(self, cart: Cart, *, settled: bool = True) -> None:
        if settled:
            self.cart, self.of_account = cart, self.client.session.signed_in
        self.changed.emit(CartUpdate(cart, settled, frozenset(self.pending)))

    async def load(self) -> Cart:
        cart = await self.client.get_cart() if self.has_remote_cart else Cart.empty()
        self.publish(cart)
        return cart

    async def current(self) -> Cart:
        """The last answer when there is one for whoever shops now, else the store's."""
        if self.cart is not None and self.of_account == self.client.session.signed_in:
            return self.cart
        return await self.load()

    async def add(self, item: Item) -> Cart:
        try:
            cart = await self.client.add_to_cart(item)
        except StorefrontError as exc:
            await self._reread_after(exc)
            raise
        self.publish(cart)
        return cart

    async def _reread_after(self, error: StorefrontError) -> None:
        """After a change whose outcome is unknown: the store's cart, when it can be read."""
        if uncertain(error):
            await self.reread()

    async def reread(self) -> None:
        """The store's cart, when it can be read (else the last answer stands, quietly)."""
        if self.has_remote_cart:
            try:
                await self.load()
            except StorefrontError:
                pass

    async def change(self, line: CartLine, quantity: int) -> Cart:
        """Sets a line's quantity (0 removes it). Shows it at once; if the store refuses, the
        cart goes back to the store's last answer and the error is raised."""
        base = self.cart if self.cart is not None else Cart.empty()
        self.pending.add(line.id)
        self.publish(base.with_quantity(line.id, max(quantity, 0)), settled=False)
        try:
            if quantity < 1:
                cart = await self.client.remove_cart_item(line.id)
            else:
                cart = await self.client.update_cart_item(line.id, quantity)
        except StorefrontError as exc:
            self.pending.discard(line.id)
            self.publish(self.cart if self.cart is not None else base)
            await self._reread_after(exc)
            raise
        self.pending.discard(line.id)
        self.publish(cart)
        return cart

    def emptied(self) -> None:
        """An order took the cart's items: the store cleared it."""
        self.publish(Cart.empty(self.cart.id if self.cart else None))
