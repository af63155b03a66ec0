"""Rupiah as Indonesians write it: ``Rp150.000``, dots between thousands, a comma before cents.

Scalev sends money as strings (``"150000.00"``) or numbers; both are parsed into ``Decimal``
so no amount ever passes through a float.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

Money = Decimal


def parse_money(value: object) -> Decimal | None:
    """A ``StorefrontMoneyValue`` (string, number or null) as a Decimal; None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"not a money value: {value!r}")
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"not a money value: {value!r}") from None


def format_idr(amount: Decimal | int | str) -> str:
    value = Decimal(str(amount))
    sign = "-" if value < 0 else ""
    value = abs(value).quantize(Decimal("0.01"))
    whole, cents = divmod(value, 1)
    grouped = f"{int(whole):,}".replace(",", ".")
    text = f"{sign}Rp{grouped}"
    if cents:
        text += "," + f"{cents:.2f}"[2:]
    return text


def format_idr_range(low: Decimal | None, high: Decimal | None) -> str:
    """One price when both ends agree, else ``Rp89.000 – Rp99.000``; empty when unknown."""
    if low is None and high is None:
        return ""
    if low is None or high is None or low == high:
        return format_idr(low if low is not None else high)  # type: ignore[arg-type]
    return f"{format_idr(low)} – {format_idr(high)}"
