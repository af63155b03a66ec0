"""The catalog, from the pre-rendered first paint to cards filled by Python."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

import build

from .conftest import Shop

PRICE = re.compile(r"^Rp\d{1,3}(\.\d{3})*( – Rp\d{1,3}(\.\d{3})*)?$")


def test_the_first_page_paints_before_python_and_without_javascript(browser: Browser, shop: Shop):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(shop.url("/"))
    expect(page.locator("h1")).to_have_text("Semua produk")
    expect(page.locator("main .card:not(.skeleton)")).to_have_count(12)  # rendered at build time
    expect(page.locator("main .card .price").first).to_have_text(PRICE)
    shop.screenshot("catalog-shell-before-python", page)
    context.close()
    marks = shop.page.evaluate(
        """() => ({
            fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
            python: performance.getEntriesByName('sf:python-ready')[0]?.startTime,
        })"""
    )
    assert marks["fcp"] is not None and marks["python"] is not None
    assert marks["fcp"] < marks["python"]


def test_python_boots_from_the_site_itself(shop: Shop):
    served = {url: status for url, status in shop.traffic.responses}
    wasm = shop.url(f"{build.Vendor.installed().pyodide}/pyodide.asm.wasm")
    assert served.get(wasm) == 200
    assert shop.page.evaluate("document.documentElement.dataset.py") == "ready"


def test_every_vendored_runtime_file_is_requested_and_nothing_fails(shop: Shop):
    vendored = {
        "/" + path.relative_to(shop.live.site_dir).as_posix()
        for path in (shop.live.site_dir / "vendor").rglob("*")
        if path.is_file()
    }
    requested = {url.removeprefix(shop.live.site_url) for url in shop.traffic.requests}
    assert vendored - requested == set(), "vendored but never requested"
    # The site's own files (other tests cut the API off or make it fail on purpose).
    site = shop.live.site_url + "/"
    assert [failure for failure in shop.traffic.failures if failure.startswith(site)] == []
    assert [u for u, s in shop.traffic.responses if s >= 400 and u.startswith(site)] == []


def test_cards_show_products_and_bundles_from_the_sandbox(shop: Shop):
    shop.page.evaluate("sessionStorage.clear()")  # a first visit: nothing read yet
    before = len(shop.traffic.requests)
    shop.open("/")
    page = shop.page
    expect(page.locator("[data-slot=count]")).to_have_text("16 produk")
    cards = page.locator("main .card:not(.skeleton)")
    expect(cards).to_have_count(12)
    bundles = page.locator('main .card[data-entity="bundle_price_option"]')
    assert bundles.count() >= 1
    expect(bundles.first.locator("[data-slot=bundle]")).to_be_visible()
    expect(page.locator('main .card[data-entity="product"] [data-slot=bundle]').first).to_be_hidden()
    shirt = page.locator("main .card", has_text="Kaos Katun Premium")
    expect(shirt.locator("[data-slot=price]")).to_have_text("Rp89.000 – Rp99.000")
    for price in cards.locator("[data-slot=price]").all_inner_texts():
        assert PRICE.match(price), price
    page.wait_for_function(
        "() => [...document.querySelectorAll('main .card img')].every(i => i.complete && i.naturalWidth > 0)"
    )
    calls = shop.traffic.api_calls(shop.live.api_base, before)
    assert any(u.endswith("/public/items/count") for u in calls)
    assert any("/public/items?page_size=12" in u for u in calls)
    shop.screenshot("catalog")


def test_load_more_fetches_the_next_page_with_the_cursor(shop: Shop):
    shop.open("/")
    page = shop.page
    more = page.locator("[data-slot=more]")
    expect(more).to_be_visible()
    before = len(shop.traffic.requests)
    more.click()
    expect(page.locator("main .card:not(.skeleton)")).to_have_count(16)
    expect(more).to_be_hidden()
    assert any("next_cursor=" in u for u in shop.traffic.api_calls(shop.live.api_base, before))


def test_reads_kept_by_another_version_are_discarded_and_read_again(shop: Shop):
    page = shop.page
    shop.open("/")
    spoiled = page.evaluate(
        """() => {
            const keys = Object.keys(sessionStorage).filter(k => k.startsWith('scalev_cache:'));
            for (const key of keys) {
                const [expires] = JSON.parse(sessionStorage.getItem(key));
                sessionStorage.setItem(key, JSON.stringify([expires, {data: 'x', items: 7, total: 'many'}]));
            }
            sessionStorage.setItem('storefront_checkout_draft', '{"name": 5, "location_id": "x", "notes": "Pagi"}');
            return keys.length;
        }"""
    )
    assert spoiled >= 2
    warnings: list[str] = []
    page.on("console", lambda message: warnings.append(message.text) if message.type == "warning" else None)
    shop.open("/")
    expect(page.locator("main .card:not(.skeleton)")).to_have_count(12)
    expect(page.locator("[data-slot=count]")).to_have_text("16 produk")
    assert len([w for w in warnings if "discarded the stored 'scalev_cache:" in w]) >= 2
    page.locator("main .card-link", has_text="Kaos Katun Premium").click()
    shop.wait_ready("product")
    page.locator("button[data-slot=add]").click()
    page.locator("#cart-checkout").click()
    shop.wait_ready("checkout")
    expect(page.locator("#co-notes")).to_have_value("Pagi")  # what could be read is kept
    expect(page.locator("#co-name")).to_have_value("")
    page.evaluate("sessionStorage.clear()")
