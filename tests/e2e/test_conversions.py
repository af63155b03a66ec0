"""Advertising conversion events and checkout intents in Chromium.

The vendors' pixel scripts are stubbed with Playwright routes: each stub consumes the queue
the shop set up, as the real library does, and records every call in ``window.__pixels``. The
relay's side is the sandbox's event log. A shop with every channel on runs in its own stack
(built with the pixel ids), and one that asks for consent in another.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any, cast

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from preview.servers import Stack, stack

from .conftest import SUITE_SANDBOX, Shop, recorded_page
from .helpers import control, go, new_guest, wait_ready
from .test_journey import add_from_product, choose_payment, fill_contact, orders_for, place

PIXELS = {
    "STOREFRONT_META_PIXEL_ID": "111222333",
    "STOREFRONT_TIKTOK_PIXEL_ID": "CTT444",
    "STOREFRONT_SNACKVIDEO_PIXEL_ID": "555666",
}
#: Stand-ins for the vendors' libraries: each takes over the queue its loader set up.
STUBS = {
    "https://connect.facebook.net/**": """(() => {
        const calls = (window.__pixels = window.__pixels || []);
        const fbq = window.fbq;
        fbq.callMethod = (...args) => calls.push(["meta", ...args]);
        for (const args of fbq.queue.splice(0)) fbq.callMethod(...args);
    })();""",
    "https://analytics.tiktok.com/**": """(() => {
        const calls = (window.__pixels = window.__pixels || []);
        const ttq = window.ttq;
        for (const entry of ttq.splice(0)) calls.push(["tiktok", ...entry]);
        ttq.push = (entry) => calls.push(["tiktok", ...entry]);
    })();""",
    "https://s1.kwai.net/**": """(() => {
        const calls = (window.__pixels = window.__pixels || []);
        window.kwaiq = {
            load: (id) => calls.push(["snackvideo", "load", id]),
            page: () => calls.push(["snackvideo", "page"]),
            instance: (id) => ({ track: (name, props) => calls.push(["snackvideo", "track", name, props]) }),
        };
    })();""",
}
PIXEL_HOSTS = ("connect.facebook.net", "analytics.tiktok.com", "s1.kwai.net")


def stub_pixels(context: BrowserContext) -> None:
    def serving(body: str) -> Any:
        return lambda route: route.fulfill(body=body, content_type="text/javascript")

    for pattern, body in STUBS.items():
        context.route(pattern, serving(body))


def pixel_calls(page: Page, channel: str) -> list[list[Any]]:
    return [call[1:] for call in page.evaluate("window.__pixels || []") if call[0] == channel]


def relayed(live: Stack) -> list[dict[str, Any]]:
    return cast(Any, live.sandbox).state.sandbox.db.all("event")


@pytest.fixture(scope="module")
def tracked(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shop]:
    """A shop with every advertising channel on, opened from an ad (click ids in the URL)."""
    with stack(tmp_path_factory.mktemp("tracked"), SUITE_SANDBOX, build_env=PIXELS) as live:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
        stub_pixels(context)
        page, traffic = recorded_page(context)
        shop = Shop(page, live, traffic)
        shop.open("/?fbclid=IwAR-fb1&ttclid=tt-2&click_id=kw-3&utm_source=meta&utm_campaign=promo")
        yield shop
        context.close()


PURCHASES = {"Purchase", "CompletePayment", "purchase"}


def names(events: list[dict[str, Any]], among: set[str]) -> set[str]:
    found = set()
    for event in events:
        first = event["payload"]["events"][0]
        found |= {first.get("event_name"), first.get("event")} & among
    return found


def wait_for_events(live: Stack, since: int, done: Any, timeout: float = 10.0) -> list[dict[str, Any]]:
    """The events relayed since ``since``, once ``done`` says they are all there (they leave
    the browser after the screen updates, in their own requests)."""
    deadline = time.monotonic() + timeout
    while True:
        found = relayed(live)[since:]
        if done(found) or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def ids_by_name(events: list[dict[str, Any]], channel: str) -> dict[str, str]:
    key = "event_name" if channel == "meta" else "event"
    return {
        e["payload"]["events"][0][key]: e["payload"]["events"][0]["event_id"] for e in events if e["channel"] == channel
    }


def test_a_purchase_reports_each_moment_to_pixels_and_relay_with_shared_ids(tracked: Shop):
    page, live = tracked.page, tracked.live
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert re.fullmatch(r"fb\.1\.\d{13}\.IwAR-fb1", cookies["_fbc"]) and re.fullmatch(
        r"fb\.1\.\d{13}\.\d+", cookies["_fbp"]
    )
    assert cookies["_ttclid"] == "tt-2" and cookies["_kwai_click_id"] == "kw-3"
    before = len(relayed(live))
    add_from_product(tracked, "activelife-smart-bottle")
    go(tracked, "/checkout", "checkout")
    fill_contact(page, "iklan@example.com")
    page.fill("#co-location-search", "cempaka")
    page.locator("#co-location-results li").first.click()
    page.select_option("#co-postal_code", "10510")
    page.fill("#co-address", "Jl. Iklan No. 1")
    choose_payment(page, "QRIS")
    slug = place(tracked)
    order_number = page.locator("main h1").inner_text().split()[-1]
    page.wait_for_function("(window.__pixels || []).some(c => c[2] === 'Purchase')")
    events = wait_for_events(live, before, lambda found: len(names(found, PURCHASES)) == 3)
    meta_ids, tiktok_ids = ids_by_name(events, "meta"), ids_by_name(events, "tiktok")
    assert set(meta_ids) == {"ViewContent", "AddToCart", "InitiateCheckout", "Purchase"}
    assert meta_ids["Purchase"] == f"{order_number}-Purchase-FORM"
    assert tiktok_ids["CompletePayment"] == f"{order_number}-CompletePayment-FORM"
    meta_pixel = {
        call[1]: call[3]["eventID"] for call in pixel_calls(page, "meta") if call[0] == "track" and len(call) > 3
    }
    tiktok_pixel = {call[1]: call[3]["event_id"] for call in pixel_calls(page, "tiktok") if call[0] == "track"}
    for name, event_id in meta_ids.items():
        assert meta_pixel[name] == event_id, name  # the browser and the relay count it once
    for name, event_id in tiktok_ids.items():
        assert tiktok_pixel[name] == event_id, name
    assert ["init", "111222333"] in pixel_calls(page, "meta") and ["load", "555666"] in pixel_calls(page, "snackvideo")
    purchase = next(
        e["payload"] for e in events if e["channel"] == "meta" and "Purchase" in str(e["payload"]["events"])
    )
    order = httpx.get(
        f"{live.api_base}/v3/stores/{live.settings.config.store_unique_id}/public/orders/{slug}",
        headers={"X-Scalev-Storefront-Api-Key": live.settings.config.storefront_api_key},
    ).json()
    assert purchase["events"][0]["parameters"]["value"] == int(float(order["gross_revenue"]))
    assert purchase["variants"] == [{"variant_unique_id": "variant_aLs9Bt1x", "quantity": 1}]
    assert purchase["user_data"]["em"] == "iklan@example.com" and purchase["user_data"]["fbc"] == cookies["_fbc"]
    assert purchase["event_source_url"].endswith("/checkout") and "?" not in purchase["event_source_url"]
    snack = [e["payload"] for e in events if e["channel"] == "snackvideo"]
    assert {p["events"][0]["event_name"] for p in snack} == {
        "contentView",
        "addToCart",
        "initiatedCheckout",
        "purchase",
    }
    assert all(p["click_id"] == "kw-3" for p in snack)
    snack_pixel = [call[1] for call in pixel_calls(page, "snackvideo") if call[0] == "track"]
    assert {"contentView", "addToCart", "initiatedCheckout", "purchase"} <= set(snack_pixel)
    page.reload()  # the order page again: the purchase is not reported twice
    wait_ready(page, "order")
    after = len(relayed(live))
    go(tracked, "/products/e-book-membaca", "product")  # an event that comes after any repeat would
    later = wait_for_events(live, after, lambda found: "ViewContent" in names(found, {"ViewContent"}))
    assert names(later, PURCHASES) == set()


def test_the_same_order_answered_again_is_reported_once(tracked: Shop):
    """Buying the same again at once: the store answers with the order it just made (its
    duplicate-order window); that order's purchase was already reported."""
    page, live = tracked.page, tracked.live
    numbers = []
    new_guest(tracked)
    before = len(relayed(live))
    for _ in range(2):
        add_from_product(tracked, "e-book-membaca")
        go(tracked, "/checkout", "checkout")
        fill_contact(page, "sekali@example.com")
        choose_payment(page, "QRIS")
        place(tracked)
        numbers.append(page.locator("main h1").inner_text().split()[-1])
        page.wait_for_function("(window.__pixels || []).some(c => c[2] === 'Purchase')")
    assert numbers[0] == numbers[1]  # one order, answered twice
    go(tracked, "/products/kaos-katun-premium", "product")  # an event that comes after any repeat would
    events = wait_for_events(live, before, lambda found: "ViewContent" in names(found[-4:], {"ViewContent"}))
    purchases = [e for e in events if e["channel"] == "meta" and "Purchase" in str(e["payload"]["events"])]
    assert len(purchases) == 1
    new_guest(tracked)  # the store keeps the cart when it answers with an order it already made
    event_id = f"{numbers[0]}-Purchase-FORM"
    assert (
        sum(
            1
            for call in pixel_calls(page, "meta")
            if call[:2] == ["track", "Purchase"] and call[3]["eventID"] == event_id
        )
        == 1
    )


