"""What an order costs: lines from the item union, shipping, fees and discount codes.

Every amount is recomputed here from the catalog and the store's settings; nothing a client
sends about money is trusted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from decimal import ROUND_CEILING, Decimal
from typing import Any

from .catalog import money
from .errors import bad_request
from .requests import field_error, validation_failed

ZERO = Decimal(0)
E_WALLETS = {"gopay", "dana", "shopeepay", "linkaja", "ovo"}
MANUAL = {"bank_transfer", "cod", "payment_link"}


@dataclasses.dataclass
class Line:
    kind: str  # "variant" | "bundle_price_option"
    item_id: int
    quantity: int
    name: str
    unit_price: Decimal
    weight: int  # grams per unit
    physical: bool
    product: dict[str, Any] | None = None
    variant: dict[str, Any] | None = None
    option: dict[str, Any] | None = None
    bundle: dict[str, Any] | None = None

    @property
    def total(self) -> Decimal:
        return self.unit_price * self.quantity

    @property
    def components(self) -> list[tuple[int, int]]:
        """(variant id, units) this line takes from stock."""
        if self.kind == "variant":
            return [(self.item_id, self.quantity)]
        assert self.option is not None  # a bundle line always carries its option
        return [(line["variant_id"], line["quantity"] * self.quantity) for line in self.option["lines"]]


def resolve_lines(catalog: Any, items: list[tuple[str, int, int]], field: str = "items") -> list[Line]:
    lines: list[Line] = []
    for index, (kind, item_id, quantity) in enumerate(items):
        if kind == "variant":
            found = catalog.variants.get(item_id)
            if found is None:
                raise validation_failed([field_error(f"{field}[{index}].variant_id", "unknown variant", "not_found")])
            product, variant = found
            label = catalog.variant_view(product, variant, lambda n: n)["fullname"]
            lines.append(
                Line(
                    kind,
                    item_id,
                    quantity,
                    label,
                    Decimal(variant["price"]),
                    int(variant.get("weight") or 0),
                    product["item_type"] == "physical",
                    product=product,
                    variant=variant,
                )
            )
        else:
            found = catalog.options_by_id.get(item_id)
            if found is None:
                raise validation_failed(
                    [
                        field_error(
                            f"{field}[{index}].bundle_price_option_id", "unknown bundle price option", "not_found"
                        )
                    ]
                )
            bundle, option = found
            weight = int(option.get("weight_bump") or 0)
            physical = False
            for part in option["lines"]:
                product, variant = catalog.variants[part["variant_id"]]
                weight += int(variant.get("weight") or 0) * part["quantity"]
                physical = physical or product["item_type"] == "physical"
            lines.append(
                Line(
                    kind,
                    item_id,
                    quantity,
                    option["name"],
                    Decimal(option["price"]),
                    weight,
                    physical,
                    option=option,
                    bundle=bundle,
                )
            )
    return lines


def merge_lines(lines: list[Line]) -> list[Line]:
    merged: dict[tuple[str, int], Line] = {}
    for line in lines:
        key = (line.kind, line.item_id)
        if key in merged:
            merged[key].quantity += line.quantity
        else:
            merged[key] = dataclasses.replace(line)
    return list(merged.values())


def check_stock(catalog: Any, lines: list[Line]) -> None:
    needed: dict[int, int] = {}
    for line in lines:
        for variant_id, units in line.components:
            needed[variant_id] = needed.get(variant_id, 0) + units
    errors = []
    for variant_id, units in needed.items():
        available = catalog.available_qty(variant_id)
        if available is not None and available < units:
            errors.append(field_error("items", f"variant {variant_id}: only {available} left", "out_of_stock"))
    if errors:
        raise validation_failed(errors)


def product_price(lines: list[Line]) -> Decimal:
    return sum((line.total for line in lines), ZERO)


def total_weight(lines: list[Line]) -> int:
    return sum(line.weight * line.quantity for line in lines)


def needs_shipping(lines: list[Line]) -> bool:
    return any(line.physical for line in lines)


def shipping_options(
    store: Any,
    couriers: list[dict[str, Any]],
    lines: list[Line],
    location: dict[str, Any] | None,
    payment_method: str | None,
) -> list[dict[str, Any]]:
    """Options for this destination and weight; none for digital-only orders."""
    if not needs_shipping(lines) or location is None:
        return []
    kilos = max(1, math.ceil(total_weight(lines) / 1000))
    zone = location["_zone"]
    warehouse = store.get("warehouse") or {}
    options = []
    for courier in couriers:
        if payment_method == "cod" and not courier.get("is_cod"):
            continue
        cost = Decimal(courier["base"][zone]) + Decimal(courier["per_kg"][zone]) * (kilos - 1)
        options.append(
            {
                "courier_service_id": courier["courier_service_id"],
                "courier_code": courier["courier_code"],
                "service_code": courier["service_code"],
                "name": courier["name"],
                "cost": money(cost),
                "etd": courier.get("etd"),
                "is_cod": bool(courier.get("is_cod")),
                "warehouse_unique_id": warehouse.get("unique_id", "warehouse_default"),
                "courier_aggregator_code": None,
                "logo_url": None,
            }
        )
    options.sort(key=lambda o: (Decimal(o["cost"]), o["courier_service_id"]))
    return options


def pick_shipping(options: list[dict[str, Any]], courier_service_id: Any, warehouse: Any) -> dict[str, Any]:
    """The chosen option, or the cheapest when none is named (the sandbox's documented choice)."""
    if courier_service_id in (None, ""):
        if not options:
            raise validation_failed([field_error("courier_service_id", "no courier serves this destination")])
        return options[0]
    for option in options:
        if str(option["courier_service_id"]) == str(courier_service_id) and (
            warehouse in (None, "") or warehouse == option["warehouse_unique_id"]
        ):
            return option
    raise validation_failed(
        [field_error("courier_service_id", "not available for these items, destination and payment method")]
    )


def service_fee(store: Any, method: str | None, base: Decimal) -> Decimal:
    """One combined customer fee for direct e-payments; none for manual methods and COD."""
    if not method or method in MANUAL:
        return ZERO
    fees = store.get("service_fees") or {}
    family = "va" if method.startswith("va_") else "ewallet" if method in E_WALLETS else method
    rule = fees.get(family)
    if not rule:
        return ZERO
    fee = Decimal(str(rule.get("fixed", 0)))
    if rule.get("percent"):
        fee += (base * Decimal(str(rule["percent"])) / 100).quantize(Decimal(1), rounding=ROUND_CEILING)
    return fee


def other_income(store: Any, method: str | None) -> tuple[Decimal, str | None]:
    rule = store.get("other_income")
    if not rule or method == "payment_link":
        return ZERO, rule.get("name") if rule else None
    return Decimal(str(rule["amount"])), rule.get("name")


@dataclasses.dataclass
class DiscountResult:
    code: dict[str, Any] | None
    eligible: bool
    details: dict[str, bool]
    amount: Decimal
    applied_to: str | None

    @property
    def applied_code(self) -> str | None:
        """The code's text when it applies to the order, else None."""
        return self.code["code"] if self.eligible and self.code is not None else None


def evaluate_discount(
    codes: list[dict[str, Any]],
    usage: dict[str, int],
    code: str | None,
    product_total: Decimal,
    shipping_cost: Decimal,
    method: str | None,
    now: dt.datetime | None = None,
) -> DiscountResult:
    found = next((c for c in codes if code and c["code"].upper() == code.strip().upper()), None)
    if found is None:
        return DiscountResult(None, False, {"is_found": False}, ZERO, None)
    now = now or dt.datetime.now(dt.UTC)
    used = found.get("current_usage", 0) + usage.get(found["code"], 0)
    expiry = found.get("expiry_time")
    minimum = Decimal(found["minimum_revenue"]) if found.get("minimum_revenue") else None
    methods = found.get("payment_methods") or []
    details = {
        "is_found": True,
        "is_enabled": found.get("is_enabled", True),
        "is_expiry_check": not expiry or dt.datetime.fromisoformat(expiry.replace("Z", "+00:00")) > now,
        "is_usage_limit_check": found.get("usage_limit") is None or used < found["usage_limit"],
        "is_minimum_revenue_check": minimum is None or product_total >= minimum,
        "is_limited_to_payment_methods_check": not methods or method in methods,
        "is_limited_to_pages_check": True,
        "is_page_discount_active": True,
    }
    base = product_total if found["applied_to"] == "product_price" else shipping_cost
    if found["amount_type"] == "percentage":
        amount = (base * Decimal(found["percentage"]) / 100).quantize(Decimal(1))
        if found.get("is_max_amount") and found.get("max_amount"):
            amount = min(amount, Decimal(found["max_amount"]))
    else:
        amount = Decimal(found["amount"])
    amount = min(amount, base)
    details["is_amount_not_zero"] = amount > 0
    eligible = all(details.values())
    return DiscountResult(found, eligible, details, amount if eligible else ZERO, found["applied_to"])


@dataclasses.dataclass
class Totals:
    product_price: Decimal
    product_discount: Decimal
    shipping_cost: Decimal
    shipping_discount: Decimal
    other_income: Decimal
    other_income_name: str | None
    service_fee: Decimal
    discount: DiscountResult | None
    shipping: dict[str, Any] | None

    @property
    def gross_revenue(self) -> Decimal:
        return (
            self.product_price
            - self.product_discount
            + self.shipping_cost
            - self.shipping_discount
            + self.other_income
            + self.service_fee
        )

    def summary(self) -> dict[str, Any]:
        return {
            "product_price": money(self.product_price),
            "shipping_cost": money(self.shipping_cost),
            "other_income": money(self.other_income),
            "other_income_name": self.other_income_name,
            "service_fee": money(self.service_fee),
            "gross_revenue": money(self.gross_revenue),
        }


def compute_totals(
    store: Any,
    couriers: list[dict[str, Any]],
    codes: list[dict[str, Any]],
    usage: dict[str, int],
    lines: list[Line],
    location: dict[str, Any] | None,
    courier_service_id: Any,
    warehouse: Any,
    method: str | None,
    discount_code: str | None,
    *,
    location_field: str | None,
) -> Totals:
    """``location_field`` names the field a physical order's destination comes in, when one is
    required (checkout and summary); a discount check prices what it can without one."""
    shipping = None
    shipping_cost = ZERO
    if needs_shipping(lines):
        if location is None:
            if location_field:
                raise validation_failed([field_error(location_field, "a delivery location is required", "required")])
        else:
            options = shipping_options(store, couriers, lines, location, method)
            shipping = pick_shipping(options, courier_service_id, warehouse)
            shipping_cost = Decimal(shipping["cost"])
    products = product_price(lines)
    discount = None
    product_discount = shipping_discount = ZERO
    if discount_code:
        discount = evaluate_discount(codes, usage, discount_code, products, shipping_cost, method)
        if discount.eligible:
            if discount.applied_to == "shipping_cost":
                shipping_discount = discount.amount
            else:
                product_discount = discount.amount
    income, income_name = other_income(store, method)
    fee_base = products - product_discount + shipping_cost - shipping_discount + income
    return Totals(
        products,
        product_discount,
        shipping_cost,
        shipping_discount,
        income,
        income_name,
        service_fee(store, method, fee_base),
        discount,
        shipping,
    )


def require_method(methods: list[dict[str, Any]], method: Any, *, store: Any) -> str:
    if method in (None, ""):
        if store.get("strict_two_step_paylink"):
            return "payment_link"
        raise validation_failed([field_error("payment_method", "is required", "required")])
    if not isinstance(method, str):
        raise validation_failed([field_error("payment_method", "must be a string")])
    if method == "no_payment":
        raise bad_request("no_payment is not available for storefront checkout", "invalid_payment_method")
    if method not in {m["code"] for m in methods}:
        raise validation_failed(
            [field_error("payment_method", f"{method} is not enabled for this store", "invalid_payment_method")]
        )
    return method
