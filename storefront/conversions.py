"""Advertising conversion events, as data: which event, with which id, items and value, for
the browser pixels and for Scalev's relay (``/public/analytics/{meta,tiktok,snackvideo}/events``).

Scalev's conversion-events guide (CONTRACT §13) decides the shape:

- the moments: a product or bundle shown, an item added, checkout opened with items, an order
  placed (``Purchase`` for Meta, ``CompletePayment`` for TikTok, ``purchase`` for SnackVideo),
  once per order and never for one Scalev marks as probable spam;
- one event id shared by a pixel and the relay, so Meta and TikTok count the event once: a
  random id for interactions, ``<order_id>-<EventName>-FORM`` for an order, from the order's
  human number (``order_id``, such as ``250130JQHFZG``), not its numeric id;
- items by unique id, values in whole rupiah, an order's value from ``gross_revenue``;
- attribution from the landing URL: ``_fbc`` from ``fbclid`` and ``_fbp`` (90 days),
  ``_ttclid`` from ``ttclid`` and ``_kwai_click_id`` from ``click_id`` (7 days); no SnackVideo
  relay call without a click id.

Nothing here touches the page: ``storefront/browser/conversions.py`` fires what this builds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .api.models import Cart, CartLine, Order, ProductDetail, Variant

VIEW, ADD, CHECKOUT, PURCHASE = "view", "add", "checkout", "purchase"
#: Each moment's event name per channel.
EVENT_NAMES = {
    "meta": {VIEW: "ViewContent", ADD: "AddToCart", CHECKOUT: "InitiateCheckout", PURCHASE: "Purchase"},
    "tiktok": {VIEW: "ViewContent", ADD: "AddToCart", CHECKOUT: "InitiateCheckout", PURCHASE: "CompletePayment"},
    "snackvideo": {VIEW: "contentView", ADD: "addToCart", CHECKOUT: "initiatedCheckout", PURCHASE: "purchase"},
}
#: The random part of an interaction's id, per moment (``add_to_cart_<uuid>``, as the guide writes).
ID_PREFIXES = {VIEW: "view_content", ADD: "add_to_cart", CHECKOUT: "initiate_checkout"}
DAY = 24 * 3600
#: Attribution cookies: the landing URL parameter, the cookie, its lifetime in seconds.
CLICK_COOKIES = (("fbclid", "_fbc", 90 * DAY), ("ttclid", "_ttclid", 7 * DAY), ("click_id", "_kwai_click_id", 7 * DAY))
FBP_LIFETIME = 90 * DAY
#: What a checkout intent carries of the landing URL (besides the click ids).
UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term")


@dataclasses.dataclass(frozen=True)
class Item:
    unique_id: str
    bundle: bool
    quantity: int
    price: int  # whole rupiah, per unit
    name: str = ""


@dataclasses.dataclass(frozen=True)
class Conversion:
    """One moment, ready for every channel."""

    moment: str
    items: tuple[Item, ...]
    value: int  # whole rupiah
    interaction_id: str | None = None  # view, add, checkout: shared by every channel
    order_number: str | None = None  # purchase: ids are built per channel from it

    def event_id(self, channel: str) -> str:
        if self.order_number is not None:
            return order_event_id(self.order_number, EVENT_NAMES[channel][self.moment])
        assert self.interaction_id is not None
        return self.interaction_id

    def name(self, channel: str) -> str:
        return EVENT_NAMES[channel][self.moment]


@dataclasses.dataclass(frozen=True)
class Attribution:
    """The click ids and browser ids in the shopper's cookies."""

    fbc: str | None = None
    fbp: str | None = None
    ttclid: str | None = None
    ttp: str | None = None
    kwai_click_id: str | None = None

    @classmethod
    def of_cookies(cls, cookies: Mapping[str, str]) -> Attribution:
        return cls(
            cookies.get("_fbc") or None,
            cookies.get("_fbp") or None,
            cookies.get("_ttclid") or None,
            cookies.get("_ttp") or None,
            cookies.get("_kwai_click_id") or None,
        )