def intents_of(live: Stack, email: str) -> list[dict[str, Any]]:
    state = cast(Any, live.sandbox).state.sandbox
    return [i for i in state.db.all("checkout_intent") if i["fields"].get("customer_email") == email]


def test_a_checkout_intent_follows_the_form_and_is_linked_to_the_order(tracked: Shop):
    page, live = tracked.page, tracked.live
    new_guest(tracked)
    add_from_product(tracked, "e-book-membaca")
    go(tracked, "/checkout", "checkout")
    page.fill("#co-name", "Niat Belanja")
    page.fill("#co-email", "niat@example.com")
    intent = wait_for(lambda: intents_of(live, "niat@example.com"))[0]
    assert intent["status"] == "active" and intent["items"] == [
        {"type": "variant", "variant_id": 429174, "quantity": 1}
    ]
    page.fill("#co-phone", "0812-1111-2222")
    choose_payment(page, "QRIS")
    updated = wait_for(lambda: [i for i in intents_of(live, "niat@example.com") if i["fields"].get("payment_method")])[
        0
    ]
    assert updated["id"] == intent["id"] and updated["fields"]["customer_phone"] == "6281211112222"
    assert updated["last_sequence"] >= 1
    place(tracked)
    (made,) = orders_for(tracked, "niat@example.com")
    linked = intents_of(live, "niat@example.com")[0]
    assert linked["status"] == "completed" and linked["order_id"] == made["id"]


