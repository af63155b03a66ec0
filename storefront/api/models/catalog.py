"""Catalog answers: item cards, product and bundle details, variant pricing and stock."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from ...money import parse_money
from .fields import read

Options = tuple[str | None, str | None, str | None]


def _three(data: dict[str, Any], pattern: str) -> Options:
    """``option1_value`` … ``option3_value`` (or ``…_name``) as one triple."""
    return (data.get(pattern.format(1)), data.get(pattern.format(2)), data.get(pattern.format(3)))


@dataclasses.dataclass(frozen=True)
class PriceRange:
    low: Decimal | None
    high: Decimal | None

    @classmethod
    def parse(cls, data: Any) -> PriceRange:
        if not isinstance(data, dict):
            return cls(None, None)
        return cls(parse_money(data.get("min")), parse_money(data.get("max")))


@dataclasses.dataclass(frozen=True)
class Category:
    id: int
    name: str | None
    full_path: str = ""


@dataclasses.dataclass(frozen=True)
class ItemCard:
    """A catalog card: a product or a bundle price option (``entity_type`` tells which)."""

    entity_type: str
    id: int
    slug: str
    name: str
    description: str | None
    images: tuple[str, ...]
    in_stock: bool
    price: PriceRange
    category: Category | None
    item_type: str | None = None  # products only
    bundle_price_option_id: int | None = None  # bundle price options only

    @property
    def is_bundle(self) -> bool:
        return self.entity_type == "bundle_price_option"

    @property
    def image(self) -> str | None:
        return self.images[0] if self.images else None

    @classmethod
    def parse(cls, data: dict[str, Any]) -> ItemCard:
        entity_type = data["entity_type"]
        if entity_type not in ("product", "bundle_price_option"):
            raise ValueError(f"unknown entity_type {entity_type!r}")
        taxonomy = data.get("taxonomy")
        bundle = entity_type == "bundle_price_option"
        return read(
            cls,
            data,
            price=PriceRange.parse(data.get("price_range")),
            category=read(Category, taxonomy) if isinstance(taxonomy, dict) and "id" in taxonomy else None,
            bundle_price_option_id=int(data["bundle_price_option_id"]) if bundle else None,
        )


@dataclasses.dataclass(frozen=True)
class Variant:
    id: int
    unique_id: str | None
    uuid: str | None  # the id of its course, for course variants
    name: str | None
    price: Decimal | None
    images: tuple[str, ...]
    item_type: str | None
    options: Options

    @classmethod
    def parse(cls, data: dict[str, Any]) -> Variant:
        return read(cls, data, options=_three(data, "option{}_value"))


@dataclasses.dataclass(frozen=True)
class ProductDetail:
    card: ItemCard
    rich_description: str | None
    option_names: Options
    variants: tuple[Variant, ...]

    @classmethod
    def parse(cls, data: dict[str, Any]) -> ProductDetail:
        variants = tuple(Variant.parse(v) for v in data.get("variants") or ())
        return read(cls, data, card=ItemCard.parse(data), option_names=_three(data, "option{}_name"), variants=variants)


@dataclasses.dataclass(frozen=True)
class BundleLine:
    variant_id: int
    quantity: int
    variant_name: str | None
    product_name: str | None


@dataclasses.dataclass(frozen=True)
class BundleDetail:
    card: ItemCard
    rich_description: str | None
    bundle_name: str | None
    price: Decimal | None
    lines: tuple[BundleLine, ...]

    @classmethod
    def parse(cls, data: dict[str, Any]) -> BundleDetail:
        lines = tuple(read(BundleLine, line) for line in data.get("bundlelines") or ())
        return read(cls, data, card=ItemCard.parse(data), lines=lines)


@dataclasses.dataclass(frozen=True)
class VariantPricing:
    variant_id: int
    price: Decimal | None
    currency: str | None
    available: bool
    available_qty: int | None


@dataclasses.dataclass(frozen=True)
class Availability:
    variant_id: int
    available: bool
    available_qty: int | None
    stock_status: str
