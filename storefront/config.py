"""The store settings the build writes into every page, parsed once at start-up."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import Any

#: Indonesia's three time zones, by the abbreviation shoppers read, with their UTC offsets.
ZONES = {"WIB": 7, "WITA": 8, "WIT": 9}
#: What an advertising pixel id or a reCAPTCHA site key looks like (written into pages and URLs).
PUBLIC_ID = re.compile(r"^[A-Za-z0-9_-]{1,100}$")
#: The sandbox's stand-in for a reCAPTCHA site key: tokens are made up, no Google script loads.
SANDBOX_RECAPTCHA = "sandbox"


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
    #: Advertising pixels: a channel is on when its id is set.
    meta_pixel_id: str = ""
    tiktok_pixel_id: str = ""
    snackvideo_pixel_id: str = ""
    #: "implied": pixels and relays run from the start; "required": only after the shopper
    #: accepts (and never after they decline).
    tracking_consent: str = "implied"
    #: reCAPTCHA v3 site key for starting checkout intents ("" turns intents off).
    recaptcha_site_key: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "api_base", self.api_base.rstrip("/"))
        for name in ("meta_pixel_id", "tiktok_pixel_id", "snackvideo_pixel_id", "recaptcha_site_key"):
            value = getattr(self, name)
            if value and not PUBLIC_ID.match(value):
                raise ValueError(f"{name} may hold only letters, digits, '-' and '_', not {value!r}")
        if self.tracking_consent not in ("implied", "required"):
            raise ValueError(f"tracking_consent must be 'implied' or 'required', not {self.tracking_consent!r}")
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
            meta_pixel_id=str(data.get("meta_pixel_id", "")),
            tiktok_pixel_id=str(data.get("tiktok_pixel_id", "")),
            snackvideo_pixel_id=str(data.get("snackvideo_pixel_id", "")),
            tracking_consent=str(data.get("tracking_consent", "implied")),
            recaptcha_site_key=str(data.get("recaptcha_site_key", "")),
        )

    def to_mapping(self) -> dict[str, str]:
        return dataclasses.asdict(self)

    @property
    def channels(self) -> dict[str, str]:
        """The advertising channels that are on, with their pixel ids."""
        ids = {"meta": self.meta_pixel_id, "tiktok": self.tiktok_pixel_id, "snackvideo": self.snackvideo_pixel_id}
        return {channel: pixel for channel, pixel in ids.items() if pixel}

    @property
    def store_root(self) -> str:
        """``{api_base}/v3/stores/{store_unique_id}``: the root of every storefront path."""
        return f"{self.api_base}/v3/stores/{self.store_unique_id}"
