"""Carts: guest carts behind ``X-Scalev-Guest-Token`` and one cart per signed-in customer.

An unknown or malformed guest token gets a new empty cart and a new token (the sandbox's
documented choice); the ``GuestCart`` answer adds names and prices as extra keys.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .catalog import money
from .errors import ApiError, not_found
from .ids import guest_token
from .requests import field_error, validation_failed

if TYPE_CHECKING:
    from .state import SandboxState

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
MAX_LINE_QUANTITY = 100


class Carts:
    def __init__(self, state: SandboxState) -> None:
        self.state = state
        self.db = state.db

    # -- lookup ------------------------------------------------------------------------------

    def _new(self, **owner: Any) -> dict[str, Any]:
        cart = {"id": self.db.next_id("cart", 88001), "items": [], **owner}
        return self.db.put("cart", cart["id"], cart)

    def for_token(self, token: str | None) -> tuple[dict[str, Any], str]:
        """The guest cart for ``token``; a new cart and token when it is missing or unknown."""
        if token and UUID.match(token.lower()):
            link = self.db.get("guest_token", token.lower())
            if link:
                cart = self.db.get("cart", link["cart_id"])
                if cart is not None:
                    return cart, token.lower()
        token = guest_token()
        cart = self._new(guest_token=token)
        self.db.put("guest_token", token, {"cart_id": cart["id"]})
        return cart, token

    def existing_for_token(self, token: str | None) -> dict[str, Any] | None:
        if not token:
            return None
        link = self.db.get("guest_token", token.lower())
        return self.db.get("cart", link["cart_id"]) if link else None

    def for_customer(self, customer_id: int) -> dict[str, Any]:
        link = self.db.get("customer_cart", customer_id)
        if link:
            cart = self.db.get("cart", link["cart_id"])
            if cart is not None:
                return cart
        cart = self._new(customer_id=customer_id)
        self.db.put("customer_cart", customer_id, {"cart_id": cart["id"]})
        return cart

    def save(self, cart: dict[str, Any]) -> dict[str, Any]:
        return self.db.put("cart", cart["id"], cart)

    # -- changes -----------------------------------------------------------------------------

    def add(self, cart: dict[str, Any], kind: str, item_id: int, quantity: int) -> dict[str, Any]:
        catalog = self.state.catalog
        key = "variant_id" if kind == "variant" else "bundle_price_option_id"
        if kind == "variant" and item_id not in catalog.variants:
            raise validation_failed([field_error("variant_id", "unknown variant", "not_found")])
        if kind == "bundle_price_option" and item_id not in catalog.options_by_id:
            raise validation_failed([field_error("bundle_price_option_id", "unknown bundle price option", "not_found")])
        line = next((i for i in cart["items"] if i["type"] == kind and i[key] == item_id), None)
        new_quantity = quantity + (line["quantity"] if line else 0)
        self._check_quantity(kind, item_id, new_quantity)
        if line:
            line["quantity"] = new_quantity
        else:
            cart["items"].append(
                {
                    "id": self.db.next_id("cart_item", 450001),
                    "type": kind,
                    "variant_id": item_id if kind == "variant" else None,
                    "bundle_price_option_id": item_id if kind != "variant" else None,
                    "quantity": quantity,
                }
            )
        return self.save(cart)

    def _check_quantity(self, kind: str, item_id: int, quantity: int) -> None:
        if quantity > MAX_LINE_QUANTITY:
            raise validation_failed([field_error("quantity", f"at most {MAX_LINE_QUANTITY} per item", "out_of_range")])
        catalog = self.state.catalog
        components = (
            [(item_id, quantity)]
            if kind == "variant"
            else [(l["variant_id"], l["quantity"] * quantity) for l in catalog.options_by_id[item_id][1]["lines"]]
        )
        for variant_id, units in components:
            available = catalog.available_qty(variant_id)
            if available is not None and available < units:
                raise ApiError(
                    400,
                    "Not enough stock",
                    "out_of_stock",
                    message=f"Only {available} left in stock",
                    errors=[field_error("quantity", f"only {available} left", "out_of_stock")],
                )

    def _line(self, cart: dict[str, Any], item_id: int) -> dict[str, Any]:
        line = next((i for i in cart["items"] if i["id"] == item_id), None)
        if line is None:
            raise not_found("Cart item", "cart_item_not_found")
        return line

    def update(self, cart: dict[str, Any], item_id: int, quantity: int) -> dict[str, Any]:
        line = self._line(cart, item_id)
        self._check_quantity(line["type"], line["variant_id"] or line["bundle_price_option_id"], quantity)
        line["quantity"] = quantity
        return self.save(cart)

    def remove(self, cart: dict[str, Any], item_id: int) -> dict[str, Any]:
        line = self._line(cart, item_id)
        cart["items"].remove(line)
        return self.save(cart)

    def clear(self, cart: dict[str, Any]) -> None:
        cart["items"] = []
        self.save(cart)

    def merge(self, source: dict[str, Any], target: dict[str, Any]) -> dict[str, Any]:
        """Moves every guest line into the customer's cart, adding quantities (capped by stock)."""
        for line in source["items"]:
            kind = line["type"]
            item_id = line["variant_id"] if kind == "variant" else line["bundle_price_option_id"]
            try:
                self.add(target, kind, item_id, line["quantity"])
            except ApiError:
                pass  # a line that no longer fits stays behind rather than failing the sign-in
        self.clear(source)
        return self.db.get("cart", target["id"])  # type: ignore[return-value]

    def items_of(self, cart: dict[str, Any]) -> list[tuple[str, int, int]]:
        return [
            (i["type"], i["variant_id"] if i["type"] == "variant" else i["bundle_price_option_id"], i["quantity"])
            for i in cart["items"]
        ]

    # -- rendering ---------------------------------------------------------------------------

    def render(self, cart: dict[str, Any], image: Any) -> dict[str, Any]:
        catalog = self.state.catalog
        items, total = [], Decimal(0)
        for line in cart["items"]:
            row = {k: line[k] for k in ("id", "type", "variant_id", "bundle_price_option_id", "quantity")}
            if line["type"] == "variant":
                product, variant = catalog.variants[line["variant_id"]]
                view = catalog.variant_view(product, variant, image)
                price = Decimal(variant["price"])
                row.update(
                    item_type=product["item_type"],
                    name=product["name"],
                    variant_name=view["name"] if view["name"] != product["name"] else None,
                    product_slug=product["slug"],
                    unit_price=money(price),
                    image=(view["images"] or [image(product["image"])] if product.get("image") else [None])[0],
                    available=catalog.is_available(line["variant_id"]),
                    variant={
                        "id": variant["id"],
                        "unique_id": variant.get("unique_id"),
                        "fullname": view["fullname"],
                        "item_type": product["item_type"],
                    },
                )
            else:
                bundle, option = catalog.options_by_id[line["bundle_price_option_id"]]
                price = Decimal(option["price"])
                physical = any(
                    catalog.variants[part["variant_id"]][0]["item_type"] == "physical" for part in option["lines"]
                )
                row.update(
                    item_type="physical" if physical else "digital",
                    bundle_price_option_slug=option["slug"],
                    bundle_price_option_unique_id=option.get("unique_id") or f"bundle_price_option_{option['id']}",
                    name=option["name"],
                    variant_name=None,
                    unit_price=money(price),
                    image=image(option["image"]) if option.get("image") else None,
                    available=catalog.option_available(option["id"]),
                )
            row["line_total"] = money(price * line["quantity"])
            total += price * line["quantity"]
            items.append(row)
        return {
            "id": cart["id"],
            "item_count": sum(i["quantity"] for i in cart["items"]),
            "total": money(total),
            "items": items,
        }
