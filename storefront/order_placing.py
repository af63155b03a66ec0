"""Placing an order so that a lost answer neither strands the shopper nor makes a second order.

The order request is never retried blindly: when its answer is lost (a network failure, a
timeout, a 5xx after the store may have acted), the shop first finds out whether the order
exists, with what Scalev documents:

- **A guest** sends the cart's lines as direct ``items`` with the guest token; the store
  clears the guest cart once it has created the order. After a lost answer, a cart that still
  has its lines means no order; an emptied cart means the order exists, and sending the very
  same request again within the store's duplicate-order window returns that order instead of
  a second one.
- **A signed-in customer's** orders are listed: an order that was not there before the request
  is the one it created.

What was sent is kept in session storage until the answer is known, so a reload in between
resumes the check. Limits, written in the README: the duplicate window is Scalev's (the shop
re-sends only within ``RESEND_WINDOW`` seconds and otherwise tells the shopper to look for the
order in their email), and a guest cart emptied in another tab reads as "the order exists".
"""

from __future__ import annotations

import dataclasses
from typing import Any

from .api import StorefrontClient, StorefrontError
from .api.errors import uncertain
from .api.models import Order
from .api.storage import Storage
from .stored import read_json, write_json

PENDING_KEY = "storefront_pending_order"
#: How long after sending the shop dares to send the same order again, trusting the store's
#: duplicate-order protection to return the first one (the sandbox's window is 60 s).
RESEND_WINDOW = 45.0


class OrderUnknown(StorefrontError):
    """Whether the order exists could not be found out (the connection is still down); the
    shopper can check again, here or after a reload."""


class OrderProbablyPlaced(StorefrontError):
    """The order exists, but too long ago to fetch it again safely: the store's email has it."""


@dataclasses.dataclass(frozen=True)
class Pending:
    body: dict[str, Any]
    account: bool
    sent_at: float
    #: The account's newest order ids before sending (signed in only).
    known_orders: tuple[str, ...] = ()

    @classmethod
    def load(cls, data: dict[str, Any]) -> Pending | None:
        try:
            return cls(
                dict(data["body"]),
                bool(data["account"]),
                float(data["sent_at"]),
                tuple(str(i) for i in data.get("known_orders", ())),
            )
        except (KeyError, TypeError, ValueError):
            return None


class OrderPlacer:
    def __init__(self, client: StorefrontClient, storage: Storage) -> None:
        self.client = client
        self.storage = storage

    def pending(self) -> Pending | None:
        stored = read_json(self.storage, PENDING_KEY)
        return Pending.load(stored) if stored is not None else None

    def _forget(self) -> None:
        self.storage.remove(PENDING_KEY)

    async def place(self, body: dict[str, Any], *, account: bool) -> Order:
        """Sends the order once; after a lost answer, returns the order the store made, or
        raises the original error when it made none (sending again is then safe)."""
        known: tuple[str, ...] = ()
        if account:
            known = tuple(order.id for order in (await self.client.list_orders(page_size=5)).items)
        pending = Pending(body, account, self.client.clock.now(), known)
        write_json(self.storage, PENDING_KEY, dataclasses.asdict(pending))
        try:
            order = await self.client.send_order(body, customer=account)
        except StorefrontError as exc:
            if not uncertain(exc):
                self._forget()  # the store refused it: nothing was made
                raise
            return await self.recover(exc)
        self._forget()
        return order

    async def recover(self, original: Exception | None = None) -> Order:
        """Finds out what became of the pending order (see the module's notes)."""
        pending = self.pending()
        if pending is None:
            raise original or OrderUnknown("nothing is pending")
        try:
            if pending.account:
                page = await self.client.list_orders(page_size=5)
                made = [order for order in page.items if order.id not in pending.known_orders]
            else:
                cart = await self.client.get_cart(customer=False)
                made = [] if cart.lines else [await self._resend(pending)]
        except StorefrontError as exc:
            if uncertain(exc):
                raise OrderUnknown("the order could not be checked") from exc
            self._forget()
            raise
        self._forget()
        if made:
            return made[0]
        raise original or OrderUnknown("no order was made")

    async def _resend(self, pending: Pending) -> Order:
        """The guest's cart was emptied: the order exists. The same request again, within the
        duplicate-order window, returns it."""
        if self.client.clock.now() - pending.sent_at > RESEND_WINDOW:
            self._forget()
            raise OrderProbablyPlaced("the order was made too long ago to fetch it again")
        return await self.client.send_order(pending.body, customer=False)
