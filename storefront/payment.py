"""What the order page shows for each payment method family, read from the order.

Scalev puts provider data in ``pg_payment_info`` with a shape per family (Xendit's by
default, SingaPay's normalised one); this module turns it into one small value per family
so the view only fills a template.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from .api.models import Order, PaymentAccount

E_WALLETS = {"gopay", "dana", "linkaja", "shopeepay", "ovo"}
HOSTED = {"card", "invoice", "payment_link"}
#: Transfer proofs Scalev accepts: these image types, up to 10 MB.
PROOF_TYPES = ("image/jpeg", "image/png", "image/webp")
MAX_PROOF_BYTES = 10 * 1024 * 1024


#: Every way the order page can show how to pay; each has a ``tpl-pay-<family>`` fragment.
FAMILIES = ("bank_transfer", "virtual_account", "qris", "ewallet", "ovo", "retail", "hosted", "cod", "pending", "paid")


@dataclasses.dataclass(frozen=True)
class Instructions:
    family: str  # one of FAMILIES
    accounts: tuple[PaymentAccount, ...] = ()
    number: str | None = None  # VA number or retail payment code
    holder: str | None = None
    bank: str | None = None
    qr_string: str | None = None
    qr_image_url: str | None = None
    url: str | None = None  # where to pay (e-wallet web page, card page, invoice)
    deeplink: str | None = None


def _dig(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def instructions(order: Order, *, mobile: bool = False) -> Instructions:
    method = order.payment_method
    info = order.pg_payment_info or {}
    if order.is_paid:
        return Instructions("paid")
    if method == "bank_transfer":
        return Instructions(
            "bank_transfer",
            accounts=tuple(a for a in order.accounts if (a.method or "bank_transfer") == "bank_transfer"),
        )
    if method == "cod":
        return Instructions("cod")
    if method.startswith("va_"):
        props = _dig(info, "payment_method", "virtual_account", "channel_properties") or {}
        number = props.get("virtual_account_number") or info.get("va_number")
        if not number:
            return Instructions("pending")
        return Instructions(
            "virtual_account",
            number=str(number),
            holder=props.get("customer_name") or info.get("va_name"),
            bank=method[3:].upper(),
        )
    if method == "alfamart":
        props = _dig(info, "payment_method", "over_the_counter", "channel_properties") or {}
        if not props.get("payment_code"):
            return Instructions("pending")
        return Instructions(
            "retail", number=str(props["payment_code"]), holder=props.get("customer_name"), bank="Alfamart"
        )
    if method == "qris":
        qr = info.get("qr_string") or _dig(info, "payment_method", "qr_code", "channel_properties", "qr_string")
        if not qr and not info.get("qr_image_url"):
            return Instructions("pending")
        return Instructions("qris", qr_string=qr, qr_image_url=info.get("qr_image_url"))
    if method == "ovo":
        return Instructions("ovo") if info else Instructions("pending")
    if method in E_WALLETS:
        actions = {a.get("url_type"): a.get("url") for a in info.get("actions") or () if isinstance(a, dict)}
        preferred = ("WEB", "DEEPLINK") if mobile else ("MOBILE", "DEEPLINK", "WEB")
        url = next((actions[k] for k in preferred if actions.get(k) and k != "DEEPLINK"), None)
        url = url or info.get("payment_url") or actions.get("WEB")
        deeplink = actions.get("DEEPLINK") or info.get("deeplink_url")
        if not url and not deeplink and not info.get("qr_string"):
            return Instructions("pending")
        return Instructions("ewallet", url=url, deeplink=deeplink, qr_string=info.get("qr_string"))
    if method in HOSTED:
        url = info.get("invoice_url") or info.get("redirect_url") or info.get("payment_url")
        if method == "payment_link":
            url = url or order.redirect_url
        return Instructions("hosted", url=url) if url else Instructions("pending")
    return Instructions("pending")


def needs_payment_call(order: Order) -> bool:
    """E-payment orders get their instructions from ``POST …/payment`` (idempotent)."""
    return not order.is_paid and instructions(order).family == "pending" and order.payment_method != "cod"


def proof_problem(content_type: str, size: int) -> str | None:
    """The message key for a file Scalev would refuse as a transfer proof, or None."""
    if content_type not in PROOF_TYPES:
        return "order.proof_bad_type"
    if size > MAX_PROOF_BYTES:
        return "order.proof_too_big"
    if size < 1:
        return "order.proof_empty"
    return None
