"""The store settings the build writes into every page, parsed once at start-up."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

#: Indonesia's three time zones, by the abbreviation shoppers read, with their UTC offsets.
ZONES = {"WIB": 7, "WITA": 8, "WIT": 9}


@dataclasses.dataclass(frozen=True)
class SiteConfig:
    api_base: str
    store_unique_id: str
    storefront_api_key: str
    store_name: str = "Toko"
    default_locale: str = "id"
    #: After an order: "storefront" shows this shop's order page; "redirect_url" follows the
    #: merchant's After Checkout destination that Scalev returns (never the deprecated payment_url).
    after_checkout: str = "storefront"
    #: The store's time zone as shoppers write it (WIB, WITA or WIT), for deadlines and times.
    timezone: str = "WIB"

    def __post_init__(self) -> None:
        object.__setattr__(self, "api_base", self.api_base.rstrip("/"))
        if self.after_checkout not in ("storefront", "redirect_url"):
            raise ValueError(f"after_checkout must be 'storefront' or 'redirect_url', not {self.after_checkout!r}")
        if self.timezone not in ZONES:
            raise ValueError(f"timezone must be WIB, WITA or WIT, not {self.timezone!r}")

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> SiteConfig:
        return cls(
            api_base=str(data["api_base"]),
            store_unique_id=str(data["store_unique_id"]),
            storefront_api_key=str(data["storefront_api_key"]),
            store_name=str(data.get("store_name", "Toko")),
            default_locale=str(data.get("default_locale", "id")),
            after_checkout=str(data.get("after_checkout", "storefront")),
            timezone=str(data.get("timezone", "WIB")),
        )

    def to_mapping(self) -> dict[str, str]:
        return dataclasses.asdict(self)

    @property
    def store_root(self) -> str:
        """``{api_base}/v3/stores/{store_unique_id}``: the root of every storefront path."""
        return f"{self.api_base}/v3/stores/{self.store_unique_id}"
