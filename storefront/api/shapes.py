"""Request shapes of the spec, typed: the item union, destinations and checkout bodies.

``to_json`` gives exactly the keys Scalev accepts (several request schemas forbid extras).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from .models import Location


@dataclasses.dataclass(frozen=True)
class VariantItem:
    variant_id: int
    quantity: int = 1

    def to_json(self) -> dict[str, Any]:
        return {"type": "variant", "variant_id": self.variant_id, "quantity": self.quantity}


@dataclasses.dataclass(frozen=True)
class BundleItem:
    bundle_price_option_id: int
    quantity: int = 1

    def to_json(self) -> dict[str, Any]:
        return {
            "type": "bundle_price_option",
            "bundle_price_option_id": self.bundle_price_option_id,
            "quantity": self.quantity,
        }


Item = VariantItem | BundleItem


@dataclasses.dataclass(frozen=True)
class Destination:
    location_id: int
    postal_code: str

    def to_json(self) -> dict[str, Any]:
        return {"location_id": self.location_id, "postal_code": self.postal_code}


@dataclasses.dataclass(frozen=True)
class ShippingChoice:
    courier_service_id: int
    warehouse_unique_id: str | None = None
    courier_aggregator_code: str | None = None

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"courier_service_id": self.courier_service_id}
        if self.warehouse_unique_id:
            body["warehouse_unique_id"] = self.warehouse_unique_id
        if self.courier_aggregator_code:
            body["courier_aggregator_code"] = self.courier_aggregator_code
        return body


def items_json(items: list[Item] | None) -> dict[str, Any]:
    """``{"items": [...]}`` for direct items; nothing when the cart is the source."""
    return {"items": [item.to_json() for item in items]} if items else {}


def compact(**values: Any) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


@dataclasses.dataclass(frozen=True)
class Quote:
    """The choices the store prices: the items (none: the cart), where to, which courier, how
    the buyer pays, which code. Shipping options, the summary, the discount check and the order
    all send them, as the guest or the customer routes spell them."""

    destination: Destination | None = None
    courier: ShippingChoice | None = None
    payment_method: str | None = None
    discount_code: str | None = None
    items: tuple[Item, ...] = ()
    cart_id: int | None = None  # the account's cart, when no items are given

    def _chosen(self) -> dict[str, Any]:
        body = {**items_json(list(self.items)), **compact(payment_method=self.payment_method)}
        body.update(compact(discount_code_code=self.discount_code))
        return {**body, **(self.courier.to_json() if self.courier else {})}

    def guest_json(self) -> dict[str, Any]:
        """For ``/public/checkout/*`` and the discount check: the destination as an object."""
        destination = {"destination": self.destination.to_json()} if self.destination else {}
        return {**self._chosen(), **destination}

    def customer_json(self) -> dict[str, Any]:
        """For ``/customers/me/checkout/*``: the cart by id, the destination as flat fields."""
        body = self._chosen()
        if self.cart_id is not None and not self.items:
            body["cart_id"] = self.cart_id
        return {**body, **(self.destination.to_json() if self.destination else {})}


@dataclasses.dataclass(frozen=True)
class Buyer:
    name: str
    email: str
    phone: str | None = None


@dataclasses.dataclass(frozen=True)
class ShippingAddress:
    """Where a guest order goes: the street line in the chosen subdistrict, and its postal code."""

    address: str
    location: Location
    postal_code: str

    def to_json(self) -> dict[str, Any]:
        place = self.location
        return compact(
            shipping_address=self.address,
            shipping_location_id=place.id,
            shipping_postal_code=self.postal_code,
            shipping_province=place.province_name or None,
            shipping_city=place.city_name or None,
            shipping_subdistrict=place.subdistrict_name or None,
        )


@dataclasses.dataclass(frozen=True)
class GuestCheckout:
    """``POST /public/checkout``: the buyer, the priced choices (a payment method is required),
    and where the parcel goes."""

    buyer: Buyer
    quote: Quote
    shipping: ShippingAddress | None = None
    notes: str | None = None
    checkout_intent_token: str | None = None

    def to_json(self) -> dict[str, Any]:
        buyer = compact(customer_name=self.buyer.name, customer_email=self.buyer.email, customer_phone=self.buyer.phone)
        extra = compact(notes=self.notes, checkout_intent_token=self.checkout_intent_token)
        return {**buyer, **self.quote._chosen(), **(self.shipping.to_json() if self.shipping else {}), **extra}


@dataclasses.dataclass(frozen=True)
class CustomerCheckout:
    """``POST /customers/me/checkout``: the priced choices, and a saved address (or a street
    line for the quote's destination); the buyer is the account."""

    quote: Quote
    address_id: int | None = None
    address: str | None = None
    notes: str | None = None
    checkout_intent_token: str | None = None

    def to_json(self) -> dict[str, Any]:
        extra = compact(
            address_id=self.address_id,
            address=self.address,
            notes=self.notes,
            checkout_intent_token=self.checkout_intent_token,
        )
        return {**self.quote.customer_json(), **extra}
