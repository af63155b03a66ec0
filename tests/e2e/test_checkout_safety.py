"""Checkout when the network or a quick shopper misbehaves: the total placed is the one shown,
a late answer never undoes a newer choice, a lost answer never strands the shopper nor makes
a second order, and addresses from the store are followed only when safe."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from .conftest import Shop, recorded_page
from .helpers import control, go, guest_order, wait_ready
from .test_journey import api_order, choose_payment, fill_contact, fill_delivery, orders_for, place, rupiah, to_checkout

PLACE = "button[data-slot=place]"


@pytest.fixture
def faults(shop: Shop) -> Iterator[None]:
    yield
    control(shop, "DELETE", "/faults")
    shop.page.unroute_all(behavior="ignoreErrors")


def at_store_total(order: dict, summary: dict) -> bool:
    """The order is at the summary's total, less the unique code a bank transfer takes off
    (made at order time, so no summary shows it)."""
    return float(order["gross_revenue"]) + float(order.get("unique_code_discount") or 0) == float(
        summary["gross_revenue"]
    )


def checkout_posts(shop: Shop, since: int) -> int:
    return len([u for u in shop.traffic.requests[since:] if u.endswith("/public/checkout")])


def test_a_total_that_could_not_be_worked_out_is_never_placed(shop: Shop, faults: None):
    page = to_checkout(shop, "activelife-smart-bottle")
    fill_contact(page, "stale@example.com")
    fill_delivery(page)
    choose_payment(page, "Transfer Bank")
    shown = page.locator("[data-slot=amounts] .total dd").inner_text()
    shop.traffic.expect_console_error("status of 503")
    control(shop, "POST", "/faults", json={"path_contains": "/public/checkout/summary", "status": 503, "times": 50})
    page.locator("label.choice", has_text="QRIS").click()
    button, reason = page.locator(PLACE), page.locator("[data-slot=place-reason]")
    expect(reason).to_have_text("Total untuk pilihan Anda belum bisa dihitung.")
    expect(button).to_have_attribute("aria-disabled", "true")
    expect(page.locator("[data-slot=amounts]")).to_have_class(re.compile(r"\bstale\b"))
    shop.screenshot("checkout-stale-total")
    before = len(shop.traffic.requests)
    button.click(force=True)  # pressed anyway: the reason is said, nothing is sent
    expect(page.locator("[data-slot=form-error]")).to_have_text("Total untuk pilihan Anda belum bisa dihitung.")
    assert checkout_posts(shop, before) == 0
    control(shop, "DELETE", "/faults")
    with page.expect_response(lambda r: r.url.endswith("/public/checkout/summary") and r.ok) as answer:
        page.locator("[data-slot=total-retry]").click()
    total = rupiah(answer.value.json()["gross_revenue"])
    expect(button).to_have_attribute("aria-disabled", "false")
    expect(page.locator("[data-slot=amounts] .total dd")).to_have_text(total)
    assert total != shown  # QRIS costs a fee, so the old figure would have been wrong
    slug = place(shop)
    assert rupiah(api_order(shop, slug)["gross_revenue"]) == total
    expect(page.locator("[data-slot=amounts] .total dd")).to_have_text(total)


def quick_cod_order(shop: Shop, page: Page, email: str, *, tap: bool = False) -> dict:
    """The second courier, then cash on delivery, then place: as fast as Playwright clicks."""
    fill_contact(page, email)
    fill_delivery(page)
    couriers = page.locator("label.choice:has(input[name=courier])")
    expect(couriers).not_to_have_count(0)
    press = (lambda locator: locator.tap()) if tap else (lambda locator: locator.click())
    press(couriers.nth(1))
    press(page.locator("label.choice", has_text="Bayar di Tempat"))
    press(page.locator(PLACE))
    wait_ready(page, "order")
    expect(page.locator(".pay")).to_contain_text("Siapkan uang tunai")
    slug = page.url.rsplit("/", 1)[1]
    order = api_order(shop, slug)
    expect(page.locator("[data-slot=amounts] .total dd")).to_have_text(rupiah(order["gross_revenue"]))
    return order


def test_quick_choices_on_a_desktop_keep_the_latest(shop: Shop):
    page = to_checkout(shop, "activelife-smart-bottle")
    order = quick_cod_order(shop, page, "cepat@example.com")
    assert order["payment_method"] == "cod" and len(orders_for(shop, "cepat@example.com")) == 1


def test_quick_taps_on_a_phone_keep_the_latest(browser: Browser, shop: Shop):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page, traffic = recorded_page(context)
    try:
        phone = Shop(page, shop.live, traffic)
        phone.open("/products/activelife-smart-bottle")
        page.locator("button[data-slot=add]").tap()
        expect(page.locator("#cart-count")).to_have_text("1")
        page.locator("#cart-checkout").tap()
        wait_ready(page, "checkout")
        order = quick_cod_order(phone, page, "cepat.hp@example.com", tap=True)
        assert order["payment_method"] == "cod" and len(orders_for(shop, "cepat.hp@example.com")) == 1
        assert traffic.console_errors == [] and traffic.off_machine() == []
    finally:
        context.close()


def test_couriers_and_total_follow_a_cart_changed_during_checkout(shop: Shop):
    page = to_checkout(shop, "activelife-smart-bottle")
    fill_contact(page, "ubah@example.com")
    fill_delivery(page)
    choose_payment(page, "Transfer Bank")
    one = page.locator("[data-slot=amounts] .total dd").inner_text()
    before = len(shop.traffic.requests)
    page.locator("#cart-button").click()
    with page.expect_response(lambda r: r.url.endswith("/public/checkout/summary") and r.ok) as answer:
        page.locator("#cart-lines .cart-line [data-slot=plus]").click()
    page.locator("#cart-close").click()
    two = rupiah(answer.value.json()["gross_revenue"])
    expect(page.locator("[data-slot=amounts] .total dd")).to_have_text(two)
    assert two != one and float(answer.value.json()["product_price"]) == 300000
    asked = shop.traffic.api_calls(shop.live.api_base, before)
    assert any(u.endswith("/public/checkout/shipping-options") for u in asked)  # a heavier parcel: couriers again
    expect(page.locator("[data-slot=review]")).to_contain_text("× 2")
    order = api_order(shop, place(shop))
    assert at_store_total(order, answer.value.json())


def lose_the_answer(route: Route) -> None:
    """The request reaches the store, which acts; its answer never reaches the shop."""
    route.fetch()
    route.abort("connectionreset")


def test_a_lost_order_answer_leads_to_the_order_not_a_second_one(shop: Shop, faults: None):
    page = to_checkout(shop, "e-book-membaca")
    fill_contact(page, "hilang@example.com")
    choose_payment(page, "QRIS")
    shop.traffic.expect_console_error("ERR_CONNECTION_RESET")
    shop.traffic.expect_console_error("Failed to fetch")
    page.route(f"{shop.live.api_base}/**/public/checkout", lose_the_answer, times=1)
    page.locator(PLACE).click()
    shop.wait_ready("order")
    made = orders_for(shop, "hilang@example.com")
    assert len(made) == 1 and page.url.endswith(made[0]["secret_slug"])
    expect(page.locator("#cart-count")).to_have_text("0")
    expect(page.locator(".pay-qris img.qr")).to_be_visible()


def test_when_it_cannot_tell_yet_it_says_so_and_a_reload_finds_the_order(shop: Shop, faults: None):
    page = to_checkout(shop, "e-book-membaca")
    fill_contact(page, "ragu@example.com")
    choose_payment(page, "QRIS")
    for fragment in ("ERR_CONNECTION_RESET", "ERR_INTERNET_DISCONNECTED", "Failed to fetch"):
        shop.traffic.expect_console_error(fragment)
    api = shop.live.api_base
    page.route(f"{api}/**/public/checkout", lose_the_answer, times=1)
    page.route(f"{api}/**/public/cart", lambda route: route.abort("internetdisconnected"))  # still offline
    page.locator(PLACE).click()
    notice = page.locator("[data-slot=order-check]")
    expect(notice).to_contain_text("belum bisa memastikan apakah pesanan sudah masuk")
    expect(notice).to_be_focused()
    expect(page.locator(PLACE)).to_be_hidden()  # no second order while the first is unknown
    shop.screenshot("checkout-order-unknown")
    notice.locator("[data-slot=again]").click()  # still offline: still unknown, still one order
    expect(notice).to_contain_text("belum bisa memastikan")
    assert len(orders_for(shop, "ragu@example.com")) == 1
    page.unroute_all(behavior="ignoreErrors")
    page.reload()
    shop.wait_ready("order")
    made = orders_for(shop, "ragu@example.com")
    assert len(made) == 1 and page.url.endswith(made[0]["secret_slug"])


def hostile_links(route: Route) -> None:
    """The store's answer, with e-wallet addresses no page should follow."""
    response = route.fetch()
    order = response.json()
    order["pg_payment_info"] = {
        "actions": [
            {"url_type": "WEB", "url": "javascript:window.__pwned=1"},
            {"url_type": "DEEPLINK", "url": "data:text/html,<script>window.__pwned=2</script>"},
        ]
    }
    route.fulfill(response=response, body=json.dumps(order))