def wait_for(found: Any, timeout: float = 10.0) -> Any:
    """``found()`` once it is truthy (a debounced update leaves 1.5 s after the last change)."""
    deadline = time.monotonic() + timeout
    while not (result := found()):
        assert time.monotonic() < deadline, "not within the time allowed"
        time.sleep(0.05)
    return result


def test_no_purchase_event_for_an_order_scalev_marks_as_spam(tracked: Shop):
    page, live = tracked.page, tracked.live
    control(tracked, "PATCH", "/store", json={"spam_emails": ["bot@example.com"]})
    try:
        new_guest(tracked)
        add_from_product(tracked, "e-book-membaca")
        go(tracked, "/checkout", "checkout")
        fill_contact(page, "bot@example.com")
        choose_payment(page, "QRIS")
        before = len(relayed(live))
        place(tracked)
        go(tracked, "/products/e-book-membaca", "product")  # a later event, to know the earlier are in
        later = wait_for_events(live, before, lambda found: "ViewContent" in names(found, {"ViewContent"}))
        assert names(later, PURCHASES) == set()
        assert not [c for c in pixel_calls(page, "meta") if c[:2] == ["track", "Purchase"] and "bot" in str(c)]
    finally:
        control(tracked, "PATCH", "/store", json={"spam_emails": []})


