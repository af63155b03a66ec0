"""The seed file: one store, its catalog, and the people and settings around it.

Merchants can point the sandbox at their own seed (same shape as ``seed/demo-store.json``)
to preview their catalog; nothing here is specific to the demo store. Only ``store`` and
``products`` are required; every other section defaults to empty.
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

    def get(self, key: str, default: Any = None) -> Any:
        return self.raw.get(key, default)


@dataclasses.dataclass(frozen=True)
class Seed:
    store: StoreSeed
    data: dict[str, Any]

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


def parse_seed(data: dict[str, Any]) -> Seed:
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
        data=data,
    )


def load_seed(path: Path) -> Seed:
    return parse_seed(json.loads(Path(path).read_text(encoding="utf-8")))