def test_addresses_from_the_store_are_followed_only_when_safe(shop: Shop, faults: None):
    config = shop.live.settings.config
    slug = guest_order(shop, "dana", "tautan.dana@example.com")
    page = shop.page
    page.route(f"{shop.live.api_base}/v3/stores/{config.store_unique_id}/public/orders/{slug}**", hostile_links)
    go(shop, f"/orders/{slug}", "order")
    link, app = page.locator(".pay a[data-slot=open]"), page.locator(".pay a[data-slot=app]")
    expect(link).to_be_hidden()
    expect(app).to_be_hidden()
    assert link.get_attribute("href") is None and app.get_attribute("href") is None
    shown = page.locator(".pay .unsafe-link")
    expect(shown).to_have_count(2)
    expect(shown.first).to_contain_text("javascript:window.__pwned=1")
    assert page.evaluate("window.__pwned") is None


@pytest.mark.parametrize("money", ["decimal", "plain", "number"])
def test_a_purchase_in_each_of_scalevs_money_forms(shop: Shop, money: str):
    assert control(shop, "PATCH", "/store", json={"money_format": money}).status_code == 200
    try:
        page = to_checkout(shop, "e-book-membaca", "kaos-katun-premium")
        expect(page.locator("#cart-total")).to_have_text("Rp128.000")
        fill_contact(page, f"uang.{money}@example.com")
        fill_delivery(page)
        with page.expect_response(lambda r: r.url.endswith("/public/checkout/summary") and r.ok) as answer:
            page.locator("label.choice", has_text="Transfer Bank").click()
        summary = answer.value.json()
        if money == "number":
            assert isinstance(summary["gross_revenue"], (int, float))
        else:
            assert isinstance(summary["gross_revenue"], str) and ("." in summary["gross_revenue"]) == (
                money == "decimal"
            )
        expect(page.locator("[data-slot=amounts] .amount-row").first).to_contain_text("Rp128.000")
        total = rupiah(summary["gross_revenue"])
        expect(page.locator("[data-slot=amounts] .total dd")).to_have_text(total)
        order = api_order(shop, place(shop))
        assert at_store_total(order, summary)
        expect(page.locator("[data-slot=amounts] .total dd")).to_have_text(rupiah(order["gross_revenue"]))
        expect(page.locator(".pay-bank")).to_contain_text(rupiah(order["gross_revenue"]))
    finally:
        control(shop, "PATCH", "/store", json={"money_format": "decimal"})


