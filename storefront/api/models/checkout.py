"""Checkout preparation answers: locations, couriers, the summary, methods, discount checks."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any, TypeAlias

from .fields import read


@dataclasses.dataclass(frozen=True)
class Area:
    """A province or a city of the location cascade: an id and a name."""

    id: int
    name: str

    @classmethod
    def parse(cls, data: dict[str, Any], level: str) -> Area:
        """``level`` is ``"province"`` or ``"city"``: Scalev prefixes the keys with it."""
        return cls(int(data[f"{level}_id"]), str(data[f"{level}_name"]))


#: The cascade's two levels are the same kind of value.
Province: TypeAlias = Area
City: TypeAlias = Area


@dataclasses.dataclass(frozen=True)
class Location:
    """A subdistrict, the place a parcel goes (``id`` is checkout's ``location_id``)."""

    id: int
    subdistrict_name: str
    city_name: str
    province_name: str
    display: str


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
        if data.get("gross_revenue") in (None, ""):
            raise KeyError("a checkout summary without gross_revenue")
        return read(cls, data)


@dataclasses.dataclass(frozen=True)
class PaymentMethod:
    code: str
    label: str
    description: str | None
    requires_redirect: bool

    @classmethod
    def parse_list(cls, data: dict[str, Any]) -> list[PaymentMethod]:
        """The methods a shopper may choose: enabled ones, never ``no_payment``."""
        return [read(cls, m) for m in data["data"] if m.get("enabled", True) is not False and m["code"] != "no_payment"]


@dataclasses.dataclass(frozen=True)
class DiscountCheck:
    code: str
    is_eligible: bool
    discount_code_discount: Decimal
    applied_to: str | None
    eligibility_details: dict[str, Any]

    @property
    def discount(self) -> Decimal:
        return self.discount_code_discount

    @classmethod
    def parse(cls, code: str, data: dict[str, Any]) -> DiscountCheck:
        found = data.get("discount_code") or {}
        return read(cls, data, code=code, applied_to=found.get("applied_to"))
