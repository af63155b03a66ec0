"""The signed-in customer: the sign-in answer, profile, addresses, subscriptions, courses.

The account's orders are ``Order``s (``orders.py``): Scalev's customer-facing order carries the
same payment fields, so the account shows them with the same payment instructions.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from ...money import parse_money
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
class SubscriptionItem:
    id: str
    quantity: int
    status: str
    price: Decimal  # per unit and period (``unit_price`` in lists, ``price`` in a detail)
    variant_id: int | None
    variant_name: str | None
    product_name: str | None
    is_cancel_at_period_end: bool
    pending_action: dict[str, Any] | None

    @classmethod
    def parse(cls, data: dict[str, Any]) -> SubscriptionItem:
        variant = data.get("variant") or {}
        return read(
            cls,
            {"quantity": 1, **data},
            price=parse_money(data.get("price", data.get("unit_price"))) or Decimal(0),
            variant_id=variant.get("id", data.get("variant_id")),
            variant_name=variant.get("name"),
            product_name=variant.get("product_name"),
        )


@dataclasses.dataclass(frozen=True)
class Subscription:
    id: str
    subscription_id: str | None
    status: str
    is_cancel_at_period_end: bool
    interval: str | None
    interval_count: int | None
    activated_at: str | None
    current_period_start: str | None
    current_period_end: str | None
    canceled_at: str | None
    expired_at: str | None
    items: tuple[SubscriptionItem, ...]
    latest_renewal_invoice: dict[str, Any] | None
    raw: dict[str, Any]

    @property
    def can_cancel(self) -> bool:
        """Active and not already ending: it can be set to end with the current period."""
        return self.status == "active" and not self.is_cancel_at_period_end

    @property
    def can_resume(self) -> bool:
        return self.status == "active" and self.is_cancel_at_period_end

    @classmethod
    def parse(cls, data: dict[str, Any]) -> Subscription:
        items = tuple(SubscriptionItem.parse(item) for item in data.get("subscription_items") or ())
        return read(cls, data, items=items, raw=data)


@dataclasses.dataclass(frozen=True)
class PlanOption:
    """A variant a subscription item can move to (Scalev's ``VariantSubscription``)."""

    id: int
    name: str | None
    product_name: str | None
    price: Decimal
    interval: str | None
    interval_count: int | None


@dataclasses.dataclass(frozen=True)
class CourseContent:
    uuid: str
    title: str | None
    type: str | None  # "video", "text", "file"…
    text: str | None  # merchant HTML: sanitised before it is shown
    video_url: str | None
    duration: int | None  # seconds
    progress: float
    is_completed: bool

    @classmethod
    def parse(cls, data: dict[str, Any]) -> CourseContent:
        done: dict[str, Any] = data["progress"] if isinstance(data.get("progress"), dict) else {}
        return read(cls, data, progress=float(done.get("progress") or 0), is_completed=bool(done.get("is_completed")))


@dataclasses.dataclass(frozen=True)
class CourseSection:
    uuid: str
    title: str | None
    contents: tuple[CourseContent, ...]

    @classmethod
    def parse(cls, data: dict[str, Any]) -> CourseSection:
        return read(cls, data, contents=tuple(CourseContent.parse(c) for c in data.get("course_contents") or ()))


@dataclasses.dataclass(frozen=True)
class Course:
    """A course the customer owns: its sections and their contents, with their progress."""

    id: int
    product_name: str | None
    fullname: str | None
    description: str | None
    sections: tuple[CourseSection, ...]

    @property
    def contents(self) -> tuple[CourseContent, ...]:
        return tuple(content for section in self.sections for content in section.contents)

    def with_content(self, content: CourseContent) -> Course:
        """The course with one lesson replaced by its newer state (after progress was saved)."""
        sections = tuple(
            dataclasses.replace(s, contents=tuple(content if c.uuid == content.uuid else c for c in s.contents))
            for s in self.sections
        )
        return dataclasses.replace(self, sections=sections)

    @property
    def progress(self) -> int:
        """Percent of contents completed."""
        contents = self.contents
        return round(100 * sum(c.is_completed for c in contents) / len(contents)) if contents else 0

    @classmethod
    def parse(cls, data: dict[str, Any]) -> Course:
        return read(cls, data, sections=tuple(CourseSection.parse(s) for s in data.get("course_sections") or ()))