def test_an_older_courier_answer_never_replaces_a_newer_one(shop: Shop, faults: None):
    page = to_checkout(shop, "activelife-smart-bottle")
    fill_contact(page, "kurir@example.com")
    control(shop, "POST", "/faults", json={"path_contains": "/shipping-options", "latency_ms": 2500, "times": 1})
    since = len(shop.traffic.responses)
    places = (("cempaka", "Cempaka Putih", "10510"), ("coblong", "Coblong", "40131"))  # Jakarta (slow), Bandung
    for search, name, postal_code in places:
        page.fill("#co-location-search", search)
        page.locator("#co-location-results li", has_text=name).first.click()
        expect(page.locator("[data-slot=location-chosen]")).to_contain_text(name)
        page.select_option("#co-postal_code", postal_code)
    expect(page.locator("input[name=courier]").first).to_be_checked()
    newer = page.locator("label.choice:has(input[name=courier])").all_inner_texts()
    deadline = time.monotonic() + 10
    while sum("/shipping-options" in url for url, _ in shop.traffic.responses[since:]) < 2:  # the slow one, too
        assert time.monotonic() < deadline, "the delayed courier answer never came"
        page.wait_for_timeout(100)
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))")
    assert page.locator("label.choice:has(input[name=courier])").all_inner_texts() == newer
    expect(page.locator("[data-slot=location-chosen]")).to_contain_text("Coblong")
