"""Conversion events and checkout intents, as data: ids, payloads, attribution and the rules
of Scalev's conversion-events guide, without a browser."""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal

import pytest

from storefront import conversions as cv
from storefront.api import HttpRequest, HttpResponse, StorefrontClient
from storefront.api.models import Cart, CartLine, Order
from storefront.api.storage import MemoryStorage
from storefront.checkout_form import CheckoutDraft
from storefront.checkout_intent import INTENT_KEY, SESSION_KEY, IntentTracker, intent_fields
from storefront.config import SiteConfig


def line(line_id: int, unique_id: str, quantity: int, price: str, *, bundle: bool = False) -> CartLine:
    total = Decimal(price) * quantity
    kind = "bundle_price_option" if bundle else "variant"
    return CartLine(
        line_id, kind, line_id, None, quantity, f"Item {line_id}", "L", Decimal(price), total, None, unique_id, "s"
    )


def cart(*lines: CartLine) -> Cart:
    return Cart(1, sum(x.quantity for x in lines), sum((x.line_total or Decimal(0) for x in lines), Decimal(0)), lines)


def order(spam: bool = False) -> Order:
    return Order.parse(
        {
            "id": "01a2",
            "secret_slug": "s",
            "order_id": "250130JQHFZG",
            "status": "pending",
            "payment_status": "unpaid",
            "payment_method": "qris",
            "gross_revenue": "286500.00",
            "product_price": "280000",
            "shipping_cost": 0,
            "pg_payment_info": {},
            "orderlines": [],
            "is_probably_spam": spam,
        }
    )


def test_order_events_carry_the_human_order_number_per_channel():
    bottle = line(1, "variant_aB1", 2, "140000")
    purchase = cv.purchased(order(), (bottle,))
    assert purchase is not None and purchase.value == 286500
    assert purchase.event_id("meta") == "250130JQHFZG-Purchase-FORM"
    assert purchase.event_id("tiktok") == "250130JQHFZG-CompletePayment-FORM"
    assert cv.purchased(order(spam=True), (bottle,)) is None  # probable spam: no purchase event


def test_the_relay_and_the_pixel_share_one_id_and_items_go_by_unique_id():
    before = cart(line(1, "variant_aB1", 1, "89000"))
    after = cart(line(1, "variant_aB1", 3, "89000"), line(2, "bundle_price_option_pSe2k", 1, "279000", bundle=True))
    added = cv.added(before, after, cv.interaction_id(cv.ADD, "f00d"))
    assert added is not None and added.value == 2 * 89000 + 279000
    attribution = cv.Attribution(fbc="fb.1.1.abc", fbp="fb.1.1.42", ttclid="tt1", kwai_click_id="kw1")
    page = cv.Page("https://shop.example/products/kaos", "https://www.facebook.com/")
    bodies = cv.relay_bodies(added, ("meta", "tiktok", "snackvideo"), attribution, page)
    meta, tiktok, snack = bodies["meta"], bodies["tiktok"], bodies["snackvideo"]
    assert meta["events"][0] == {
        "event_id": "add_to_cart_f00d",
        "event_name": "AddToCart",
        "parameters": cv.pixel_call(added, "meta")[1],
    }
    assert cv.pixel_call(added, "meta")[2] == cv.pixel_call(added, "tiktok")[2] == "add_to_cart_f00d"
    assert meta["variants"] == [{"variant_unique_id": "variant_aB1", "quantity": 2}]
    assert meta["bundle_price_options"] == [
        {"bundle_price_option_unique_id": "bundle_price_option_pSe2k", "quantity": 1}
    ]
    assert meta["user_data"] == {"fbc": "fb.1.1.abc", "fbp": "fb.1.1.42"} and "em" not in meta["user_data"]
    assert tiktok["user"] == {"ttclid": "tt1"} and tiktok["event_source_url"] == page.url
    assert snack["click_id"] == "kw1" and snack["events"][0]["event_name"] == "addToCart"
    assert all(
        isinstance(v, int)
        for v in (meta["events"][0]["parameters"]["value"], snack["events"][0]["properties"]["value"])
    )
    no_click = cv.relay_bodies(added, ("meta", "snackvideo"), cv.Attribution(), page)
    assert set(no_click) == {"meta"}  # no SnackVideo relay call without a click id


