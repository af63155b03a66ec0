"""Which courses a customer owns, from what the API gives: Scalev has no "my courses" list,
so the shop reads the customer's paid orders (their lines say which give a course) and the
catalog's course products (whose variants carry the id the course routes take).

A course granted without an order does not show in the list; its page still opens (from the
product page), since the course route itself is the one that checks the entitlement.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from .api.models import ItemCard, Order, ProductDetail, Variant


def owned_variant_ids(orders: Iterable[Order]) -> set[int]:
    """Variants whose course the customer bought: lines of paid orders that give a course."""
    return {
        line.variant
        for order in orders
        if order.is_paid
        for line in order.lines
        if line.is_lms_enabled and line.variant is not None
    }


def course_cards(cards: Iterable[ItemCard]) -> list[ItemCard]:
    return [card for card in cards if not card.is_bundle and card.item_type == "course"]


def course_variant(detail: ProductDetail) -> Variant | None:
    """The variant whose ``uuid`` opens the product's course."""
    return next((v for v in detail.variants if v.uuid and v.item_type in ("course", None)), None)


@dataclasses.dataclass(frozen=True)
class OwnedCourse:
    slug: str
    name: str
    image: str | None


def owned_courses(details: Iterable[ProductDetail], owned: set[int]) -> list[OwnedCourse]:
    return [
        OwnedCourse(detail.card.slug, detail.card.name, detail.card.image)
        for detail in details
        if any(variant.id in owned for variant in detail.variants)
    ]
