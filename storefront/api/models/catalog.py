"""Catalog answers: item cards, product and bundle details, variant pricing and stock."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from ...money import parse_money


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
    full_path: str

    @classmethod
    def parse(cls, data: dict[str, Any]) -> Category:
        return cls(int(data["id"]), data.get("name"), str(data.get("full_path") or ""))


def _category(data: Any) -> Category | None:
    if not isinstance(data, dict) or "id" not in data:
        return None
    return Category.parse(data)


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
        return cls(
            entity_type=entity_type,
            id=int(data["id"]),
            slug=str(data["slug"]),
            name=str(data["name"]),
            description=data.get("description"),
            images=tuple(str(u) for u in data.get("images") or ()),
            in_stock=bool(data.get("in_stock")),
            price=PriceRange.parse(data.get("price_range")),
            category=_category(data.get("taxonomy")),
            item_type=data.get("item_type"),
            bundle_price_option_id=(
                int(data["bundle_price_option_id"]) if entity_type == "bundle_price_option" else None
            ),
        )


@dataclasses.dataclass(frozen=True)
class Variant:
    id: int
    unique_id: str | None
    name: str | None
    options: tuple[str | None, str | None, str | None]
    price: Decimal | None
    images: tuple[str, ...]
    item_type: str | None

    @classmethod
    def parse(cls, data: dict[str, Any]) -> Variant:
        return cls(
            id=int(data["id"]),
            unique_id=data.get("unique_id"),
            name=data.get("name"),
            options=(data.get("option1_value"), data.get("option2_value"), data.get("option3_value")),
            price=parse_money(data.get("price")),
            images=tuple(data.get("images") or ()),
            item_type=data.get("item_type"),
        )


@dataclasses.dataclass(frozen=True)
class ProductDetail:
    card: ItemCard
    rich_description: str | None
    option_names: tuple[str | None, str | None, str | None]
    variants: tuple[Variant, ...]

    @classmethod
    def parse(cls, data: dict[str, Any]) -> ProductDetail:
        return cls(
            card=ItemCard.parse(data),
            rich_description=data.get("rich_description"),
            option_names=(data.get("option1_name"), data.get("option2_name"), data.get("option3_name")),
            variants=tuple(Variant.parse(v) for v in data.get("variants") or ()),
        )


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
        return cls(
            card=ItemCard.parse(data),
            rich_description=data.get("rich_description"),
            bundle_name=data.get("bundle_name"),
            price=parse_money(data.get("price")),
            lines=tuple(
                BundleLine(
                    int(line["variant_id"]),
                    int(line["quantity"]),
                    line.get("variant_name"),
                    line.get("product_name"),
                )
                for line in data.get("bundlelines") or ()
            ),
        )


@dataclasses.dataclass(frozen=True)
class VariantPricing:
    variant_id: int
    price: Decimal | None
    currency: str | None
    available: bool
    available_qty: int | None

    @classmethod
    def parse(cls, data: dict[str, Any]) -> VariantPricing:
        return cls(
            int(data["variant_id"]),
            parse_money(data.get("price")),
            data.get("currency"),
            bool(data["available"]),
            data.get("available_qty"),
        )


@dataclasses.dataclass(frozen=True)
class Availability:
    variant_id: int
    available: bool
    available_qty: int | None
    stock_status: str

    @classmethod
    def parse(cls, data: dict[str, Any]) -> Availability:
        return cls(int(data["variant_id"]), bool(data["available"]), data.get("available_qty"), data["stock_status"])
