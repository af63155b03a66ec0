"""Orders: creation from priced lines, the two public shapes, and payment instructions.

E-payment instructions are created by ``POST /public/orders/{secret_slug}/payment`` (and
returned unchanged by every later call); checkout leaves ``pg_payment_info`` empty for them,
as Scalev's hosted page expects to poll for it. Manual methods and COD never have any.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .catalog import money
from .ids import human_id, iso, now_iso, secret_slug, uuid7
from .pricing import Line, Totals

if TYPE_CHECKING:
    from .state import SandboxState

DUPLICATE_WINDOW_SECONDS = 60
COURIER_IDS = {"jne": 1, "anteraja": 2, "sicepat": 3, "ninja": 4, "jnt": 5, "pos": 6, "tiki": 7}
E_PAYMENT_PREFIXES = ("va_",)
E_PAYMENTS = {"qris", "gopay", "dana", "shopeepay", "linkaja", "ovo", "card", "invoice", "alfamart", "payment_link"}


def is_e_payment(method: str) -> bool:
    return method in E_PAYMENTS or method.startswith(E_PAYMENT_PREFIXES)


class Orders:
    def __init__(self, state: SandboxState) -> None:
        self.state = state
        self.db = state.db

    def by_slug(self, slug: str) -> dict[str, Any] | None:
        link = self.db.get("order_slug", slug)
        return self.db.get("order", link["id"]) if link else None

    def save(self, order: dict[str, Any]) -> dict[str, Any]:
        order["last_updated_at"] = now_iso()
        return self.db.put("order", order["id"], order)

    # -- creation ----------------------------------------------------------------------------

    @staticmethod
    def fingerprint(client: str, email: str, lines: list[Line], method: str) -> str:
        parts = [client, email.lower(), method] + sorted(f"{l.kind}:{l.item_id}:{l.quantity}" for l in lines)
        return hashlib.sha256("|".join(parts).encode()).hexdigest()

    def recent_duplicate(self, fingerprint: str) -> dict[str, Any] | None:
        seen = self.db.get("order_fingerprint", fingerprint)
        if seen and time.time() - seen["at"] < DUPLICATE_WINDOW_SECONDS:
            return self.db.get("order", seen["id"])
        return None

    def create(
        self,
        *,
        lines: list[Line],
        totals: Totals,
        method: str,
        buyer: dict[str, Any],
        destination: dict[str, Any] | None,
        notes: str | None,
        customer_id: int | None,
        origin: str | None,
        fingerprint: str,
    ) -> dict[str, Any]:
        store = self.state.seed.store
        now = dt.datetime.now(dt.UTC)
        slug = secret_slug()
        hosted = store.get("custom_domain") or "https://demo.scalev.shop"
        expires = now + dt.timedelta(days=store.get("auto_expire_days") or 2) if store.get("is_auto_expire") else None
        unique_code = Decimal(0)
        if method == "bank_transfer":
            unique_code = Decimal(int(slug.encode().hex(), 16) % 400 + 100)  # makes the transfer amount unique
        discount = totals.discount
        order = {
            "id": uuid7(),
            "secret_slug": slug,
            "order_id": human_id(now),
            "status": "pending",
            "payment_status": "unpaid",
            "payment_method": method,
            "epayment_provider": "xendit" if is_e_payment(method) else None,
            "created_at": iso(now),
            "draft_time": iso(now),
            "pending_time": iso(now),
            "last_updated_at": iso(now),
            "payment_expiration_at": iso(expires) if expires else None,
            "customer_id": customer_id,
            "buyer": buyer,
            "destination": destination,
            "notes": notes,
            "lines": [self._line_doc(line) for line in lines],
            "product_price": money(totals.product_price),
            "product_discount": money(totals.product_discount),
            "shipping_cost": money(totals.shipping_cost),
            "shipping_discount": money(totals.shipping_discount),
            "other_income": money(totals.other_income),
            "other_income_name": totals.other_income_name,
            "service_fee": money(totals.service_fee),
            "unique_code_discount": money(unique_code),
            "discount_code_code": discount.applied_code if discount else None,
            "discount_code_discount": money(discount.amount if discount and discount.eligible else 0),
            "discount_code_applied_to": discount.applied_to if discount and discount.eligible else None,
            "gross_revenue": money(totals.gross_revenue - unique_code),
            "shipping": totals.shipping,
            "total_weight": sum(l.weight * l.quantity for l in lines),
            "pg_payment_info": {},
            "public_order_url": f"{hosted}/o/{slug}",
            "redirect_url": f"{(origin or hosted)}/o/{slug}/success",
            "origin": origin,
            "transferproof_url": None,
            "transfer_time": None,
            "payment_account_holder": None,
            "payment_account_number": None,
            "financial_entity_id": None,
            "paid_time": None,
            "status_history": [{"status": "pending", "timestamp": iso(now)}],
            # Scalev's spam detection, as a test sets it: buyers listed in the store's spam_emails.
            "is_probably_spam": str(buyer.get("email", "")).lower() in self.state.spam_emails,
        }
        self.db.put("order", order["id"], order)
        self.db.put("order_slug", slug, {"id": order["id"]})
        self.db.put("order_fingerprint", fingerprint, {"id": order["id"], "at": time.time()})
        for line in lines:
            for variant_id, units in line.components:
                self.state.take_stock(variant_id, units)
        if discount and discount.applied_code:
            self.state.count_discount_use(discount.applied_code)
        return order

    @staticmethod
    def _line_doc(line: Line) -> dict[str, Any]:
        variant = line.variant or {}
        return {
            "id": uuid7(),
            "kind": line.kind,
            "item_id": line.item_id,
            "unique_id": (variant.get("unique_id") if line.kind == "variant" else (line.option or {}).get("unique_id")),
            "quantity": line.quantity,
            "product_name": (line.product or {}).get("name") or line.name,
            "name": line.name,
            "item_type": (line.product or {}).get("item_type", "bundle" if line.kind != "variant" else None),
            "sku": variant.get("sku"),
            "options": [variant.get(f"option{i}_value") for i in (1, 2, 3)],
            "unit_price": money(line.unit_price),
            "weight": line.weight,
            "pricing_type": variant.get("pricing_type", "one_time"),
            "interval": variant.get("interval"),
            "interval_count": variant.get("interval_count"),
        }

    # -- payment -----------------------------------------------------------------------------

    def ensure_payment(self, order: dict[str, Any], base_url: str) -> dict[str, Any]:
        """Creates the provider payload once; later calls return the same one."""
        method = order["payment_method"]
        if order["pg_payment_info"] or not is_e_payment(method) or order["payment_status"] == "paid":
            return order
        order["pg_payment_info"] = self._instructions(order, base_url)
        return self.save(order)

    def _instructions(self, order: dict[str, Any], base_url: str) -> dict[str, Any]:
        method, slug = order["payment_method"], order["secret_slug"]
        name = order["buyer"]["name"]
        digits = str(int(hashlib.sha256(slug.encode()).hexdigest(), 16))[:10]
        hosted = f"{base_url}/__sandbox__/pay/{slug}"
        if method.startswith("va_"):
            return {
                "payment_method": {
                    "type": "VIRTUAL_ACCOUNT",
                    "virtual_account": {
                        "channel_code": method[3:].upper(),
                        "channel_properties": {"virtual_account_number": "8808" + digits, "customer_name": name},
                    },
                }
            }
        if method == "alfamart":
            return {
                "payment_method": {
                    "type": "OVER_THE_COUNTER",
                    "over_the_counter": {
                        "channel_code": "ALFAMART",
                        "channel_properties": {"payment_code": "TOKO" + digits, "customer_name": name},
                    },
                }
            }
        if method == "qris":
            amount = str(int(Decimal(order["gross_revenue"])))
            return {
                "qr_string": f"00020101021226610016ID.CO.SANDBOX.WWW0118936000000000000{digits}"
                f"5204599953033605404{amount}5802ID5920MUTAQIN FRIEND STORE6007JAKARTA6304ABCD"
            }
        if method == "ovo":
            return {"status": "PENDING", "channel_code": "OVO", "phone": order["buyer"].get("phone"), "actions": []}
        if method in {"gopay", "dana", "shopeepay", "linkaja"}:
            return {
                "actions": [
                    {"url_type": "WEB", "url": hosted},
                    {"url_type": "DEEPLINK", "url": f"{method}://pay?ref={slug}"},
                    {"url_type": "MOBILE", "url": f"{hosted}?mobile=1"},
                ]
            }
        if method == "card":
            return {"redirect_url": hosted}
        if method == "invoice":
            return {"invoice_url": hosted}
        if method == "payment_link":
            order["redirect_url"] = hosted
            return {"payment_url": hosted}
        return {}

    def mark_paid(self, order: dict[str, Any]) -> dict[str, Any]:
        now = now_iso()
        order.update(payment_status="paid", paid_time=now, status="confirmed", confirmed_time=now)
        order["status_history"].append({"status": "confirmed", "timestamp": now})
        if order.get("origin"):
            order["post_payment_redirect_url"] = f"{order['origin']}/orders/{order['secret_slug']}"
        return self.save(order)

    # -- public shapes -----------------------------------------------------------------------

    def _store_block(self) -> dict[str, Any]:
        store = self.state.seed.store
        return {
            "name": store.name,
            "payment_accounts": [
                {
                    "id": a["id"],
                    "account_holder": a["account_holder"],
                    "account_number": a["account_number"],
                    "method": a["method"],
                    "financial_entity": {k: a["financial_entity"].get(k) for k in ("id", "code", "name")},
                }
                for a in store.get("payment_accounts", [])
            ],
            "custom_domain": {"full_url": store.get("custom_domain")},
            "days_of_payment_processing": store.get("days_of_payment_processing"),
            "is_auto_expire": store.get("is_auto_expire"),
            "auto_expire_days": store.get("auto_expire_days"),
            "is_show_whatsapp": store.get("is_show_whatsapp"),
            "is_show_download_invoice": store.get("is_show_download_invoice"),
        }

    def public(self, order: dict[str, Any]) -> dict[str, Any]:
        """``StorefrontPublicOrder``."""
        store = self.state.seed.store
        dest = order.get("destination")
        shipping = order.get("shipping")
        variants = {
            l["name"]: {"variant_unique_id": l["unique_id"], "quantity": l["quantity"]}
            for l in order["lines"]
            if l["kind"] == "variant"
        }
        bundles = {
            l["name"]: {"bundle_price_option_unique_id": l["unique_id"], "quantity": l["quantity"]}
            for l in order["lines"]
            if l["kind"] != "variant"
        }
        body = {
            "id": order["id"],
            "business": store.get("business"),
            "secret_slug": order["secret_slug"],
            "public_order_url": order["public_order_url"],
            "payment_url": order["public_order_url"],
            "redirect_url": order["redirect_url"],
            "order_id": order["order_id"],
            "status": order["status"],
            "payment_status": order["payment_status"],
            "is_probably_spam": bool(order.get("is_probably_spam")),
            "draft_time": order["draft_time"],
            "paid_time": order["paid_time"],
            "transfer_time": order["transfer_time"],
            "transferproof_url": order["transferproof_url"],
            "handler_phone": store.get("handler_phone"),
            "chat_message": f"Halo, saya ingin konfirmasi pesanan {order['order_id']}.",
            "customer_id": order["customer_id"],
            "discount_code_code": order["discount_code_code"],
            "page": None,
            "gross_revenue": order["gross_revenue"],
            "product_price": order["product_price"],
            "product_discount": order["product_discount"],
            "shipping_cost": order["shipping_cost"],
            "shipping_discount": order["shipping_discount"],
            "other_income": order["other_income"],
            "payment_link_income": "0.00",
            "other_income_name": order["other_income_name"],
            "unique_code_discount": order["unique_code_discount"],
            "discount_code_discount": order["discount_code_discount"],
            "service_fee": order["service_fee"],
            "pg_payment_info": order["pg_payment_info"],
            "status_history": order["status_history"],
            "payment_method": order["payment_method"],
            "epayment_provider": order["epayment_provider"],
            "payment_account_holder": order["payment_account_holder"],
            "payment_account_number": order["payment_account_number"],
            "shipment_status_history": [],
            "shipment_receipt": None,
            "courier_service": (
                {"name": shipping["name"], "courier": {"name": shipping["courier_code"].upper()}} if shipping else None
            ),
            "variants": variants,
            "bundle_price_options": bundles,
            "orderlines": [
                {
                    "quantity": l["quantity"],
                    "product_name": l["product_name"],
                    "item_type": l["item_type"],
                    "variant_option1_value": l["options"][0],
                    "variant_option2_value": l["options"][1],
                    "variant_option3_value": l["options"][2],
                    "variant_price": l["unit_price"],
                }
                for l in order["lines"]
            ],
            "payment_expiration_at": order["payment_expiration_at"],
            "store_custom_domain": {"full_url": store.get("custom_domain")},
            "store": self._store_block(),
            "destination_address": (
                {
                    "name": order["buyer"]["name"],
                    "phone": order["buyer"].get("phone"),
                    "address": dest.get("address"),
                    "subdistrict": dest.get("subdistrict"),
                    "city": dest.get("city"),
                    "province": dest.get("province"),
                }
                if dest
                else None
            ),
            "customer": {"email": order["buyer"]["email"]},
        }
        if order.get("post_payment_redirect_url"):
            body["post_payment_redirect_url"] = order["post_payment_redirect_url"]
        return body

    def customer_facing(self, order: dict[str, Any]) -> dict[str, Any]:
        """``StorefrontCustomerFacingOrder`` (no extra keys allowed)."""
        store = self.state.seed.store
        customer = self.state.db.get("customer", order["customer_id"]) or {}
        dest = order.get("destination")
        shipping = order.get("shipping")
        times = {
            k: order.get(k) for k in ("draft_time", "pending_time", "confirmed_time", "paid_time", "transfer_time")
        }
        return {
            "id": order["id"],
            "secret_slug": order["secret_slug"],
            "public_order_url": order["public_order_url"],
            "payment_url": order["public_order_url"],
            "order_id": order["order_id"],
            "store": {
                "name": store.name,
                "logo": store.get("logo"),
                "unique_id": store.unique_id,
                "payment_accounts": [
                    {
                        "id": a["id"],
                        "unique_id": a.get("unique_id"),
                        "method": a["method"],
                        "account_holder": a["account_holder"],
                        "account_number": a["account_number"],
                        "financial_entity": {
                            "id": a["financial_entity"]["id"],
                            "code": a["financial_entity"]["code"],
                            "entity_type": a["financial_entity"].get("entity_type"),
                            "name": a["financial_entity"]["name"],
                            "platform": None,
                            "duitku_code": None,
                            "xendit_code": None,
                        },
                    }
                    for a in store.get("payment_accounts", [])
                ],
                "days_of_payment_processing": store.get("days_of_payment_processing"),
                "is_auto_expire": store.get("is_auto_expire"),
                "auto_expire_days": store.get("auto_expire_days"),
                "is_show_whatsapp": store.get("is_show_whatsapp"),
                "is_show_download_invoice": store.get("is_show_download_invoice"),
            },
            "customer": {
                "id": customer.get("id"),
                "email": customer.get("email"),
                "phone": customer.get("phone"),
                "name": customer.get("name"),
                "confirmed_at": customer.get("created_at"),
                "created_at": customer.get("created_at"),
                "last_updated_at": customer.get("created_at"),
                "status": "active",
            },
            "status": order["status"],
            **times,
            "unpaid_time": order["pending_time"] if order["payment_status"] == "unpaid" else None,
            "created_at": order["created_at"],
            "last_updated_at": order["last_updated_at"],
            "status_history": order["status_history"],
            "payment_status": order["payment_status"],
            "payment_method": order["payment_method"],
            "payment_account_holder": order["payment_account_holder"],
            "payment_account_number": order["payment_account_number"],
            "transferproof_url": order["transferproof_url"],
            "pg_payment_info": order["pg_payment_info"],
            "total_quantity": sum(l["quantity"] for l in order["lines"]),
            "unique_code_discount": order["unique_code_discount"],
            "discount_code_discount": order["discount_code_discount"],
            "discount_code_code": order["discount_code_code"],
            "discount_code_applied_to": order["discount_code_applied_to"],
            "product_price": order["product_price"],
            "product_discount": order["product_discount"],
            "other_income_name": order["other_income_name"],
            "other_income": order["other_income"],
            "payment_link_income": "0.00",
            "gross_revenue": order["gross_revenue"],
            "gross_revenue_for_dropshipper": "0.00",
            "discount_rate": "0.00",
            "shipping_cost": order["shipping_cost"],
            "shipping_discount": order["shipping_discount"],
            "destination_address": (
                {
                    "name": order["buyer"]["name"],
                    "phone": order["buyer"].get("phone"),
                    "location": dest.get("location_id"),
                    "address": dest.get("address"),
                    "subdistrict": dest.get("subdistrict"),
                    "city": dest.get("city"),
                    "province": dest.get("province"),
                    "postal_code": dest.get("postal_code"),
                }
                if dest
                else None
            ),
            "final_variants": {l["name"]: l["quantity"] for l in order["lines"]},
            "product_weight": order["total_weight"],
            "total_weight": order["total_weight"],
            "is_dropshipping": False,
            "courier_service": (
                {
                    "id": shipping["courier_service_id"],
                    "name": shipping["name"],
                    "code": shipping["service_code"],
                    "courier": {
                        "id": COURIER_IDS.get(shipping["courier_code"], 99),
                        "name": shipping["courier_code"].upper(),
                        "code": shipping["courier_code"],
                    },
                }
                if shipping
                else None
            ),
            "shipment_receipt": None,
            "shipment_status": None,
            "awb_status": None,
            "shipment_status_history": [],
            "orderlines": [
                {
                    "id": l["id"],
                    "quantity": l["quantity"],
                    "variant": l["item_id"] if l["kind"] == "variant" else None,
                    "product_name": l["product_name"],
                    "item_type": l["item_type"],
                    "is_file_enabled": l["item_type"] == "digital",
                    "is_lms_enabled": l["item_type"] == "course",
                    "is_license_enabled": False,
                    "currency": "IDR",
                    "pricing_type": l["pricing_type"],
                    "interval": l["interval"],
                    "interval_count": l["interval_count"],
                    "variant_sku": l["sku"],
                    "variant_option1_value": l["options"][0],
                    "variant_option2_value": l["options"][1],
                    "variant_option3_value": l["options"][2],
                    "variant_price": l["unit_price"],
                    "product_price": money(Decimal(l["unit_price"]) * l["quantity"]),
                    "discount": "0.00",
                    "discount_code_discount": "0.00",
                    "weight": l["weight"],
                }
                for l in order["lines"]
            ],
            "notes": order["notes"],
        }