@dataclasses.dataclass(frozen=True)
class Page:
    """Where the event happened."""

    url: str
    referrer: str | None = None


@dataclasses.dataclass(frozen=True)
class CookieWrite:
    name: str
    value: str
    max_age: int


def rupiah(amount: Decimal | None) -> int:
    return int((amount or Decimal(0)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def order_event_id(order_number: str, event_name: str) -> str:
    return f"{order_number}-{event_name}-FORM"


def interaction_id(moment: str, random_hex: str) -> str:
    return f"{ID_PREFIXES[moment]}_{random_hex}"


# -- the moments --------------------------------------------------------------------------------


def viewed(detail: ProductDetail, variant: Variant | None, price: Decimal | None, event: str) -> Conversion:
    """A product shown, with the variant on screen (the first, until one is chosen)."""
    shown = variant or (detail.variants[0] if detail.variants else None)
    unit = rupiah(price if price is not None else (shown.price if shown else detail.card.price.low))
    items = (Item(shown.unique_id, False, 1, unit, detail.card.name),) if shown and shown.unique_id else ()
    return Conversion(VIEW, items, unit, interaction_id=event)


def viewed_bundle(name: str, price: Decimal | None, event: str) -> Conversion:
    """A bundle shown. Its detail carries no unique id, so no item goes with it."""
    return Conversion(VIEW, (), rupiah(price), interaction_id=event)


def line_item(line: CartLine, quantity: int | None = None) -> Item | None:
    if not line.unique_id:
        return None
    name = " – ".join(part for part in (line.name, line.variant_name) if part)
    return Item(line.unique_id, line.is_bundle, quantity or line.quantity, rupiah(line.unit_price), name)


def added(before: Cart | None, after: Cart, event: str) -> Conversion | None:
    """What an add changed in the cart: the line that is new or grew, by how much."""
    old = {line.id: line.quantity for line in (before.lines if before else ())}
    grown = [(line, line.quantity - old.get(line.id, 0)) for line in after.lines if line.quantity > old.get(line.id, 0)]
    items = tuple(item for line, more in grown if (item := line_item(line, more)) is not None)
    if not items:
        return None
    return Conversion(ADD, items, sum(item.price * item.quantity for item in items), interaction_id=event)


def checkout_opened(cart: Cart, event: str) -> Conversion:
    items = tuple(item for line in cart.lines if (item := line_item(line)) is not None)
    return Conversion(CHECKOUT, items, rupiah(cart.total), interaction_id=event)


def purchased(order: Order, lines: tuple[CartLine, ...]) -> Conversion | None:
    """An order placed, with the cart's lines it was made of; None for probable spam."""
    if order.is_probably_spam or not order.order_id:
        return None
    items = tuple(item for line in lines if (item := line_item(line)) is not None)
    return Conversion(PURCHASE, items, rupiah(order.gross_revenue), order_number=order.order_id)


# -- what goes out -----------------------------------------------------------------------------


def _parameters(conversion: Conversion) -> dict[str, Any]:
    return {
        "value": conversion.value,
        "currency": "IDR",
        "content_type": "product",
        "content_ids": [item.unique_id for item in conversion.items],
        "contents": [{"id": i.unique_id, "quantity": i.quantity, "item_price": i.price} for i in conversion.items],
        "num_items": sum(item.quantity for item in conversion.items),
    }


def pixel_call(conversion: Conversion, channel: str) -> tuple[str, dict[str, Any], str | None]:
    """The browser pixel's event: its name, parameters and the id shared with the relay."""
    params = _parameters(conversion)
    if channel == "tiktok":
        contents = [{"content_id": i.unique_id, "quantity": i.quantity, "price": i.price} for i in conversion.items]
        params = {"value": conversion.value, "currency": "IDR", "content_type": "product", "contents": contents}
    elif channel == "snackvideo":
        params = _snack_properties(conversion)
        return conversion.name(channel), params, None  # SnackVideo has no event ids
    return conversion.name(channel), params, conversion.event_id(channel)


def _snack_properties(conversion: Conversion) -> dict[str, Any]:
    return {
        "content_type": "product",
        "currency": "IDR",
        "value": conversion.value,
        "quantity": sum(item.quantity for item in conversion.items),
        "content_name": ", ".join(item.name for item in conversion.items if item.name)[:200] or None,
    }


def _items(conversion: Conversion) -> dict[str, Any]:
    items = conversion.items
    variants = [{"variant_unique_id": i.unique_id, "quantity": i.quantity} for i in items if not i.bundle]
    bundles = [{"bundle_price_option_unique_id": i.unique_id, "quantity": i.quantity} for i in items if i.bundle]
    return {key: rows for key, rows in (("variants", variants), ("bundle_price_options", bundles)) if rows}


def relay_bodies(
    conversion: Conversion,
    channels: tuple[str, ...],
    attribution: Attribution,
    page: Page,
    buyer: Mapping[str, str | None] | None = None,
) -> dict[str, dict[str, Any]]:
    """The relay body per channel (a channel that cannot be sent, SnackVideo without a click id,
    is left out). ``buyer`` (email, phone) goes only with a purchase."""
    common: dict[str, Any] = {"event_source_url": page.url, **_items(conversion)}
    if page.referrer:
        common["referrer_url"] = page.referrer
    contact = buyer if conversion.moment == PURCHASE and buyer else {}
    bodies: dict[str, dict[str, Any]] = {}
    for channel in channels:
        name, params, event_id = pixel_call(conversion, channel)
        if channel == "meta":
            user = {
                "fbc": attribution.fbc,
                "fbp": attribution.fbp,
                "em": contact.get("email"),
                "ph": contact.get("phone"),
            }
            bodies[channel] = {
                **common,
                "user_data": {k: v for k, v in user.items() if v},
                "events": [{"event_id": event_id, "event_name": name, "parameters": params}],
            }
        elif channel == "tiktok":
            user = {
                "ttclid": attribution.ttclid,
                "ttp": attribution.ttp,
                "email": contact.get("email"),
                "phone": contact.get("phone"),
            }
            bodies[channel] = {
                **common,
                "user": {k: v for k, v in user.items() if v},
                "events": [{"event_id": event_id, "event": name, "parameters": params}],
            }
        elif channel == "snackvideo" and attribution.kwai_click_id:
            properties = {k: v for k, v in params.items() if v is not None}
            bodies[channel] = {
                **common,
                "click_id": attribution.kwai_click_id,
                "events": [{"event_name": name, "properties": properties}],
            }
    return bodies


# -- attribution from the landing URL -------------------------------------------------------------


def landing_cookies(
    query: Mapping[str, str], cookies: Mapping[str, str], now_ms: int, random_digits: Callable[[], str]
) -> list[CookieWrite]:
    """The attribution cookies a landing URL sets: a new click id replaces an older one; ``_fbp``
    is made once when missing."""
    writes = []
    fbclid = query.get("fbclid")
    if fbclid:
        writes.append(CookieWrite("_fbc", f"fb.1.{now_ms}.{fbclid}", CLICK_COOKIES[0][2]))
    for parameter, cookie, lifetime in CLICK_COOKIES[1:]:
        if query.get(parameter):
            writes.append(CookieWrite(cookie, query[parameter], lifetime))
    if not cookies.get("_fbp"):
        writes.append(CookieWrite("_fbp", f"fb.1.{now_ms}.{random_digits()}", FBP_LIFETIME))
    return writes


def intent_attribution(attribution: Attribution, utm: Mapping[str, str]) -> dict[str, str]:
    """What a checkout intent records of where the shopper came from."""
    found = {
        "fbc": attribution.fbc,
        "fbp": attribution.fbp,
        "ttclid": attribution.ttclid,
        "ttp": attribution.ttp,
        "kwai_clickid": attribution.kwai_click_id,
        **{key: utm.get(key) for key in UTM_KEYS},
    }
    return {key: value[:1000] for key, value in found.items() if value}
