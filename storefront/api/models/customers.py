"""The signed-in customer: sign-in answers, profile, addresses, orders, subscriptions."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from ...money import parse_money


@dataclasses.dataclass(frozen=True)
class OtpChallenge:
    """The login answer for stores that send a code: ask for it, then call ``verify_otp``."""

    email: str
    message: str


@dataclasses.dataclass(frozen=True)
class Profile:
    id: int
    email: str | None
    name: str | None
    phone: str | None
    date_of_birth: str | None
    sex: str | None
    is_unsubscribe: bool
    store_requires_otp: bool
    raw: dict[str, Any]

    @classmethod
    def parse(cls, data: dict[str, Any]) -> Profile:
        customer = data["customer"]
        return cls(
            int(customer["id"]),
            customer.get("email"),
            customer.get("name"),
            customer.get("phone"),
            customer.get("date_of_birth"),
            customer.get("sex"),
            bool(customer.get("is_unsubscribe")),
            bool((data.get("store") or {}).get("is_customer_otp_required")),
            data,
        )


@dataclasses.dataclass(frozen=True)
class Address:
    id: int
    name: str | None
    phone: str | None
    email: str | None
    location: dict[str, Any] | None
    address: str | None
    postal_code: str | None
    notes: str | None

    @classmethod
    def parse(cls, data: dict[str, Any]) -> Address:
        return cls(
            int(data["id"]),
            data.get("name"),
            data.get("phone"),
            data.get("email"),
            data.get("location"),
            data.get("address"),
            data.get("postal_code"),
            data.get("notes"),
        )


@dataclasses.dataclass(frozen=True)
class CustomerOrder:
    """``StorefrontCustomerFacingOrder``: the account's order list and detail."""

    id: str
    secret_slug: str
    order_id: str
    status: str
    payment_status: str | None
    payment_method: str
    gross_revenue: Decimal
    created_at: str | None
    raw: dict[str, Any]

    @classmethod
    def parse(cls, data: dict[str, Any]) -> CustomerOrder:
        return cls(
            str(data["id"]),
            data["secret_slug"],
            data["order_id"],
            data["status"],
            data.get("payment_status"),
            data["payment_method"],
            parse_money(data.get("gross_revenue")) or Decimal(0),
            data.get("created_at"),
            data,
        )


@dataclasses.dataclass(frozen=True)
class Subscription:
    id: str
    subscription_id: str | None
    status: str
    is_cancel_at_period_end: bool
    interval: str | None
    interval_count: int | None
    current_period_end: str | None
    items: tuple[dict[str, Any], ...]
    raw: dict[str, Any]

    @classmethod
    def parse(cls, data: dict[str, Any]) -> Subscription:
        return cls(
            str(data["id"]),
            data.get("subscription_id"),
            str(data.get("status")),
            bool(data.get("is_cancel_at_period_end")),
            data.get("interval"),
            data.get("interval_count"),
            data.get("current_period_end"),
            tuple(data.get("subscription_items") or ()),
            data,
        )
