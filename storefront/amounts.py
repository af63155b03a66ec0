"""The amounts a buyer reads, as rows, for the checkout summary and the order page alike.

Both show the same money in the same order with the same labels; only where the numbers come
from differs (the store's summary before the order, the order itself after).
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from .api.models import CheckoutSummary, Order

ZERO = Decimal(0)


@dataclasses.dataclass(frozen=True)
class Amounts:
    gross_revenue: Decimal
    product_price: Decimal
    product_discount: Decimal = ZERO
    shipping_cost: Decimal | None = None  # None: no shipping row (nothing ships, or no courier yet)
    shipping_discount: Decimal = ZERO
    other_income: Decimal = ZERO
    other_income_name: str | None = None
    service_fee: Decimal = ZERO
    payment_link_income: Decimal = ZERO
    unique_code_discount: Decimal = ZERO
    discount_code_discount: Decimal = ZERO
    discount_code: str | None = None

    @classmethod
    def of_order(cls, order: Order) -> Amounts:
        return cls(
            order.gross_revenue,
            order.product_price,
            order.product_discount,
            order.shipping_cost or None,
            order.shipping_discount,
            order.other_income,
            order.other_income_name,
            order.service_fee,
            order.payment_link_income,
            order.unique_code_discount,
            order.discount_code_discount,
            order.discount_code_code,
        )

    @classmethod
    def of_summary(cls, summary: CheckoutSummary, show_shipping: bool, discount: tuple[str, Decimal] | None) -> Amounts:
        """The store's summary; ``discount`` is the code applied and what it takes off."""
        code, amount = discount or (None, ZERO)
        return cls(
            summary.gross_revenue,
            summary.product_price,
            shipping_cost=summary.shipping_cost if show_shipping else None,
            other_income=summary.other_income,
            other_income_name=summary.other_income_name,
            service_fee=summary.service_fee,
            discount_code_discount=amount,
            discount_code=code,
        )


@dataclasses.dataclass(frozen=True)
class AmountRow:
    label: str  # a message key, or the merchant's own words when ``translate`` is False
    amount: Decimal  # negative for what is taken off
    kind: str = ""  # "", "discount" or "total"
    translate: bool = True
    detail: str | None = None  # shown after the label, such as the discount code


def amount_rows(amounts: Amounts) -> list[AmountRow]:
    rows = [AmountRow("checkout.products", amounts.product_price)]
    if amounts.product_discount:
        rows.append(AmountRow("order.product_discount", -amounts.product_discount, "discount"))
    if amounts.shipping_cost is not None:
        rows.append(AmountRow("checkout.shipping_cost", amounts.shipping_cost))
    if amounts.shipping_discount:
        rows.append(AmountRow("order.shipping_discount", -amounts.shipping_discount, "discount"))
    if amounts.other_income:
        named = bool(amounts.other_income_name)
        rows.append(
            AmountRow(amounts.other_income_name or "checkout.other_income", amounts.other_income, translate=not named)
        )
    if amounts.service_fee:
        rows.append(AmountRow("checkout.service_fee", amounts.service_fee))
    if amounts.payment_link_income:
        rows.append(AmountRow("order.payment_link_income", amounts.payment_link_income))
    if amounts.unique_code_discount:
        rows.append(AmountRow("order.unique_code", -amounts.unique_code_discount, "discount"))
    # A code's discount is already inside the product or shipping discount when those are given.
    if amounts.discount_code_discount and not amounts.product_discount and not amounts.shipping_discount:
        rows.append(
            AmountRow(
                "checkout.discount_line", -amounts.discount_code_discount, "discount", detail=amounts.discount_code
            )
        )
    rows.append(AmountRow("checkout.total", amounts.gross_revenue, "total"))
    return rows
