"""What checkout asks of the store, derived from the cart and the draft: whether anything
ships, the destination and courier to quote, the summary request, and the order itself.

Pure values, so the view only decides when to ask, and tests decide what is asked.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from .api.models import Cart, CartLine, Location, Order
from .api.shapes import (
    BundleItem,
    Buyer,
    CustomerCheckout,
    Destination,
    GuestCheckout,
    Item,
    Quote,
    ShippingAddress,
    ShippingChoice,
    VariantItem,
)
from .checkout_form import CheckoutDraft, normalise_phone
from .safe_url import safe_link


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


def quote(draft: CheckoutDraft, shipping: bool, cart_id: int | None = None) -> Quote:
    """The draft's priced choices; the cart is the item source (the account's routes name it
    by ``cart_id``, the guest routes find it by the guest token)."""
    return Quote(
        destination(draft, shipping),
        courier(draft, shipping),
        draft.payment_method or None,
        draft.discount_code or None,
        cart_id=cart_id,
    )


def cart_items(cart: Cart) -> tuple[Item, ...]:
    """The cart's lines as direct items (for a discount check, which only the guest routes
    offer: a customer's cart is sent as items)."""
    return tuple(
        BundleItem(line.bundle_price_option_id, line.quantity)
        if line.is_bundle and line.bundle_price_option_id
        else VariantItem(line.variant_id or 0, line.quantity)
        for line in cart.lines
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


def summary_request(cart: Cart | None, draft: CheckoutDraft, *, account: bool = False) -> SummaryRequest:
    lines = cart.lines if cart is not None else ()
    shipping = needs_shipping(lines) if cart is not None else True
    cart_id = cart.id if account and cart is not None else None
    return SummaryRequest(tuple((line.id, line.quantity) for line in lines), quote(draft, shipping, cart_id))


def drafted_location(draft: CheckoutDraft) -> Location | None:
    """The subdistrict the draft names, with the names the shopper saw when choosing it."""
    if not draft.location_id:
        return None
    return Location(draft.location_id, draft.subdistrict, draft.city, draft.province, draft.location_label)


def guest_order(draft: CheckoutDraft, cart: Cart, shipping: bool, *, intent_token: str | None = None) -> GuestCheckout:
    """The guest order body for the draft. The cart's lines go as direct items (the store then
    clears the guest cart), so the very same body can be sent again after a lost answer."""
    phone = draft.phone.strip()
    location = drafted_location(draft) if shipping else None
    return GuestCheckout(
        Buyer(draft.name.strip(), draft.email.strip(), normalise_phone(phone) if phone else None),
        dataclasses.replace(quote(draft, shipping), items=cart_items(cart)),
        shipping=ShippingAddress(draft.address.strip(), location, draft.postal_code) if location else None,
        notes=draft.notes.strip() or None,
        checkout_intent_token=intent_token,
    )


def customer_order(
    draft: CheckoutDraft, cart: Cart, shipping: bool, *, intent_token: str | None = None
) -> CustomerCheckout:
    """The account's order body: the account's cart, a saved address or the one typed here."""
    typed = shipping and not draft.address_id
    return CustomerCheckout(
        quote(draft, shipping, cart.id),
        address_id=draft.address_id if shipping else None,
        address=draft.address.strip() or None if typed else None,
        notes=draft.notes.strip() or None,
        checkout_intent_token=intent_token,
    )


def leave_for(order: Order, after_checkout: str) -> tuple[str | None, bool]:
    """Where the shopper goes after ordering, away from this shop: the merchant's After Checkout
    destination when the store asks for it, PayLink's page for a PayLink order (None: this
    shop's order page). The flag says a destination was refused by the URL policy."""
    follow = after_checkout == "redirect_url" or order.payment_method == "payment_link"
    if not follow or not order.redirect_url:
        return None, False
    target = safe_link(order.redirect_url)
    return target, target is None
