"""Product and bundle pages rendered at build time: readable without JavaScript, then taken
over by Python in place, with the live price."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from .conftest import BOOT_TIMEOUT, Shop, recorded_page
from .helpers import api, control

LAYOUT_SHIFTS = """
window.__shift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
}).observe({type: 'layout-shift', buffered: true});
"""


def test_a_product_page_reads_without_javascript(browser: Browser, shop: Shop):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(shop.url("/products/kaos-katun-premium"))
    expect(page.locator("main h1")).to_have_text("Kaos Katun Premium")
    expect(page.locator("main [data-slot=price]")).to_have_text("Rp89.000 – Rp99.000")
    expect(page.locator("main [data-slot=stock]")).to_have_text("Stok tersedia")
    expect(page.locator("main [data-slot=description]")).to_contain_text("Kaos katun combed")
    assert page.locator("main img[data-slot=image]").evaluate("img => img.complete && img.naturalWidth > 0")
    page.screenshot(path=str(shop.live.site_dir.parent / "prerendered-no-js.png"))
    context.close()


def test_python_takes_the_page_over_in_place(browser: Browser, shop: Shop):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    context.add_init_script(LAYOUT_SHIFTS)
    page, traffic = recorded_page(context)
    page.goto(shop.url("/bundles/paket-botol-berdua"))
    expect(page.locator("main h1")).to_have_text("Paket Botol Berdua")  # before Python too
    page.wait_for_selector("main[data-view=bundle][data-view-state=ready]", state="attached", timeout=BOOT_TIMEOUT)
    assert page.locator("main[data-prerendered]").count() == 0
    expect(page.locator("main .lines li")).to_have_count(1)  # Python's own, not twice
    page.locator("button[data-slot=add]").click()
    expect(page.locator("#cart-count")).to_have_text("1")
    assert page.evaluate("window.__shift") <= 0.1
    assert traffic.console_errors == []
    context.close()


def test_a_price_changed_since_the_build_is_shown_as_it_is_now(browser: Browser, shop: Shop):
    detail = api(shop, "GET", "/public/products/e-book-membaca").json()
    variant = detail["variants"][0]
    before = str(int(float(variant["price"])))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    try:
        assert control(shop, "PATCH", f"/variants/{variant['id']}", json={"price": "123000"}).status_code == 200
        page.goto(shop.url("/products/e-book-membaca"))
        page.wait_for_selector("main[data-view=product][data-view-state=ready]", state="attached", timeout=BOOT_TIMEOUT)
        expect(page.locator("main [data-slot=price]")).to_have_text("Rp123.000")
    finally:
        control(shop, "PATCH", f"/variants/{variant['id']}", json={"price": before})
        context.close()


def test_the_catalogs_first_page_reads_without_javascript_then_python_takes_it_over(browser: Browser, shop: Shop):
    static = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = static.new_page()
    page.goto(shop.url("/"))
    cards = page.locator("main .card:not(.skeleton)")
    expect(cards).to_have_count(12)
    expect(page.locator("main .card-link").first).to_have_attribute("href", re.compile(r"^/(products|bundles)/"))
    expect(cards.first.locator(".price")).to_have_text(re.compile(r"^Rp"))
    names = cards.locator(".card-title").all_inner_texts()
    static.close()
    live = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    live.add_init_script(LAYOUT_SHIFTS)
    page, traffic = recorded_page(live)
    page.goto(shop.url("/"))
    page.wait_for_selector("main[data-view=catalog][data-view-state=ready]", state="attached", timeout=BOOT_TIMEOUT)
    expect(page.locator("main .card .card-title")).to_have_text(names)  # the same cards, in the same order
    expect(page.locator("[data-slot=search]")).to_be_enabled()
    assert page.evaluate("window.__shift") <= 0.1
    assert traffic.console_errors == []
    live.close()
