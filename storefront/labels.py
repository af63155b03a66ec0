"""Words for what the API says in codes: order and payment status, payment method names, and
times in the store's own time zone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .api.models import PaymentMethod
from .config import ZONES
from .i18n import Translator

#: Brand names as the brands write them (a store's own label wins when the shop has it).
BRANDS = {
    "gopay": "GoPay",
    "dana": "DANA",
    "shopeepay": "ShopeePay",
    "linkaja": "LinkAja",
    "ovo": "OVO",
    "qris": "QRIS",
    "cod": "COD",
    "alfamart": "Alfamart",
}


def _known(t: Translator, key: str, fallback: str) -> str:
    return t(key) if t.has(key) else fallback


def payment_label(t: Translator, payment_status: str | None) -> str:
    return _known(t, f"payment.{payment_status}", payment_status) if payment_status else ""


def status_label(t: Translator, status: str, payment_status: str | None = None) -> str:
    """``Menunggu pembayaran · Belum dibayar``: the order's state, then its payment's."""
    label = _known(t, f"status.{status}", status)
    return f"{label} · {payment_label(t, payment_status)}" if payment_status else label


def method_name(t: Translator, code: str, methods: Iterable[PaymentMethod] = ()) -> str:
    """The store's own label for a method when it gave one, else a name built from the code."""
    for method in methods:
        if method.code == code:
            return method.label
    if code.startswith("va_"):
        return t("payment.virtual_account", bank=code[3:].upper())
    return BRANDS.get(code) or _known(t, f"method.{code}", code.replace("_", " ").title())


def local_time(value: str, zone: str = "WIB") -> str:
    """An ISO 8601 moment as ``31/01/2026 14:05 WIB``; the text unchanged when it is not one."""
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    offset = ZONES.get(zone, ZONES["WIB"])
    here = moment.astimezone(dt.timezone(dt.timedelta(hours=offset)))
    return here.strftime(f"%d/%m/%Y %H:%M {zone if zone in ZONES else 'WIB'}")


def interval_label(t: Translator, interval: str | None, count: int | None) -> str:
    """``per bulan``, ``setiap 3 bulan``; empty for a one-time price."""
    if not interval:
        return ""
    unit = _known(t, f"interval.{interval}", interval)
    return t("interval.every", unit=unit) if (count or 1) == 1 else t("interval.every_n", count=count, unit=unit)


def subscription_label(t: Translator, status: str, ending: bool = False) -> str:
    """An active subscription set to stop says so; other states by their name."""
    if status == "active" and ending:
        return t("subscription.status.ending")
    return _known(t, f"subscription.status.{status}", status)
