"""The signed-in customer: the sign-in answer, profile, addresses, subscriptions, courses.

The account's orders are ``Order``s (``orders.py``): Scalev's customer-facing order carries the
same payment fields, so the account shows them with the same payment instructions.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from .fields import read


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
        otp = bool((data.get("store") or {}).get("is_customer_otp_required"))
        return read(cls, data["customer"], store_requires_otp=otp, raw=data)


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
        return read(cls, data, items=tuple(data.get("subscription_items") or ()), raw=data)
