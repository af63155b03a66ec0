"""Single-page navigation: Python boots once per visit; links, back and forward stay in the app."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from .conftest import Shop, recorded_page
from .helpers import go


def to_catalog(shop: Shop) -> None:
    """Back to the catalog through the header link, inside the app."""
    shop.page.locator("header a.brand").click()
    shop.wait_ready("catalog")
    expect(shop.page.locator("main .card:not(.skeleton)").first).to_be_visible()


def test_links_change_view_and_url_without_reloading_the_page(shop: Shop):
    page = shop.page
    to_catalog(shop)
    page.evaluate("window.__visit = 'same page'")
    page.locator("main .card-link", has_text="Kaos Katun Premium").click()
    shop.wait_ready("product")
    assert page.url == shop.url("/products/kaos-katun-premium")
    expect(page.locator("main h1")).to_have_text("Kaos Katun Premium")
    expect(page.locator("main [data-slot=price]")).to_have_text("Rp89.000")  # the first size in stock
    assert page.evaluate("document.activeElement.tagName") == "H1"
    assert page.title().startswith("Kaos Katun Premium")
    assert page.evaluate("window.__visit") == "same page"
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    shop.screenshot("product")


def test_back_and_forward_replay_views_without_refetching_the_catalog(shop: Shop):
    page = shop.page
    to_catalog(shop)
    page.evaluate("window.__visit = 'same page'")
    page.locator("main .card-link", has_text="Kaos Katun Premium").click()
    shop.wait_ready("product")
    before = len(shop.traffic.requests)
    page.go_back()
    shop.wait_ready("catalog")
    expect(page.locator("main .card:not(.skeleton)").first).to_be_visible()
    assert page.url == shop.url("/")
    assert [u for u in shop.traffic.api_calls(shop.live.api_base, before) if "/public/items" in u] == []
    page.go_forward()
    shop.wait_ready("product")
    expect(page.locator("main h1")).to_have_text("Kaos Katun Premium")
    assert page.evaluate("window.__visit") == "same page"


def test_header_link_returns_to_the_catalog_in_app(shop: Shop):
    page = shop.page
    go(shop, "/products/e-book-membaca", "product")
    page.evaluate("window.__visit = 'same page'")
    page.locator("header a.brand").click()
    shop.wait_ready("catalog")
    assert page.evaluate("window.__visit") == "same page"


def test_a_deep_link_opened_directly_renders_its_route(shop: Shop):
    shop.open("/bundles/paket-hemat-3-kelas")
    page = shop.page
    expect(page.locator("main h1")).to_have_text("Paket Hemat 3 Kelas")
    expect(page.locator("main [data-slot=price]")).to_have_text("Rp379.000")
    expect(page.locator("main [data-slot=lines] li")).to_have_count(3)
    expect(page.locator("main [data-slot=lines] li").first).to_have_text("1 × CuanMastery 4.0")
    shop.screenshot("bundle")
    page.locator("main a.back").click()
    shop.wait_ready("catalog")


def test_an_unknown_address_shows_the_not_found_view_with_status_404(browser: Browser, shop: Shop):
    context = browser.new_context()
    page, traffic = recorded_page(context)
    response = page.goto(shop.url("/no/such/page"))
    assert response is not None and response.status == 404
    page.wait_for_selector("main[data-view=not_found][data-view-state=ready]", state="attached", timeout=90_000)
    expect(page.locator("main h1")).to_have_text("Halaman tidak ditemukan")
    # The only console error is Chromium's own note about the 404 document itself.
    assert [e for e in traffic.console_errors if "404" not in e] == []
    assert traffic.off_machine() == []
    context.close()


def test_an_unknown_product_says_so(shop: Shop):
    # Chromium logs the API's 404 answer for the product itself.
    shop.traffic.expect_console_error("status of 404")
    shop.open("/products/tidak-ada")
    expect(shop.page.locator("main h1")).to_have_text("Produk tidak ditemukan.")
    shop.page.locator("header a.brand").click()
    shop.wait_ready("catalog")


def test_the_skip_link_jumps_to_the_content(shop: Shop):
    page = shop.page
    go(shop, "/products/e-book-membaca", "product")
    page.evaluate("window.__visit = 'skip link'")
    page.locator("a.skip-link").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#main'")
    assert page.evaluate("document.activeElement.id") == "main"  # the next Tab starts in the content
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")
    assert page.evaluate("window.__visit") == "skip link"
