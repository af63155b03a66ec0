"""What checkout asks of the store, derived from the cart and the draft: whether anything
ships, the destination and courier to quote, the summary request, and the order itself.

Pure values, so the view only decides when to ask, and tests decide what is asked.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from .api.models import Cart, CartLine
from .api.shapes import Buyer, Destination, GuestCheckout, ShippingAddress, ShippingChoice
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


@dataclasses.dataclass(frozen=True)
class SummaryRequest:
    """Everything the store's summary depends on; equal requests never ask the store twice."""

    lines: tuple[tuple[int, int], ...]
    destination: Destination | None
    courier: ShippingChoice | None
    payment_method: str | None
    discount_code: str | None


def summary_request(cart: Cart | None, draft: CheckoutDraft) -> SummaryRequest:
    lines = cart.lines if cart is not None else ()
    shipping = needs_shipping(lines) if cart is not None else True
    return SummaryRequest(
        tuple((line.id, line.quantity) for line in lines),
        destination(draft, shipping),
        courier(draft, shipping),
        draft.payment_method or None,
        draft.discount_code or None,
    )


def guest_order(draft: CheckoutDraft, shipping: bool, *, intent_token: str | None = None) -> GuestCheckout:
    """The guest order body for the draft (the guest cart is the item source)."""
    phone = draft.phone.strip()
    return GuestCheckout(
        Buyer(draft.name.strip(), draft.email.strip(), normalise_phone(phone) if phone else None),
        draft.payment_method,
        shipping=(
            ShippingAddress(
                draft.address.strip(),
                draft.location_id,
                draft.postal_code,
                draft.province or None,
                draft.city or None,
                draft.subdistrict or None,
            )
            if shipping and draft.location_id
            else None
        ),
        courier=courier(draft, shipping),
        discount_code=draft.discount_code or None,
        notes=draft.notes.strip() or None,
        checkout_intent_token=intent_token,
    )
