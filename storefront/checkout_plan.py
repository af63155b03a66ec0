"""What checkout asks of the store, derived from the cart and the draft: whether anything
ships, the destination and courier to quote, the summary request, and the order itself.

Pure values, so the view only decides when to ask, and tests decide what is asked.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from .api.models import Cart, CartLine, Location
from .api.shapes import Buyer, Destination, GuestCheckout, Quote, ShippingAddress, ShippingChoice
from .checkout_form import CheckoutDraft, normalise_phone


def needs_shipping(lines: Iterable[CartLine]) -> bool:
    """Digital-only carts skip delivery. A line whose kind the cart does not say counts as
    physical, so an address is asked rather than a parcel lost."""
    return any(line.item_type in (None, "physical") for line in lines)


def destination(draft: CheckoutDraft, shipping: bool) -> Destination | None:
    if shipping and draft.location_id and draft.postal_code:
        return Destination(draft.location_id, draft.postal_code)
    return None


def courier(draft: CheckoutDraft, shipping: bool) -> ShippingChoice | None:
    if shipping and draft.courier_service_id:
        return ShippingChoice(draft.courier_service_id, draft.warehouse_unique_id)
    return None


def quote(draft: CheckoutDraft, shipping: bool) -> Quote:
    """The draft's priced choices (the cart is the item source)."""
    return Quote(
        destination(draft, shipping),
        courier(draft, shipping),
        draft.payment_method or None,
        draft.discount_code or None,
    )


@dataclasses.dataclass(frozen=True)
class SummaryRequest:
    """Everything the store's summary depends on: the cart's lines and the quote. Equal
    requests never ask the store twice."""

    lines: tuple[tuple[int, int], ...]
    quote: Quote

    @property
    def ships_somewhere(self) -> bool:
        return self.quote.destination is not None and self.quote.courier is not None


def summary_request(cart: Cart | None, draft: CheckoutDraft) -> SummaryRequest:
    lines = cart.lines if cart is not None else ()
    shipping = needs_shipping(lines) if cart is not None else True
    return SummaryRequest(tuple((line.id, line.quantity) for line in lines), quote(draft, shipping))


def drafted_location(draft: CheckoutDraft) -> Location | None:
    """The subdistrict the draft names, with the names the shopper saw when choosing it."""
    if not draft.location_id:
        return None
    return Location(draft.location_id, draft.subdistrict, draft.city, draft.province, draft.location_label)


def guest_order(draft: CheckoutDraft, shipping: bool, *, intent_token: str | None = None) -> GuestCheckout:
    """The guest order body for the draft (the guest cart is the item source)."""
    phone = draft.phone.strip()
    location = drafted_location(draft) if shipping else None
    return GuestCheckout(
        Buyer(draft.name.strip(), draft.email.strip(), normalise_phone(phone) if phone else None),
        quote(draft, shipping),
        shipping=ShippingAddress(draft.address.strip(), location, draft.postal_code) if location else None,
        notes=draft.notes.strip() or None,
        checkout_intent_token=intent_token,
    )
