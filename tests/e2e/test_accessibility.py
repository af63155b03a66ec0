"""Accessibility of every screen of the guest journey, checked by axe-core (WCAG 2.1 A and AA).

axe is injected by the test, so this page's context bypasses the site's CSP; nothing of it
ships in the site.
"""

from __future__ import annotations

from pathlib import Path

import httpx
from playwright.sync_api import Browser, Page, expect

from .conftest import BOOT_TIMEOUT, Shop, Traffic, record

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def guest_order(shop: Shop) -> str:
    config = shop.live.settings.config
    response = httpx.post(
        f"{shop.live.api_base}/v3/stores/{config.store_unique_id}/public/checkout",
        headers={"X-Scalev-Storefront-Api-Key": config.storefront_api_key},
        json={
            "customer_name": "Aksesibel",
            "customer_email": "a11y@example.com",
            "payment_method": "bank_transfer",
            "items": [{"type": "variant", "variant_id": 456601, "quantity": 1}],
        },
    )
    return response.json()["secret_slug"]


def test_axe_reports_a_broken_page(browser: Browser):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.set_content("<html><body><img src='data:,'><button></button><input type='text'></body></html>")
    found = {v.split(" ")[0] for v in violations(page)}
    context.close()
    assert {"image-alt", "button-name", "label", "html-has-lang"} <= found


def test_every_screen_passes_axe(browser: Browser, shop: Shop):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    traffic = Traffic()
    record(page, traffic)
    found: dict[str, list[str]] = {}

    def ready(view: str) -> None:
        page.wait_for_selector(f"main[data-view={view}][data-view-state=ready]", state="attached", timeout=BOOT_TIMEOUT)

    page.goto(shop.url("/"))
    ready("catalog")
    found["catalog"] = violations(page)
    page.locator("main .card-link", has_text="Kaos Katun Premium").click()
    ready("product")
    found["product"] = violations(page)
    page.locator("button[data-slot=add]").click()
    expect(page.locator("#cart-drawer")).to_be_visible()
    found["cart drawer"] = violations(page)
    page.locator("#cart-checkout").click()
    ready("checkout")
    page.wait_for_selector("[data-slot=amounts][aria-busy=false]")
    found["checkout"] = violations(page)
    page.locator("button[data-slot=place]").click()  # with the field errors shown
    expect(page.locator("#co-name-error")).to_be_visible()
    found["checkout with errors"] = violations(page)
    page.goto(shop.url(f"/orders/{guest_order(shop)}"))
    ready("order")
    found["order page"] = violations(page)
    context.close()
    assert {screen: problems for screen, problems in found.items() if problems} == {}
    assert [e for e in traffic.console_errors if "404" not in e] == []


def test_a_phone_never_scrolls_sideways(browser: Browser, shop: Shop):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    widths = {}
    for path, view in (
        ("/", "catalog"),
        ("/products/tas-ransel-urban", "product"),
        ("/checkout", "checkout"),
        (f"/orders/{guest_order(shop)}", "order"),
    ):
        page.goto(shop.url(path))
        page.wait_for_selector(f"main[data-view={view}][data-view-state=ready]", state="attached", timeout=BOOT_TIMEOUT)
        widths[view] = page.evaluate("document.documentElement.scrollWidth")
        if view == "product":
            page.locator("button[data-slot=add]").click()
            expect(page.locator("#cart-drawer")).to_be_visible()
            widths["cart drawer"] = page.evaluate(
                "Math.round(document.getElementById('cart-drawer').getBoundingClientRect().right)"
            )
    context.close()
    assert widths == {view: 390 for view in widths}
