"""The seed file: one store, its catalog, and the people and settings around it.

Merchants can point the sandbox at their own seed (same shape as ``seed/demo-store.json``)
to preview their catalog; nothing here is specific to the demo store. Only ``store`` and
``products`` are required; every other section defaults to empty.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Any

#: Plans whose runtime calls Scalev serves; others get "Store not found".
ELIGIBLE_PLANS = frozenset({"basic", "pro", "ultimate"})


@dataclasses.dataclass(frozen=True)
class StoreSeed:
    unique_id: str
    id: int
    name: str
    plan: str
    active_keys: frozenset[str]
    allowed_origins: tuple[str, ...]
    raw: dict[str, Any]

    @property
    def is_eligible(self) -> bool:
        return self.plan in ELIGIBLE_PLANS

    @property
    def storefront_key(self) -> str:
        """An active publishable key, for a storefront built against this seed."""
        return min(self.active_keys)

    def get(self, key: str, default: Any = None) -> Any:
        return self.raw.get(key, default)


@dataclasses.dataclass(frozen=True)
class Seed:
    store: StoreSeed
    data: dict[str, Any]

    @property
    def digest(self) -> str:
        """Identifies the seed's content, so a database seeded from another version is redone."""
        text = json.dumps(self.data, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    def section(self, name: str) -> list[dict[str, Any]]:
        return self.data.get(name) or []

    @property
    def categories(self) -> list[dict[str, Any]]:
        return self.section("categories")

    @property
    def products(self) -> list[dict[str, Any]]:
        return self.section("products")

    @property
    def bundles(self) -> list[dict[str, Any]]:
        return self.section("bundles")


def check_references(data: dict[str, Any]) -> None:
    """Fails with a message naming the entry when a seed refers to something it does not define."""
    if not isinstance(data.get("store"), dict) or not isinstance(data.get("products"), list):
        raise ValueError("a seed needs a 'store' object and a 'products' list")
    variants = {v["id"] for p in data["products"] for v in p.get("variants", [])}
    locations = {s["id"] for p in data.get("locations") or [] for c in p["cities"] for s in c["subdistricts"]}
    customers = {c["id"] for c in data.get("customers") or []}
    problems = []
    for b in data.get("bundles") or []:
        for o in b.get("price_options", []):
            problems += [
                f"bundle price option {o['id']}: variant {l['variant_id']} is not in products"
                for l in o.get("lines", [])
                if l["variant_id"] not in variants
            ]
    for i, sub in enumerate(data.get("subscriptions") or []):
        if sub["variant_id"] not in variants:
            problems.append(f"subscriptions[{i}]: variant {sub['variant_id']} is not in products")
        if sub["customer_id"] not in customers:
            problems.append(f"subscriptions[{i}]: customer {sub['customer_id']} is not in customers")
    for i, course in enumerate(data.get("courses") or []):
        if course["variant_id"] not in variants:
            problems.append(f"courses[{i}]: variant {course['variant_id']} is not in products")
    for customer in data.get("customers") or []:
        problems += [
            f"customer {customer['id']}: owned variant {v} is not in products"
            for v in customer.get("owns_variants", [])
            if v not in variants
        ]
    for i, address in enumerate(data.get("addresses") or []):
        if address["location_id"] not in locations:
            problems.append(f"addresses[{i}]: location {address['location_id']} is not in locations")
    if problems:
        raise ValueError("; ".join(problems))


def parse_seed(data: dict[str, Any]) -> Seed:
    check_references(data)
    store = data["store"]
    return Seed(
        store=StoreSeed(
            unique_id=store["unique_id"],
            id=store["id"],
            name=store["name"],
            plan=store.get("plan", "basic"),
            active_keys=frozenset(k["token"] for k in store.get("storefront_keys", []) if k.get("status") == "active"),
            allowed_origins=tuple(store.get("allowed_origins", [])),
            raw=store,
        ),
        data=data,
    )


def load_seed(path: Path) -> Seed:
    return parse_seed(json.loads(Path(path).read_text(encoding="utf-8")))