def test_a_purchase_sends_the_buyer_and_interactions_do_not():
    purchase = cv.purchased(order(), (line(1, "variant_aB1", 1, "1"),))
    assert purchase is not None
    buyer = {"email": "budi@example.com", "phone": "6281234567890"}
    bodies = cv.relay_bodies(purchase, ("meta", "tiktok"), cv.Attribution(), cv.Page("https://s.example/"), buyer)
    assert bodies["meta"]["user_data"] == {"em": "budi@example.com", "ph": "6281234567890"}
    assert bodies["tiktok"]["user"] == {"email": "budi@example.com", "phone": "6281234567890"}
    view = cv.checkout_opened(cart(line(1, "variant_aB1", 1, "1")), "initiate_checkout_1")
    assert (
        "em"
        not in cv.relay_bodies(view, ("meta",), cv.Attribution(), cv.Page("https://s.example/"), buyer)["meta"][
            "user_data"
        ]
    )


def test_a_landing_url_sets_the_attribution_cookies_with_their_lifetimes():
    writes = cv.landing_cookies(
        {"fbclid": "IwAR1", "ttclid": "E.C.P", "click_id": "kw-9", "utm_source": "fb"}, {}, 1700000000000, lambda: "123"
    )
    assert {(w.name, w.value, w.max_age // 86400) for w in writes} == {
        ("_fbc", "fb.1.1700000000000.IwAR1", 90),
        ("_ttclid", "E.C.P", 7),
        ("_kwai_click_id", "kw-9", 7),
        ("_fbp", "fb.1.1700000000000.123", 90),
    }
    assert cv.landing_cookies({}, {"_fbp": "fb.1.1.1"}, 1, lambda: "2") == []  # nothing new, _fbp kept


# -- checkout intents -------------------------------------------------------------------------


class IntentApi:
    def __init__(self, start_status: int = 201) -> None:
        self.start_status = start_status
        self.calls: list[tuple[str, dict]] = []

    async def __call__(self, request: HttpRequest) -> HttpResponse:
        await asyncio.sleep(0)
        body = json.loads(request.body) if request.body else {}
        path = request.url.split("/store_x", 1)[1]
        self.calls.append((f"{request.method} {path}", body))
        if request.method == "POST":
            if self.start_status != 201:
                return HttpResponse(self.start_status, {}, json.dumps({"error": "no", "error_code": "x"}))
            return HttpResponse(
                201, {}, json.dumps({"id": "int-1", "checkout_intent_token": "cit_1", "status": "active"})
            )
        return HttpResponse(204, {}, "")


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def now(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        self.t += seconds
        await asyncio.sleep(0)


def tracker(api: IntentApi, recaptcha=True) -> IntentTracker:
    client = StorefrontClient(SiteConfig("https://api.test", "store_x", "sfpk_x"), api, clock=Clock())

    async def token() -> str:
        return "recaptcha-token"

    return IntentTracker(
        client,
        MemoryStorage(),
        MemoryStorage(),
        token if recaptcha else None,
        new_id=lambda: "0f6c1b2e-5f3a-4c1d-9e8b-7a6d5c4b3a21",
    )


async def settle(intents: IntentTracker) -> None:
    for _ in range(20):
        await asyncio.sleep(0)
    await asyncio.gather(*intents.waiting)


@pytest.mark.anyio
async def test_an_intent_starts_once_the_shopper_is_reachable_then_sends_only_changes():
    api = IntentApi()
    intents = tracker(api)
    items = [{"type": "variant", "variant_id": 494535, "quantity": 1}]
    intents.changed(CheckoutDraft(name="Budi"), items, shipping=True)
    await settle(intents)
    assert api.calls == []  # a name alone: nobody to follow up yet
    draft = CheckoutDraft(name="Budi", email="budi@example.com")
    intents.changed(draft, items, shipping=True)
    draft.phone = "0812 3456 7890"
    intents.changed(draft, items, shipping=True)  # within the debounce: one start for both
    await settle(intents)
    (start,) = api.calls
    assert start[0] == "POST /public/checkout-intents"
    assert start[1]["client_session_id"] == "0f6c1b2e-5f3a-4c1d-9e8b-7a6d5c4b3a21"
    assert start[1]["form_widget_id"] == "storefront-checkout" and start[1]["recaptcha_token"] == "recaptcha-token"
    assert start[1]["fields"] == {
        "customer_name": "Budi",
        "customer_email": "budi@example.com",
        "customer_phone": "6281234567890",
    }
    draft.notes = "Pagi saja"
    intents.changed(draft, items, shipping=True)
    await settle(intents)
    assert api.calls[-1] == ("PATCH /public/checkout-intents/int-1", {"fields": {"notes": "Pagi saja"}, "sequence": 1})
    assert intents.order_token() == "cit_1"
    intents.ordered()
    assert intents.order_token() is None and intents.local.get(SESSION_KEY) is None


@pytest.mark.anyio
async def test_intents_never_stand_in_the_way():
    refused = IntentApi(start_status=422)  # reCAPTCHA said no
    intents = tracker(refused)
    intents.changed(CheckoutDraft(email="budi@example.com"), [], shipping=False)
    await settle(intents)
    assert intents.off and intents.order_token() is None
    intents.changed(CheckoutDraft(email="budi@example.com", name="B"), [], shipping=False)
    await settle(intents)
    assert len(refused.calls) == 1  # off for the visit: not tried again and again
    without_key = tracker(IntentApi(), recaptcha=False)
    without_key.changed(CheckoutDraft(email="budi@example.com"), [], shipping=False)
    assert without_key.off and without_key.session.get(INTENT_KEY) is None


def test_the_draft_maps_onto_the_intents_fields():
    draft = CheckoutDraft(name=" A ", email="a@b.co", location_id=9089, postal_code="10510", address=" Jl. X ")
    fields = intent_fields(draft, shipping=True)
    assert fields["shipping_location_id"] == 9089 and fields["shipping_address"] == "Jl. X"
    assert "shipping_address" not in intent_fields(draft, shipping=False)


class ScriptedIntentApi(IntentApi):
    """Answers from a list: the start and update answers, in order."""

    def __init__(self, answers: list[tuple[int, dict]]) -> None:
        super().__init__()
        self.answers = answers

    async def __call__(self, request: HttpRequest) -> HttpResponse:
        await IntentApi.__call__(self, request)
        status, body = self.answers.pop(0)
        return HttpResponse(status, {}, json.dumps(body) if body else "")


@pytest.mark.anyio
async def test_a_session_that_already_ordered_starts_afresh_and_an_expired_token_once():
    started = {"id": "int-2", "checkout_intent_token": "cit_2", "status": "active"}
    api = ScriptedIntentApi(
        [
            (409, {"error": "This checkout session already has an order", "error_code": "checkout_intent_completed"}),
            (201, started),
            (401, {"error": "Invalid checkout intent token", "error_code": "invalid_checkout_intent_token"}),
            (201, {**started, "id": "int-3", "checkout_intent_token": "cit_3"}),
        ]
    )
    ids = iter(["0f6c1b2e-5f3a-4c1d-9e8b-7a6d5c4b3a21", "1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d"])
    intents = tracker(api)
    intents.new_id = lambda: next(ids)
    intents.changed(CheckoutDraft(email="budi@example.com"), [], shipping=False)
    await settle(intents)
    first, second = api.calls[0][1]["client_session_id"], api.calls[1][1]["client_session_id"]
    assert first != second and intents.order_token() == "cit_2"  # a new session for a new checkout
    intents.changed(CheckoutDraft(email="budi@example.com", name="Budi"), [], shipping=False)
    await settle(intents)
    assert [call[0].split()[0] for call in api.calls] == ["POST", "POST", "PATCH", "POST"]
    assert intents.order_token() == "cit_3" and not intents.off
