"""The shopper's say on advertising tracking, for stores that ask for it
(``STOREFRONT_TRACKING_CONSENT=required``): a small banner until they decide, the choice kept
in the browser, and a footer button to change it. Stores that do not ask (``implied``) track
from the start and show neither."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..api.storage import Storage
from ..config import SiteConfig
from . import dom
from .ffi import listen

CONSENT_KEY = "storefront_tracking_consent"
GRANTED, DENIED = "granted", "denied"


class Consent:
    def __init__(self, config: SiteConfig, storage: Storage) -> None:
        self.required = config.tracking_consent == "required"
        self.storage = storage
        self.on_change: Callable[[bool], None] = lambda allowed: None

    @property
    def choice(self) -> str | None:
        value = self.storage.get(CONSENT_KEY)
        return value if value in (GRANTED, DENIED) else None

    @property
    def allowed(self) -> bool:
        return not self.required or self.choice == GRANTED

    def install(self, on_change: Callable[[bool], None]) -> None:
        self.on_change = on_change
        if not self.required:
            return
        listen(dom.by_id("consent-accept"), "click", lambda e: self.decide(GRANTED))
        listen(dom.by_id("consent-decline"), "click", lambda e: self.decide(DENIED))
        listen(dom.by_id("consent-settings"), "click", self.ask)
        dom.by_id("sf-consent").hidden = self.choice is not None

    def ask(self, event: Any = None) -> None:
        banner = dom.by_id("sf-consent")
        banner.hidden = False
        dom.by_id("consent-accept").focus()

    def decide(self, choice: str) -> None:
        before = self.allowed
        self.storage.set(CONSENT_KEY, choice)
        dom.by_id("sf-consent").hidden = True
        if self.allowed != before:
            self.on_change(self.allowed)
