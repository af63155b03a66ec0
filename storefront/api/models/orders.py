"""Orders as the buyer sees them, and the transfer-proof upload slot."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from ...money import parse_money


@dataclasses.dataclass(frozen=True)
class OrderLine:
    quantity: int
    product_name: str | None
    item_type: str | None
    options: tuple[str | None, str | None, str | None]
    price: Decimal | None

    @property
    def title(self) -> str:
        """``Kaos Katun Premium – L / Hitam``: the product, then the chosen options."""
        chosen = " / ".join(option for option in self.options if option)
        return f"{self.product_name or ''} – {chosen}" if chosen else self.product_name or ""


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
    discount_code: str | None
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
    def parse(cls, data: dict[str, Any]) -> Order:
        zero = Decimal(0)

        def amount(key: str) -> Decimal:
            return parse_money(data.get(key)) or zero

        store = data.get("store") or {}
        return cls(
            id=str(data["id"]),
            secret_slug=data["secret_slug"],
            order_id=data["order_id"],
            status=data["status"],
            payment_status=data.get("payment_status"),
            payment_method=data["payment_method"],
            gross_revenue=amount("gross_revenue"),
            product_price=amount("product_price"),
            product_discount=amount("product_discount"),
            shipping_cost=amount("shipping_cost"),
            shipping_discount=amount("shipping_discount"),
            other_income=amount("other_income"),
            other_income_name=data.get("other_income_name"),
            service_fee=amount("service_fee"),
            unique_code_discount=amount("unique_code_discount"),
            discount_code_discount=amount("discount_code_discount"),
            discount_code=data.get("discount_code_code"),
            payment_link_income=amount("payment_link_income"),
            pg_payment_info=data.get("pg_payment_info") or {},
            redirect_url=data.get("redirect_url"),
            public_order_url=data.get("public_order_url"),
            transferproof_url=data.get("transferproof_url"),
            transfer_time=data.get("transfer_time"),
            payment_account_holder=data.get("payment_account_holder"),
            payment_account_number=data.get("payment_account_number"),
            payment_expiration_at=data.get("payment_expiration_at"),
            handler_phone=data.get("handler_phone"),
            chat_message=data.get("chat_message"),
            lines=tuple(
                OrderLine(
                    int(l.get("quantity") or 0),
                    l.get("product_name"),
                    l.get("item_type"),
                    (l.get("variant_option1_value"), l.get("variant_option2_value"), l.get("variant_option3_value")),
                    parse_money(l.get("variant_price")),
                )
                for l in data.get("orderlines") or ()
            ),
            accounts=tuple(
                PaymentAccount(
                    int(a["id"]),
                    a.get("account_holder"),
                    a.get("account_number"),
                    a.get("method"),
                    (a.get("financial_entity") or {}).get("code"),
                    (a.get("financial_entity") or {}).get("name"),
                    (a.get("financial_entity") or {}).get("id"),
                )
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

    @classmethod
    def parse(cls, data: dict[str, Any]) -> TransferProofUpload:
        return cls(
            data["key"],
            data["filename"],
            data["content_type"],
            int(data["size_in_bytes"]),
            data["file_url"],
            data["upload_url"],
        )
