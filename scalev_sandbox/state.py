"""Everything one sandbox process holds: settings, seed, catalog, database and the services
that act on them. ``reset`` brings it back to the seed, as a fresh process would be."""

from __future__ import annotations

import dataclasses
import time
from typing import Any

from .auth import Auth, hash_password
from .carts import Carts
from .catalog import Catalog
from .checkout import seed_purchases
from .config import SandboxConfig
from .courses import Courses
from .db import Database
from .ids import now_iso
from .locations import Locations
from .orders import Orders
from .seed import Seed, load_seed, parse_seed
from .subscriptions import Subscriptions, seed_subscriptions


@dataclasses.dataclass
class Faults:
    """Failures a resilience test asked for (see the control routes)."""

    rules: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    expire_tokens: bool = False

    def take(self, method: str, path: str) -> dict[str, Any] | None:
        """The first rule for this request, counted down when it is limited to some times."""
        for rule in list(self.rules):
            if "method" in rule and rule["method"].upper() != method.upper():
                continue
            if rule.get("path_contains", "") not in path:
                continue
            if rule.get("times") is not None:
                rule["times"] -= 1
                if rule["times"] <= 0:
                    self.rules.remove(rule)
            return rule
        return None


class SandboxState:
    def __init__(self, config: SandboxConfig, seed: Seed | None = None) -> None:
        self.config = config
        self.db = Database(config.db_path)
        self.faults = Faults()
        self.rate_buckets: dict[tuple[str, str], tuple[float, int]] = {}
        self.money_format = config.money_format
        self.spam_emails: frozenset[str] = frozenset()
        self._load(seed or load_seed(config.seed_path))

    @classmethod
    def from_config(cls, config: SandboxConfig) -> SandboxState:
        return cls(config)

    def _load(self, seed: Seed) -> None:
        self.seed = seed
        self.catalog = Catalog(seed)
        self.locations = Locations(seed)
        self.carts = Carts(self)
        self.orders = Orders(self)
        self.auth = Auth(self)
        self.subscriptions = Subscriptions(self)
        self.courses = Courses(self)
        seeded = self.db.get("meta", "seeded")
        if seeded is None or seeded.get("digest") != seed.digest:
            self.db.clear()  # a database from another seed would mix two stores
            self._seed_database()
        for row in self.db.all("stock"):
            self.catalog.stock[row["variant_id"]] = row["qty"]

    def _seed_database(self) -> None:
        for variant_id, qty in self.catalog.stock.items():
            if qty is not None:
                self.db.put("stock", variant_id, {"variant_id": variant_id, "qty": qty})
        for person in self.seed.section("customers"):
            customer = {k: v for k, v in person.items() if k != "password"}
            customer.update(
                password_hash=hash_password(person["password"]),
                is_unsubscribe=False,
                is_generated_password_reset=False,
                date_of_birth=None,
                sex=None,
            )
            self.db.put("customer", customer["id"], customer)
            self.db.put("customer_email", customer["email"].lower(), {"id": customer["id"]})
        for address in self.seed.section("addresses"):
            self.save_address({**address, "id": self.db.next_id("address", 7101)})
        seed_subscriptions(self)
        seed_purchases(self)
        self.db.put("meta", "seeded", {"at": now_iso(), "digest": self.seed.digest})

    def reset(self, seed_data: dict[str, Any] | None = None) -> None:
        """Back to the seed (or to a merchant's own seed), with every change forgotten."""
        self.db.clear()
        self.faults = Faults()
        self.rate_buckets.clear()
        self.money_format = self.config.money_format
        self.spam_emails = frozenset()
        self._load(parse_seed(seed_data) if seed_data else load_seed(self.config.seed_path))

    @property
    def allowed_origins(self) -> frozenset[str]:
        return frozenset(self.seed.store.allowed_origins) | frozenset(self.config.extra_origins)

    # -- small shared services ---------------------------------------------------------------

    def take_stock(self, variant_id: int, units: int) -> None:
        qty = self.catalog.stock.get(variant_id)
        if qty is None:
            return
        self.catalog.stock[variant_id] = max(qty - units, 0)
        self.db.put("stock", variant_id, {"variant_id": variant_id, "qty": self.catalog.stock[variant_id]})

    def discount_usage(self) -> dict[str, int]:
        return {row["code"]: row["count"] for row in self.db.all("discount_usage")}

    def count_discount_use(self, code: str) -> None:
        row = self.db.get("discount_usage", code) or {"code": code, "count": 0}
        row["count"] += 1
        self.db.put("discount_usage", code, row)

    def send_mail(self, to: str, subject: str, body: str, **extra: Any) -> None:
        mail_id = self.db.next_id("mail")
        self.db.put(
            "mail", mail_id, {"id": mail_id, "to": to, "subject": subject, "body": body, "sent_at": now_iso(), **extra}
        )

    def record_event(self, channel: str, payload: dict[str, Any], client: str | None, user_agent: str | None) -> None:
        event_id = self.db.next_id("event")
        self.db.put(
            "event",
            event_id,
            {
                "id": event_id,
                "channel": channel,
                "payload": payload,
                "client_ip": client,
                "user_agent": user_agent,
                "received_at": now_iso(),
            },
        )

    def save_address(self, address: dict[str, Any]) -> dict[str, Any]:
        return self.db.put("address", address["id"], address)

    def link_checkout_intent(self, token: Any, order: dict[str, Any]) -> None:
        """Completes the checkout intent a ``cit_`` token names; bad tokens are ignored."""
        if not isinstance(token, str):
            return
        link = self.db.get("intent_token", token)
        intent = self.db.get("checkout_intent", link["id"]) if link else None
        if intent is None or intent["status"] == "completed":
            return
        intent.update(status="completed", order_id=order["id"], last_activity_at=now_iso())
        self.db.put("checkout_intent", intent["id"], intent)

    def rate_limit(self, client: str, bucket: str, limit: int) -> tuple[bool, int, int]:
        """Counts one request; returns (allowed, remaining, reset epoch seconds)."""
        window = self.config.rate_window_seconds
        now = time.time()
        start, count = self.rate_buckets.get((client, bucket), (now, 0))
        if now - start >= window:
            start, count = now, 0
        count += 1
        self.rate_buckets[(client, bucket)] = (start, count)
        return count <= limit, max(limit - count, 0), int(start + window)
