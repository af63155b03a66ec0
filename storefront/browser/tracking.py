"""Conversion events and checkout intents in the page: fires what ``storefront.conversions``
and ``storefront.checkout_intent`` decide.

- Pixels load, attribution cookies are set and events go out only for the channels the store
  turned on, and, where it asks for consent, only while the shopper allows it.
- An event leaves after the screen has updated (the next frame, then a macrotask) and never
  waits or retries: a relay that fails (500, 429, offline) or a pixel script that does not load
  changes nothing for the shopper, and is said once in the console.
- A purchase is reported once per order, across reloads and tabs.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl

import js
from pyodide.ffi import create_once_callable

from .. import conversions as cv
from ..api import StorefrontClient, StorefrontError
from ..api.models import Cart, CartLine, Order, ProductDetail, Variant
from ..checkout_form import CheckoutDraft, normalise_phone
from ..checkout_intent import IntentTracker
from ..checkout_plan import cart_items
from ..config import SANDBOX_RECAPTCHA, SiteConfig
from ..stored import read_json, write_json
from .consent import Consent
from .ffi import py_value
from .storage import WebStorage
from .tasks import spawn

LANDING_KEY = "storefront_landing"  # sessionStorage: the first URL's click ids and UTM tags
REPORTED_KEY = "storefront_reported_orders"  # localStorage: order numbers already reported
REPORTED_KEEP = 50
LANDING_KEYS = ("fbclid", "ttclid", "click_id", *cv.UTM_KEYS)
RELAYS = {"meta": "send_meta_events", "tiktok": "send_tiktok_events", "snackvideo": "send_snackvideo_events"}


class RecaptchaFailed(StorefrontError):
    """No reCAPTCHA token: the script did not load, or Google refused."""


def recaptcha_for(config: SiteConfig) -> Callable[[], Any] | None:
    """How checkout intents get their reCAPTCHA token (None: intents are off)."""
    key = config.recaptcha_site_key
    if not key:
        return None
    if key == SANDBOX_RECAPTCHA:

        async def sandbox_token() -> str:
            return "sandbox-recaptcha"

        return sandbox_token

    async def token() -> str:
        from pyscript.js_modules import tracking

        try:
            return str(await tracking.recaptchaToken(key, "checkout_intent_start"))
        except Exception as exc:  # a JS rejection: no token this visit
            raise RecaptchaFailed(str(exc)) from None

    return token


class Tracking:
    def __init__(self, config: SiteConfig, client: StorefrontClient, local: WebStorage, session: WebStorage) -> None:
        self.config, self.client, self.local, self.session = config, client, local, session
        self.channels = tuple(config.channels)
        self.consent = Consent(config, local)
        self.intents = IntentTracker(client, local, session, recaptcha_for(config))
        self.started = False
        self.warned: set[str] = set()

    # -- start-up and consent ----------------------------------------------------------------

    def install(self) -> None:
        landing = self._landing()
        self.intents.source_url = self._page().url
        self.consent.install(self._consent_changed)
        if self.consent.allowed:
            self._start(landing)

    def _landing(self) -> dict[str, str]:
        """The first address of the visit's click ids and UTM tags (kept for the tab)."""
        kept = read_json(self.session, LANDING_KEY)
        if kept is not None:
            return {k: str(v) for k, v in kept.items() if k in LANDING_KEYS}
        query = dict(parse_qsl(str(js.location.search).lstrip("?")))
        landing = {key: query[key][:500] for key in LANDING_KEYS if query.get(key)}
        write_json(self.session, LANDING_KEY, landing)
        return landing

    def _start(self, landing: dict[str, str]) -> None:
        if self.started:
            return
        self.started = True
        if self.channels:
            now_ms = int(time.time() * 1000)
            for write in cv.landing_cookies(landing, self._cookies(), now_ms, lambda: str(secrets.randbelow(10**10))):
                self._set_cookie(write.name, write.value, write.max_age)
            from pyscript.js_modules import tracking

            for channel, pixel in self.config.channels.items():
                tracking.loadPixel(channel, pixel)
        self.intents.attribution = cv.intent_attribution(cv.Attribution.of_cookies(self._cookies()), landing)

    def _consent_changed(self, allowed: bool) -> None:
        if allowed:
            self._start(self._landing())
            return
        for name in ("_fbc", "_fbp", "_ttclid", "_kwai_click_id"):
            self._set_cookie(name, "", 0)  # declined: what tracked them goes
        self.intents.attribution = {}

    # -- the moments ---------------------------------------------------------------------------

    def viewed_product(self, detail: ProductDetail, variant: Variant | None, price: Decimal | None) -> None:
        self._fire(lambda: cv.viewed(detail, variant, price, self._interaction(cv.VIEW)))

    def viewed_bundle(self, name: str, price: Decimal | None) -> None:
        self._fire(lambda: cv.viewed_bundle(name, price, self._interaction(cv.VIEW)))

    def added(self, before: Cart | None, after: Cart) -> None:
        self._fire(lambda: cv.added(before, after, self._interaction(cv.ADD)))

    def checkout_opened(self, cart: Cart) -> None:
        self._fire(lambda: cv.checkout_opened(cart, self._interaction(cv.CHECKOUT)))

    def checkout_changed(self, draft: CheckoutDraft, cart: Cart | None, shipping: bool) -> None:
        """The checkout form or cart changed: the checkout intent hears it (debounced)."""
        if cart is not None and cart.lines:
            self.intents.changed(draft, [item.to_json() for item in cart_items(cart)], shipping=shipping)

    def ordered(self, order: Order | None, cart: Cart | None, draft: CheckoutDraft) -> None:
        """An order went through (None: it exists but cannot be shown): the intent is done,
        and the purchase is reported."""
        self.intents.ordered()
        if order is not None:
            phone = draft.phone.strip()
            buyer = {"email": draft.email.strip() or None, "phone": normalise_phone(phone) if phone else None}
            self.purchased(order, cart.lines if cart else (), buyer)

    def purchased(self, order: Order, lines: tuple[CartLine, ...], buyer: dict[str, str | None]) -> None:
        """An order placed: reported once (never for probable spam), whoever asks again."""
        reported = read_json(self.local, REPORTED_KEY, list) or []
        if not self.on or order.order_id in reported:
            return
        conversion = cv.purchased(order, lines)
        if conversion is None:
            return
        write_json(self.local, REPORTED_KEY, [*reported, order.order_id][-REPORTED_KEEP:])
        self._fire(lambda: conversion, buyer)

    # -- sending -------------------------------------------------------------------------------

    @property
    def on(self) -> bool:
        return bool(self.channels) and self.consent.allowed

    def _fire(self, build: Callable[[], cv.Conversion | None], buyer: dict[str, str | None] | None = None) -> None:
        if not self.on:
            return
        conversion = build()
        if conversion is None:
            return
        page = self._page()

        def send(_: object = None) -> None:
            from pyscript.js_modules import tracking

            for channel in self.channels:
                name, params, event_id = cv.pixel_call(conversion, channel)
                tracking.track(channel, name, json.dumps(params), event_id)
            attribution = cv.Attribution.of_cookies(self._cookies())
            for channel, body in cv.relay_bodies(conversion, self.channels, attribution, page, buyer).items():
                spawn(self._relay(channel, body))

        # After the screen has updated: the next frame, then a macrotask.
        js.requestAnimationFrame(create_once_callable(lambda _: js.setTimeout(create_once_callable(send), 0)))

    async def _relay(self, channel: str, body: dict[str, Any]) -> None:
        try:
            await getattr(self.client, RELAYS[channel])(body)
        except StorefrontError as exc:  # the shopper is not told; the console is, once per channel
            if channel not in self.warned:
                self.warned.add(channel)
                js.console.warn(f"storefront: the {channel} conversion relay failed ({exc})")

    # -- the page ------------------------------------------------------------------------------

    @staticmethod
    def _interaction(moment: str) -> str:
        return cv.interaction_id(moment, secrets.token_hex(12))

    @staticmethod
    def _page() -> cv.Page:
        """The page without its query (tokens and click ids stay out of event URLs)."""
        referrer = str(py_value(js.document.referrer) or "") or None
        return cv.Page(str(js.location.origin) + str(js.location.pathname), referrer)

    @staticmethod
    def _cookies() -> dict[str, str]:
        found = {}
        for part in str(js.document.cookie or "").split(";"):
            name, _, value = part.strip().partition("=")
            if name:
                try:
                    found[name] = str(js.decodeURIComponent(value))
                except Exception:  # a cookie another script wrote, not URI-encoded
                    found[name] = value
        return found

    @staticmethod
    def _set_cookie(name: str, value: str, max_age: int) -> None:
        secure = "; Secure" if str(js.location.protocol) == "https:" else ""
        js.document.cookie = f"{name}={js.encodeURIComponent(value)}; Max-Age={max_age}; Path=/; SameSite=Lax{secure}"
