"""Checkout preparation answers: locations, couriers, the summary, methods, discount checks."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from ...money import parse_money


@dataclasses.dataclass(frozen=True)
class Province:
    id: int
    name: str

    @classmethod
    def parse(cls, data: dict[str, Any]) -> Province:
        return cls(int(data["province_id"]), data["province_name"])


@dataclasses.dataclass(frozen=True)
class City:
    id: int
    name: str

    @classmethod
    def parse(cls, data: dict[str, Any]) -> City:
        return cls(int(data["city_id"]), data["city_name"])


@dataclasses.dataclass(frozen=True)
class Location:
    id: int
    subdistrict_name: str
    city_name: str
    province_name: str
    display: str

    @classmethod
    def parse(cls, data: dict[str, Any]) -> Location:
        return cls(int(data["id"]), data["subdistrict_name"], data["city_name"], data["province_name"], data["display"])


@dataclasses.dataclass(frozen=True)
class ShippingOption:
    courier_service_id: int
    courier_code: str
    service_code: str
    name: str
    cost: Decimal
    etd: str | None
    is_cod: bool
    warehouse_unique_id: str
    courier_aggregator_code: str | None
    logo_url: str | None

    @classmethod
    def parse(cls, data: dict[str, Any]) -> ShippingOption:
        return cls(
            int(data["courier_service_id"]),
            data["courier_code"],
            data["service_code"],
            data["name"],
            parse_money(data["cost"]) or Decimal(0),
            data.get("etd"),
            bool(data["is_cod"]),
            data["warehouse_unique_id"],
            data.get("courier_aggregator_code"),
            data.get("logo_url"),
        )


@dataclasses.dataclass(frozen=True)
class CheckoutSummary:
    product_price: Decimal
    shipping_cost: Decimal
    other_income: Decimal
    other_income_name: str | None
    service_fee: Decimal
    gross_revenue: Decimal

    @classmethod
    def parse(cls, data: dict[str, Any]) -> CheckoutSummary:
        zero = Decimal(0)
        return cls(
            parse_money(data["product_price"]) or zero,
            parse_money(data["shipping_cost"]) or zero,
            parse_money(data.get("other_income")) or zero,
            data.get("other_income_name"),
            parse_money(data.get("service_fee")) or zero,
            parse_money(data["gross_revenue"]) or zero,
        )


@dataclasses.dataclass(frozen=True)
class PaymentMethod:
    code: str
    label: str
    description: str | None
    requires_redirect: bool

    @classmethod
    def parse_list(cls, data: dict[str, Any]) -> list[PaymentMethod]:
        """The methods a shopper may choose: enabled ones, never ``no_payment``."""
        return [
            cls(m["code"], m["label"], m.get("description"), bool(m.get("requires_redirect")))
            for m in data["data"]
            if m.get("enabled", True) is not False and m["code"] != "no_payment"
        ]


@dataclasses.dataclass(frozen=True)
class DiscountCheck:
    code: str
    is_eligible: bool
    discount: Decimal
    applied_to: str | None
    details: dict[str, Any]

    @classmethod
    def parse(cls, code: str, data: dict[str, Any]) -> DiscountCheck:
        found = data.get("discount_code") or {}
        return cls(
            code,
            bool(data["is_eligible"]),
            parse_money(data["discount_code_discount"]) or Decimal(0),
            found.get("applied_to"),
            data.get("eligibility_details") or {},
        )
