"""Orders as the buyer sees them (the public order, and the account's own orders, which carry
the same payment fields), and the transfer-proof upload slot."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from .catalog import _three
from .fields import read


@dataclasses.dataclass(frozen=True)
class OrderLine:
    product_name: str | None
    options: tuple[str | None, str | None, str | None]
    quantity: int
    item_type: str | None
    variant_price: Decimal | None
    #: Whether the line gives a course (customer orders say so), and its variant's id.
    is_lms_enabled: bool = False
    variant: int | None = None

    @property
    def title(self) -> str:
        """``Kaos Katun Premium – L / Hitam``: the product, then the chosen options."""
        chosen = " / ".join(option for option in self.options if option)
        return f"{self.product_name or ''} – {chosen}" if chosen else self.product_name or ""

    @classmethod
    def parse(cls, data: dict[str, Any]) -> OrderLine:
        return read(cls, {"quantity": 0, **data}, options=_three(data, "variant_option{}_value"))


@dataclasses.dataclass(frozen=True)
class PaymentAccount:
    id: int
    account_holder: str | None
    account_number: str | None
    method: str | None
    bank_code: str | None
    bank_name: str | None
    financial_entity_id: int | None

    @classmethod
    def parse(cls, data: dict[str, Any]) -> PaymentAccount:
        bank = data.get("financial_entity") or {}
        return read(
            cls, data, bank_code=bank.get("code"), bank_name=bank.get("name"), financial_entity_id=bank.get("id")
        )


@dataclasses.dataclass(frozen=True)
class Order:
    """An order with every field the payment page renders, plus ``raw``: Scalev's
    ``StorefrontPublicOrder`` and the account's ``StorefrontCustomerFacingOrder`` alike."""

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
    discount_code_code: str | None
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
    created_at: str | None
    is_probably_spam: bool
    lines: tuple[OrderLine, ...]
    accounts: tuple[PaymentAccount, ...]
    raw: dict[str, Any]

    @property
    def is_paid(self) -> bool:
        return self.payment_status == "paid"

    @classmethod
    def parse(cls, data: dict[str, Any]) -> Order:
        store = data.get("store") or {}
        return read(
            cls,
            data,
            lines=tuple(OrderLine.parse(line) for line in data.get("orderlines") or ()),
            accounts=tuple(PaymentAccount.parse(account) for account in store.get("payment_accounts") or ()),
            raw=data,
        )


@dataclasses.dataclass(frozen=True)
class TransferProofUpload:
    key: str
    filename: str
    content_type: str
    size_in_bytes: int
    file_url: str
    upload_url: str
