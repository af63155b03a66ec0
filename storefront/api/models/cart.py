"""The cart, guest or customer: Scalev gives both the same shape."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from .fields import read


@dataclasses.dataclass(frozen=True)
class CartLine:
    id: int
    type: str
    variant_id: int | None
    bundle_price_option_id: int | None
    quantity: int
    name: str | None
    variant_name: str | None
    unit_price: Decimal | None
    line_total: Decimal | None
    image: str | None
    unique_id: str | None  # variant or bundle price option unique id, for analytics
    slug: str | None  # product or bundle slug, for links
    item_type: str | None = None  # physical, digital, course…: when the cart says it

    @property
    def is_bundle(self) -> bool:
        return self.type == "bundle_price_option"

    @classmethod
    def parse(cls, data: dict[str, Any]) -> CartLine:
        variant: dict[str, Any] = data["variant"] if isinstance(data.get("variant"), dict) else {}
        return read(
            cls,
            data,
            unique_id=data.get("bundle_price_option_unique_id") or variant.get("unique_id"),
            slug=data.get("bundle_price_option_slug") or data.get("product_slug"),
            item_type=variant.get("item_type") or data.get("item_type"),
        )


@dataclasses.dataclass(frozen=True)
class Cart:
    id: int | None
    item_count: int
    total: Decimal | None
    lines: tuple[CartLine, ...]

    @classmethod
    def parse(cls, data: dict[str, Any]) -> Cart:
        lines = tuple(CartLine.parse(row) for row in data.get("items") or ())
        return read(cls, {"item_count": 0, **data}, lines=lines)

    @classmethod
    def empty(cls, cart_id: int | None = None) -> Cart:
        return cls(cart_id, 0, None, ())

    def with_quantity(self, line_id: int, quantity: int) -> Cart:
        """The cart as it will look once the store agrees to the change (0 removes the line);
        totals are recomputed from unit prices."""
        lines = []
        for line in self.lines:
            if line.id != line_id:
                lines.append(line)
            elif quantity > 0:
                total = line.unit_price * quantity if line.unit_price is not None else None
                lines.append(dataclasses.replace(line, quantity=quantity, line_total=total))
        total = sum((line.line_total for line in lines if line.line_total is not None), start=Decimal(0))
        return Cart(self.id, sum(line.quantity for line in lines), total, tuple(lines))
