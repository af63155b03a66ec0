"""Parsed answers: the fields pages use, typed, with money as ``Decimal``.

Parsers accept the extra keys Scalev may add and fail loudly only on what a page depends on.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from ..money import parse_money


@dataclasses.dataclass(frozen=True)
class PriceRange:
    low: Decimal | None
    high: Decimal | None

    @classmethod
    def parse(cls, data: Any) -> "PriceRange":
        if not isinstance(data, dict):
            return cls(None, None)
        return cls(parse_money(data.get("min")), parse_money(data.get("max")))


@dataclasses.dataclass(frozen=True)
class Category:
    id: int
    name: str | None
    full_path: str


def _category(data: Any) -> Category | None:
    if not isinstance(data, dict) or "id" not in data:
        return None
    return Category(int(data["id"]), data.get("name"), str(data.get("full_path") or ""))


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
    def parse(cls, data: dict[str, Any]) -> "ItemCard":
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
class Page:
    """One page of a cursor-paginated list."""

    items: tuple[Any, ...]
    has_next: bool
    next_cursor: str | None
    has_previous: bool
    previous_cursor: str | None
    page_size: int | None

    @classmethod
    def parse(cls, data: dict[str, Any], item: Any) -> "Page":
        return cls(
            items=tuple(item(row) for row in data.get("data") or ()),
            has_next=bool(data.get("has_next")),
            next_cursor=data.get("next_cursor"),
            has_previous=bool(data.get("has_previous")),
            previous_cursor=data.get("previous_cursor"),
            page_size=data.get("page_size"),
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
    def parse(cls, data: dict[str, Any]) -> "Variant":
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
    def parse(cls, data: dict[str, Any]) -> "ProductDetail":
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
    def parse(cls, data: dict[str, Any]) -> "BundleDetail":
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


# -- cart ------------------------------------------------------------------------------------


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
    def parse(cls, data: dict[str, Any]) -> "CartLine":
        variant = data.get("variant") if isinstance(data.get("variant"), dict) else {}
        return cls(
            id=int(data["id"]), type=str(data["type"]),
            variant_id=data.get("variant_id"), bundle_price_option_id=data.get("bundle_price_option_id"),
            quantity=int(data["quantity"]), name=data.get("name"), variant_name=data.get("variant_name"),
            unit_price=parse_money(data.get("unit_price")), line_total=parse_money(data.get("line_total")),
            image=data.get("image"),
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
    def parse(cls, data: dict[str, Any]) -> "Cart":
        return cls(
            id=data.get("id"), item_count=int(data.get("item_count") or 0), total=parse_money(data.get("total")),
            lines=tuple(CartLine.parse(row) for row in data.get("items") or ()),
        )


# -- locations, shipping, summary ------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Province:
    id: int
    name: str


@dataclasses.dataclass(frozen=True)
class City:
    id: int
    name: str


@dataclasses.dataclass(frozen=True)
class Location:
    id: int
    subdistrict_name: str
    city_name: str
    province_name: str
    display: str

    @classmethod
    def parse(cls, data: dict[str, Any]) -> "Location":
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
    def parse(cls, data: dict[str, Any]) -> "ShippingOption":
        return cls(
            int(data["courier_service_id"]), data["courier_code"], data["service_code"], data["name"],
            parse_money(data["cost"]) or Decimal(0), data.get("etd"), bool(data["is_cod"]),
            data["warehouse_unique_id"], data.get("courier_aggregator_code"), data.get("logo_url"),
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
    def parse(cls, data: dict[str, Any]) -> "CheckoutSummary":
        zero = Decimal(0)
        return cls(
            parse_money(data["product_price"]) or zero, parse_money(data["shipping_cost"]) or zero,
            parse_money(data.get("other_income")) or zero, data.get("other_income_name"),
            parse_money(data.get("service_fee")) or zero, parse_money(data["gross_revenue"]) or zero,
        )


@dataclasses.dataclass(frozen=True)
class PaymentMethod:
    code: str
    label: str
    description: str | None
    requires_redirect: bool


@dataclasses.dataclass(frozen=True)
class DiscountCheck:
    code: str
    is_eligible: bool
    discount: Decimal
    applied_to: str | None
    details: dict[str, Any]


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


# -- orders ----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class OrderLine:
    quantity: int
    product_name: str | None
    item_type: str | None
    options: tuple[str | None, str | None, str | None]
    price: Decimal | None


@dataclasses.dataclass(frozen=True)
class PaymentAccount:
    id: int
    holder: str | None
    number: str | None
    method: str | None
    bank_code: str | None
    bank_name: str | None
    financial_entity_id: int | None


@dataclasses.dataclass(frozen=True)
class Order:
    """``StorefrontPublicOrder``: every field the payment page renders, plus ``raw``."""

    id: str
    secret_slug: str
    order_id: str
    status: str
    payment_status: str | None
    payment_method: str
    gross_revenue: Decimal
    product_price: Decimal
    product_discount: Decimal
    shipping_cost: Decimal
    shipping_discount: Decimal
    other_income: Decimal
    other_income_name: str | None
    service_fee: Decimal
    unique_code_discount: Decimal
    discount_code_discount: Decimal
    payment_link_income: Decimal
    pg_payment_info: dict[str, Any]
    redirect_url: str | None
    public_order_url: str | None
    transferproof_url: str | None
    transfer_time: str | None
    payment_account_holder: str | None
    payment_account_number: str | None
    payment_expiration_at: str | None
    handler_phone: str | None
    chat_message: str | None
    lines: tuple[OrderLine, ...]
    accounts: tuple[PaymentAccount, ...]
    raw: dict[str, Any]

    @property
    def is_paid(self) -> bool:
        return self.payment_status == "paid"

    @classmethod
    def parse(cls, data: dict[str, Any]) -> "Order":
        zero = Decimal(0)

        def amount(key: str) -> Decimal:
            return parse_money(data.get(key)) or zero

        store = data.get("store") or {}
        return cls(
            id=str(data["id"]), secret_slug=data["secret_slug"], order_id=data["order_id"], status=data["status"],
            payment_status=data.get("payment_status"), payment_method=data["payment_method"],
            gross_revenue=amount("gross_revenue"), product_price=amount("product_price"),
            product_discount=amount("product_discount"), shipping_cost=amount("shipping_cost"),
            shipping_discount=amount("shipping_discount"), other_income=amount("other_income"),
            other_income_name=data.get("other_income_name"), service_fee=amount("service_fee"),
            unique_code_discount=amount("unique_code_discount"),
            discount_code_discount=amount("discount_code_discount"),
            payment_link_income=amount("payment_link_income"),
            pg_payment_info=data.get("pg_payment_info") or {}, redirect_url=data.get("redirect_url"),
            public_order_url=data.get("public_order_url"), transferproof_url=data.get("transferproof_url"),
            transfer_time=data.get("transfer_time"), payment_account_holder=data.get("payment_account_holder"),
            payment_account_number=data.get("payment_account_number"),
            payment_expiration_at=data.get("payment_expiration_at"), handler_phone=data.get("handler_phone"),
            chat_message=data.get("chat_message"),
            lines=tuple(
                OrderLine(int(l.get("quantity") or 0), l.get("product_name"), l.get("item_type"),
                          (l.get("variant_option1_value"), l.get("variant_option2_value"), l.get("variant_option3_value")),
                          parse_money(l.get("variant_price")))
                for l in data.get("orderlines") or ()
            ),
            accounts=tuple(
                PaymentAccount(int(a["id"]), a.get("account_holder"), a.get("account_number"), a.get("method"),
                               (a.get("financial_entity") or {}).get("code"), (a.get("financial_entity") or {}).get("name"),
                               (a.get("financial_entity") or {}).get("id"))
                for a in store.get("payment_accounts") or ()
            ),
            raw=data,
        )


@dataclasses.dataclass(frozen=True)
class TransferProofUpload:
    key: str
    filename: str
    content_type: str
    size: int
    file_url: str
    upload_url: str


# -- customers -------------------------------------------------------------------------------


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
    def parse(cls, data: dict[str, Any]) -> "Profile":
        customer = data["customer"]
        return cls(int(customer["id"]), customer.get("email"), customer.get("name"), customer.get("phone"),
                   customer.get("date_of_birth"), customer.get("sex"), bool(customer.get("is_unsubscribe")),
                   bool((data.get("store") or {}).get("is_customer_otp_required")), data)


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

    @classmethod
    def parse(cls, data: dict[str, Any]) -> "Address":
        return cls(int(data["id"]), data.get("name"), data.get("phone"), data.get("email"), data.get("location"),
                   data.get("address"), data.get("postal_code"), data.get("notes"))


@dataclasses.dataclass(frozen=True)
class CustomerOrder:
    """``StorefrontCustomerFacingOrder``: the account's order list and detail."""

    id: str
    secret_slug: str
    order_id: str
    status: str
    payment_status: str | None
    payment_method: str
    gross_revenue: Decimal
    created_at: str | None
    raw: dict[str, Any]

    @classmethod
    def parse(cls, data: dict[str, Any]) -> "CustomerOrder":
        return cls(str(data["id"]), data["secret_slug"], data["order_id"], data["status"], data.get("payment_status"),
                   data["payment_method"], parse_money(data.get("gross_revenue")) or Decimal(0),
                   data.get("created_at"), data)


@dataclasses.dataclass(frozen=True)
class Subscription:
    id: str
    subscription_id: str | None
    status: str
    is_cancel_at_period_end: bool
    interval: str | None
    interval_count: int | None
    current_period_end: str | None
    items: tuple[dict[str, Any], ...]
    raw: dict[str, Any]

    @classmethod
    def parse(cls, data: dict[str, Any]) -> "Subscription":
        return cls(str(data["id"]), data.get("subscription_id"), str(data.get("status")),
                   bool(data.get("is_cancel_at_period_end")), data.get("interval"), data.get("interval_count"),
                   data.get("current_period_end"), tuple(data.get("subscription_items") or ()), data)
