"""Catalog answers (cards, details, pricing, availability) computed from the seed and live stock.

Shapes follow ``StorefrontProductCard``, ``StorefrontBundlePriceOptionCard`` and their detail
schemas. Money is a two-decimal string, as Scalev's own examples show it.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from .seed import Seed

LOW_STOCK_THRESHOLD = 5

#: Turns a seed image name into an absolute URL (sandbox media unless already a URL).
ImageResolver = Callable[[str], str]


def money(value: Decimal | int | str) -> str:
    return f"{Decimal(value):.2f}"


class Catalog:
    def __init__(self, seed: Seed) -> None:
        self.seed = seed
        self.categories = {c["id"]: c for c in seed.categories}
        self.products_by_slug = {p["slug"]: p for p in seed.products}
        self.variants: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}
        for product in seed.products:
            for variant in product["variants"]:
                self.variants[variant["id"]] = (product, variant)
        self.options_by_slug: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
        self.options_by_id: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}
        for bundle in seed.bundles:
            for option in bundle["price_options"]:
                self.options_by_slug[option["slug"]] = (bundle, option)
                self.options_by_id[option["id"]] = (bundle, option)
        # Stock that changes as orders are placed; seeded from ``available_qty``.
        self.stock: dict[int, int | None] = {
            vid: (v.get("available_qty") if v.get("is_inventory") else None) for vid, (_, v) in self.variants.items()
        }

    # -- stock -------------------------------------------------------------------------------

    def available_qty(self, variant_id: int) -> int | None:
        return self.stock.get(variant_id)

    def is_available(self, variant_id: int) -> bool:
        qty = self.available_qty(variant_id)
        return qty is None or qty > 0

    def stock_status(self, variant_id: int) -> str:
        qty = self.available_qty(variant_id)
        if qty is None or qty > LOW_STOCK_THRESHOLD:
            return "in_stock"
        return "low_stock" if qty > 0 else "out_of_stock"

    def option_available(self, option_id: int) -> bool:
        _, option = self.options_by_id[option_id]
        for line in option["lines"]:
            qty = self.available_qty(line["variant_id"])
            if qty is not None and qty < line["quantity"]:
                return False
        return True

    # -- cards -------------------------------------------------------------------------------

    def _taxonomy(self, taxonomy_id: int | None) -> dict[str, Any] | None:
        category = self.categories.get(taxonomy_id) if taxonomy_id is not None else None
        return dict(category) if category else None

    def product_card(self, product: dict[str, Any], image: ImageResolver) -> dict[str, Any]:
        variants = product["variants"]
        prices = [Decimal(v["price"]) for v in variants]
        names = product.get("images") or ([product["image"]] if product.get("image") else [])
        images = [image(name) for name in names]
        return {
            "id": product["id"],
            "slug": product["slug"],
            "name": product["name"],
            "description": product.get("description"),
            "meta_thumbnail": images[0] if images else None,
            "entity_type": "product",
            "item_type": product["item_type"],
            "is_multiple": len(variants) > 1,
            "option1_name": product.get("option1_name"),
            "option2_name": product.get("option2_name"),
            "option3_name": product.get("option3_name"),
            "in_stock": any(self.is_available(v["id"]) for v in variants),
            "price_range": {"min": money(min(prices)), "max": money(max(prices))},
            "images": images,
            "taxonomy": self._taxonomy(product.get("taxonomy_id")),
            "created_at": product.get("created_at"),
        }

    def option_card(self, bundle: dict[str, Any], option: dict[str, Any], image: ImageResolver) -> dict[str, Any]:
        images = [image(option["image"])] if option.get("image") else []
        return {
            "id": option["id"],
            "bundle_price_option_id": option["id"],
            "bundle_id": bundle["bundle_id"],
            "slug": option["slug"],
            "name": option["name"],
            "description": option.get("description"),
            "meta_thumbnail": images[0] if images else None,
            "entity_type": "bundle_price_option",
            "is_multiple": False,
            "option1_name": None,
            "option2_name": None,
            "option3_name": None,
            "in_stock": self.option_available(option["id"]),
            "price_range": {"min": money(option["price"]), "max": money(option["price"])},
            "images": images,
            "taxonomy": self._taxonomy(bundle.get("taxonomy_id")),
            "created_at": bundle.get("created_at"),
        }

    def item_cards(self, image: ImageResolver) -> list[dict[str, Any]]:
        """Every visible item, newest first (ties broken by id, highest first)."""
        cards = [self.product_card(p, image) for p in self.seed.products if not p.get("hidden")]
        cards += [
            self.option_card(b, o, image) for b in self.seed.bundles for o in b["price_options"] if not o.get("hidden")
        ]
        cards.sort(key=lambda c: (c.get("created_at") or "", c["id"]), reverse=True)
        return cards

    # -- details -----------------------------------------------------------------------------

    def variant_view(self, product: dict[str, Any], variant: dict[str, Any], image: ImageResolver) -> dict[str, Any]:
        values = [variant.get(f"option{i}_value") for i in (1, 2, 3)]
        label = " / ".join(v for v in values if v) or product["name"]
        images = [image(variant["image"])] if variant.get("image") else []
        return {
            "id": variant["id"],
            "uuid": variant.get("uuid"),
            "unique_id": variant.get("unique_id"),
            "sku": variant.get("sku"),
            "name": label,
            "fullname": product["name"] if label == product["name"] else f"{product['name']} - {label}",
            "description": variant.get("description"),
            "rich_description": variant.get("rich_description"),
            "option1_value": values[0],
            "option2_value": values[1],
            "option3_value": values[2],
            "item_type": product["item_type"],
            "currency": "IDR",
            "price": money(variant["price"]),
            "pricing_type": variant.get("pricing_type", "one_time"),
            "interval": variant.get("interval"),
            "interval_count": variant.get("interval_count"),
            "images": images,
            "is_inventory": bool(variant.get("is_inventory")),
            "is_active": variant.get("is_active", True),
            "weight": variant.get("weight"),
            "metadata": variant.get("metadata"),
        }

    def product_detail(self, slug: str, image: ImageResolver) -> dict[str, Any] | None:
        product = self.products_by_slug.get(slug)
        if product is None:
            return None
        detail = self.product_card(product, image)
        detail["rich_description"] = product.get("rich_description")
        detail["variants"] = [self.variant_view(product, v, image) for v in product["variants"]]
        return detail

    def option_detail(self, slug: str, image: ImageResolver) -> dict[str, Any] | None:
        found = self.options_by_slug.get(slug)
        if found is None:
            return None
        bundle, option = found
        detail = self.option_card(bundle, option, image)
        detail.update(
            rich_description=option.get("rich_description"),
            bundle_name=bundle["bundle_name"],
            bundle_price_option_name=option["name"],
            price=money(option["price"]),
            weight_bump=option.get("weight_bump"),
            bundlelines=[self._bundle_line(line) for line in option["lines"]],
            unique_id=option.get("unique_id"),
        )
        return detail

    def _bundle_line(self, line: dict[str, Any]) -> dict[str, Any]:
        product, variant = self.variants[line["variant_id"]]
        view = self.variant_view(product, variant, lambda name: name)
        return {
            "variant_id": line["variant_id"],
            "quantity": line["quantity"],
            "variant_name": view["name"],
            "product_name": product["name"],
        }

    def pricing(self, variant_ids: list[int]) -> list[dict[str, Any]]:
        rows = []
        for vid in variant_ids:
            if vid not in self.variants:
                continue
            _, variant = self.variants[vid]
            rows.append(
                {
                    "variant_id": vid,
                    "price": money(variant["price"]),
                    "currency": "IDR",
                    "available": self.is_available(vid),
                    "available_qty": self.available_qty(vid),
                }
            )
        return rows

    def availability(self, variant_id: int) -> dict[str, Any] | None:
        if variant_id not in self.variants:
            return None
        return {
            "variant_id": variant_id,
            "available": self.is_available(variant_id),
            "available_qty": self.available_qty(variant_id),
            "stock_status": self.stock_status(variant_id),
        }

    def category_list(self) -> list[dict[str, Any]]:
        """Categories that have at least one visible product, as ``StorefrontCategory``."""
        used = {p.get("taxonomy_id") for p in self.seed.products if not p.get("hidden")}
        used |= {b.get("taxonomy_id") for b in self.seed.bundles}
        return [
            {"id": c["id"], "name": c.get("name"), "full_path": c["full_path"]}
            for c in self.seed.categories
            if c["id"] in used
        ]
