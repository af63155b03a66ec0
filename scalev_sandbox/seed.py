"""The seed file: one store, its catalog, and what the sandbox derives from it.

Merchants can point the sandbox at their own seed (same shape as ``seed/demo-store.json``)
to preview their catalog; nothing here is specific to the demo store.
"""

from __future__ import annotations

import dataclasses
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


@dataclasses.dataclass(frozen=True)
class Seed:
    store: StoreSeed
    categories: list[dict[str, Any]]
    products: list[dict[str, Any]]
    bundles: list[dict[str, Any]]


def load_seed(path: Path) -> Seed:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    store = data["store"]
    return Seed(
        store=StoreSeed(
            unique_id=store["unique_id"],
            id=store["id"],
            name=store["name"],
            plan=store.get("plan", "basic"),
            active_keys=frozenset(
                k["token"] for k in store.get("storefront_keys", []) if k.get("status") == "active"
            ),
            allowed_origins=tuple(store.get("allowed_origins", [])),
            raw=store,
        ),
        categories=data.get("categories", []),
        products=data.get("products", []),
        bundles=data.get("bundles", []),
    )
