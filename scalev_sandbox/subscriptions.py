"""Subscriptions of signed-in customers: list, detail, cancel at period end, resume,
and upgrade or downgrade an item to a dearer or cheaper variant of the same product."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .errors import ApiError, not_found
from .ids import human_id, iso, now_iso

if TYPE_CHECKING:
    from .state import SandboxState

PERIOD = {
    "day": dt.timedelta(days=1),
    "week": dt.timedelta(weeks=1),
    "month": dt.timedelta(days=30),
    "year": dt.timedelta(days=365),
}
STORE_UUID = "1f0e2d3c-4b5a-4697-8876-5a4b3c2d1e0f"
BUSINESS_UUID = "2a1b0c9d-8e7f-4a6b-9c5d-4e3f2a1b0c9d"


def seed_subscriptions(state: SandboxState) -> None:
    for entry in state.seed.section("subscriptions"):
        product, variant = state.catalog.variants[entry["variant_id"]]
        started = dt.datetime.fromisoformat(entry["started_at"].replace("Z", "+00:00"))
        period = PERIOD[variant.get("interval") or "month"] * (variant.get("interval_count") or 1)
        now = dt.datetime.now(dt.UTC)
        start = started
        while start + period < now:
            start += period
        sub_id = str(uuid.uuid4())
        doc = {
            "id": sub_id,
            "subscription_id": human_id(started),
            "customer_id": entry["customer_id"],
            "status": entry["status"],
            "is_cancel_at_period_end": False,
            "interval": variant.get("interval") or "month",
            "interval_count": variant.get("interval_count") or 1,
            "activated_at": iso(started),
            "current_period_start": iso(start),
            "current_period_end": iso(start + period),
            "canceled_at": None,
            "inserted_at": iso(started),
            "updated_at": iso(started),
            "items": [
                {
                    "id": str(uuid.uuid4()),
                    "variant_id": variant["id"],
                    "quantity": entry["quantity"],
                    "status": "active",
                    "price": variant["price"],
                    "activated_at": iso(started),
                    "canceled_at": None,
                    "is_cancel_at_period_end": False,
                    "pending_action": None,
                    "inserted_at": iso(started),
                    "updated_at": iso(started),
                }
            ],
        }
        state.db.put("subscription", sub_id, doc)


class Subscriptions:
    def __init__(self, state: SandboxState) -> None:
        self.state = state

    def of(self, customer_id: int) -> list[dict[str, Any]]:
        rows = [s for s in self.state.db.all("subscription") if s["customer_id"] == customer_id]
        return sorted(rows, key=lambda s: s["inserted_at"], reverse=True)

    def get(self, customer_id: int, sub_id: str) -> dict[str, Any]:
        doc = self.state.db.get("subscription", sub_id)
        if doc is None or doc["customer_id"] != customer_id:
            raise not_found("Subscription", "subscription_not_found")
        return doc

    def item(self, customer_id: int, item_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
        for doc in self.of(customer_id):
            for item in doc["items"]:
                if item["id"] == item_id:
                    return doc, item
        raise not_found("Subscription item", "subscription_item_not_found")

    def save(self, doc: dict[str, Any]) -> dict[str, Any]:
        doc["updated_at"] = now_iso()
        return self.state.db.put("subscription", doc["id"], doc)

    # -- actions -----------------------------------------------------------------------------

    def cancel(self, doc: dict[str, Any]) -> dict[str, Any]:
        if doc["status"] != "active" or doc["is_cancel_at_period_end"]:
            raise ApiError(
                400,
                "Only an active subscription that is not already cancelling can be cancelled",
                "subscription_not_cancellable",
            )
        doc["is_cancel_at_period_end"] = True
        for item in doc["items"]:
            item["is_cancel_at_period_end"] = True
            item["pending_action"] = None
        return self.save(doc)

    def resume(self, doc: dict[str, Any]) -> dict[str, Any]:
        if doc["status"] != "active" or not doc["is_cancel_at_period_end"]:
            raise ApiError(
                400, "Only a subscription cancelling at period end can be resumed", "subscription_not_resumable"
            )
        doc["is_cancel_at_period_end"] = False
        for item in doc["items"]:
            item["is_cancel_at_period_end"] = False
        return self.save(doc)

    def options(self, item: dict[str, Any], direction: str) -> list[dict[str, Any]]:
        if item["status"] != "active" or item["is_cancel_at_period_end"]:
            return []
        product, current = self.state.catalog.variants[item["variant_id"]]
        price = Decimal(current["price"])
        return [
            v
            for v in product["variants"]
            if v.get("pricing_type") == "recurring"
            and (Decimal(v["price"]) > price if direction == "upgrade" else Decimal(v["price"]) < price)
        ]

    def change(self, doc: dict[str, Any], item: dict[str, Any], variant_id: int, direction: str) -> dict[str, Any]:
        if variant_id not in {v["id"] for v in self.options(item, direction)}:
            raise ApiError(
                400, f"Variant {variant_id} is not an {direction} option for this item", f"invalid_{direction}_variant"
            )
        now = now_iso()
        if direction == "upgrade":  # runs immediately
            item.update(
                variant_id=variant_id, price=self.state.catalog.variants[variant_id][1]["price"], updated_at=now
            )
            action_status, execution = "completed", "immediate"
        else:  # takes effect at the end of the period
            item["status"] = "pending_downgrade"
            action_status, execution = "scheduled", "at_period_end"
        item["pending_action"] = {
            "id": str(uuid.uuid4()),
            "action_type": direction,
            "execution_type": execution,
            "status": action_status,
            "order_id": None,
            "next_variant_config": {"variant_id": variant_id},
            "created_by": None,
            "completed_at": now if action_status == "completed" else None,
            "confirmed_at": now,
            "inserted_at": now,
            "updated_at": now,
        }
        return self.save(doc)

    # -- shapes ------------------------------------------------------------------------------

    def _customer(self, customer_id: int) -> dict[str, Any]:
        c = self.state.db.get("customer", customer_id) or {}
        return {
            k: v
            for k, v in {
                "id": c.get("id"),
                "email": c.get("email"),
                "name": c.get("name"),
                "phone": c.get("phone"),
                "status": "active",
                "confirmed_at": c.get("created_at"),
                "created_at": c.get("created_at"),
                "last_updated_at": c.get("created_at"),
            }.items()
            if v is not None
        }

    def _store(self) -> dict[str, Any]:
        store = self.state.seed.store
        body = {"id": store.id, "name": store.name, "unique_id": store.unique_id, "uuid": STORE_UUID}
        if store.get("logo"):
            body["logo"] = store.get("logo")
        return body

    def _variant(self, variant_id: int) -> dict[str, Any]:
        product, variant = self.state.catalog.variants[variant_id]
        return {
            "id": variant_id,
            "item_type": product["item_type"],
            "name": variant.get("option1_value") or product["name"],
            "product_name": product["name"],
        }

    @staticmethod
    def _present(body: dict[str, Any], *optional: str) -> dict[str, Any]:
        """Drops optional keys that have no value where the spec types them as non-null."""
        return {k: v for k, v in body.items() if not (k in optional and v is None)}

    def summary(self, doc: dict[str, Any]) -> dict[str, Any]:
        body = {
            "id": doc["id"],
            "subscription_id": doc["subscription_id"],
            "status": doc["status"],
            "is_active": doc["status"] == "active",
            "is_cancel_at_period_end": doc["is_cancel_at_period_end"],
            "interval": doc["interval"],
            "interval_count": doc["interval_count"],
            "activated_at": doc["activated_at"],
            "canceled_at": doc["canceled_at"],
            "expired_at": None,
            "current_period_start": doc["current_period_start"],
            "current_period_end": doc["current_period_end"],
            "inserted_at": doc["inserted_at"],
            "updated_at": doc["updated_at"],
            "business_id": BUSINESS_UUID,
            "business_customer_id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"bc{doc['customer_id']}")),
            "customer_id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"c{doc['customer_id']}")),
            "store_id": STORE_UUID,
            "customer": self._customer(doc["customer_id"]),
            "store": self._store(),
            "subscription_items": [
                {
                    "id": i["id"],
                    "quantity": i["quantity"],
                    "status": i["status"],
                    "unit_price": float(Decimal(i["price"])),
                    "variant": self._variant(i["variant_id"]),
                }
                for i in doc["items"]
            ],
        }
        return self._present(body, "canceled_at", "expired_at", "activated_at")

    def detail(self, doc: dict[str, Any]) -> dict[str, Any]:
        body = self.summary(doc)
        body["order_id"] = None
        body["latest_renewal_invoice"] = None
        body["subscription_items"] = [
            self._present(
                {
                    "id": i["id"],
                    "subscription_id": doc["id"],
                    "variant_id": i["variant_id"],
                    "variant": self._variant(i["variant_id"]),
                    "quantity": i["quantity"],
                    "price": float(Decimal(i["price"])),
                    "currency": "IDR",
                    "status": i["status"],
                    "activated_at": i["activated_at"],
                    "canceled_at": i["canceled_at"],
                    "expired_at": None,
                    "inserted_at": i["inserted_at"],
                    "updated_at": i["updated_at"],
                    "is_cancel_at_period_end": i["is_cancel_at_period_end"],
                    "license_id": None,
                    "orderline_id": None,
                    "pending_action": i["pending_action"],
                },
                "pending_action",
            )
            for i in doc["items"]
        ]
        return body

    def variant_option(self, variant: dict[str, Any]) -> dict[str, Any]:
        product, _ = self.state.catalog.variants[variant["id"]]
        body = {
            "id": variant["id"],
            "unique_id": variant.get("unique_id"),
            "name": variant.get("option1_value") or product["name"],
            "product_name": product["name"],
            "item_type": product["item_type"],
            "pricing_type": variant.get("pricing_type", "recurring"),
            "price": float(Decimal(variant["price"])),
            "currency": "IDR",
            "interval": variant.get("interval") or "month",
            "interval_count": variant.get("interval_count") or 1,
            "validity_period": variant.get("interval_count") or 1,
            "validity_period_unit": variant.get("interval") or "month",
            "images": [],
        }
        return body