def test_a_failing_relay_changes_nothing_for_the_shopper(tracked: Shop):
    page = tracked.page
    tracked.traffic.expect_console_error("status of 500")
    control(tracked, "POST", "/faults", json={"path_contains": "/public/analytics/", "status": 500, "times": 100})
    try:
        new_guest(tracked)
        add_from_product(tracked, "e-book-membaca")
        go(tracked, "/checkout", "checkout")
        fill_contact(page, "relay@example.com")
        choose_payment(page, "QRIS")
        place(tracked)
        expect(page.locator(".pay-qris img.qr")).to_be_visible()
        assert len(orders_for(tracked, "relay@example.com")) == 1
    finally:
        control(tracked, "DELETE", "/faults")


def test_with_every_channel_off_nothing_is_loaded_or_sent(shop: Shop):
    before = len(relayed(shop.live))
    requests = len(shop.traffic.requests)
    new_guest(shop)
    add_from_product(shop, "e-book-membaca")
    go(shop, "/checkout", "checkout")
    fill_contact(shop.page, "tanpa.iklan@example.com")
    choose_payment(shop.page, "QRIS")
    place(shop)
    assert relayed(shop.live)[before:] == []
    sent = shop.traffic.requests[requests:]
    assert not [u for u in sent if "/analytics/" in u or "tracking-" in u or any(h in u for h in PIXEL_HOSTS)]
    assert shop.page.evaluate("typeof window.fbq === 'undefined' && typeof window.ttq === 'undefined'")


@pytest.fixture(scope="module")
def consenting(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shop]:
    """A shop that asks before tracking (Meta on)."""
    env = {"STOREFRONT_META_PIXEL_ID": "777", "STOREFRONT_TRACKING_CONSENT": "required"}
    with stack(tmp_path_factory.mktemp("consent"), SUITE_SANDBOX, build_env=env) as live:
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
        stub_pixels(context)
        page, traffic = recorded_page(context)
        shop = Shop(page, live, traffic)
        shop.open("/products/e-book-membaca?fbclid=IwAR-consent")
        yield shop
        context.close()


def test_nothing_tracks_until_the_shopper_accepts_and_the_choice_is_kept(consenting: Shop):
    page, live = consenting.page, consenting.live
    banner = page.locator("#sf-consent")
    expect(banner).to_be_visible()
    consenting.screenshot("consent-banner")
    assert page.context.cookies() == [] and relayed(live) == []
    assert not [u for u in consenting.traffic.requests if "facebook" in u or "/analytics/" in u]
    page.locator("#consent-decline").click()
    expect(banner).to_be_hidden()
    go(consenting, "/products/kaos-katun-premium", "product")
    assert relayed(live) == [] and page.evaluate("typeof window.fbq") == "undefined"
    page.locator("#consent-settings").click()  # changed their mind
    expect(banner).to_be_visible()
    expect(page.locator("#consent-accept")).to_be_focused()
    page.locator("#consent-accept").click()
    page.wait_for_function("(window.__pixels || []).some(c => c[1] === 'init' && c[2] === '777')")
    go(consenting, "/products/e-book-membaca", "product")
    views = wait_for_events(live, 0, lambda found: len(found) >= 1)
    assert [e["payload"]["events"][0]["event_name"] for e in views] == ["ViewContent"]
    assert {c["name"] for c in page.context.cookies()} >= {"_fbc", "_fbp"}
    page.reload()  # the choice is kept
    wait_ready(page, "product")
    expect(banner).to_be_hidden()
    page.wait_for_function("(window.__pixels || []).some(c => c[1] === 'init')")
    assert page.evaluate("localStorage.getItem('storefront_tracking_consent')") == "granted"
    assert {c["name"] for c in page.context.cookies()} >= {"_fbc"}
