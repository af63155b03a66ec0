"""Request shapes of the spec, typed: the item union, destinations and checkout bodies.

``to_json`` gives exactly the keys Scalev accepts (several request schemas forbid extras).
"""

from __future__ import annotations

import dataclasses
from typing import Any


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
class Buyer:
    name: str
    email: str
    phone: str | None = None


@dataclasses.dataclass(frozen=True)
class ShippingAddress:
    """Where a guest order goes: the street line plus the chosen subdistrict."""

    address: str
    location_id: int
    postal_code: str
    province: str | None = None
    city: str | None = None
    subdistrict: str | None = None


@dataclasses.dataclass(frozen=True)
class GuestCheckout:
    buyer: Buyer
    payment_method: str
    items: tuple[Item, ...] = ()  # empty: the guest cart is the source
    shipping: ShippingAddress | None = None
    courier: ShippingChoice | None = None
    discount_code: str | None = None
    notes: str | None = None
    checkout_intent_token: str | None = None

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "customer_name": self.buyer.name,
            "customer_email": self.buyer.email,
            **compact(customer_phone=self.buyer.phone),
            "payment_method": self.payment_method,
            **items_json(list(self.items)),
            **compact(
                discount_code_code=self.discount_code,
                notes=self.notes,
                checkout_intent_token=self.checkout_intent_token,
            ),
        }
        if self.shipping:
            body.update(
                compact(
                    shipping_address=self.shipping.address,
                    shipping_location_id=self.shipping.location_id,
                    shipping_postal_code=self.shipping.postal_code,
                    shipping_province=self.shipping.province,
                    shipping_city=self.shipping.city,
                    shipping_subdistrict=self.shipping.subdistrict,
                )
            )
        if self.courier:
            body.update(self.courier.to_json())
        return body


@dataclasses.dataclass(frozen=True)
class CustomerCheckout:
    payment_method: str
    items: tuple[Item, ...] = ()
    cart_id: int | None = None  # used when no items are given
    address_id: int | None = None
    address: str | None = None
    location_id: int | None = None
    postal_code: str | None = None
    courier: ShippingChoice | None = None
    discount_code: str | None = None
    notes: str | None = None
    checkout_intent_token: str | None = None

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "payment_method": self.payment_method,
            **items_json(list(self.items)),
            **compact(
                cart_id=self.cart_id if not self.items else None,
                address_id=self.address_id,
                address=self.address,
                location_id=self.location_id,
                postal_code=self.postal_code,
                discount_code_code=self.discount_code,
                notes=self.notes,
                checkout_intent_token=self.checkout_intent_token,
            ),
        }
        if self.courier:
            body.update(self.courier.to_json())
        return body
