"""A store that follows Scalev's After Checkout flow sends the shopper to ``redirect_url``."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from preview.servers import stack

from .conftest import BOOT_TIMEOUT, recorded_page


def test_orders_follow_redirect_url_when_the_store_asks(browser: Browser, tmp_path):
    with stack(tmp_path / "site", build_env={"STOREFRONT_AFTER_CHECKOUT": "redirect_url"}) as live:
        context = browser.new_context()
        page, traffic = recorded_page(context)

        def ready(view: str) -> None:
            page.wait_for_selector(
                f"main[data-view={view}][data-view-state=ready]", state="attached", timeout=BOOT_TIMEOUT
            )

        page.goto(live.site_url + "/products/e-book-membaca")
        ready("product")
        page.locator("button[data-slot=add]").click()
        page.locator("#cart-checkout").click()
        ready("checkout")
        page.fill("#co-name", "Budi Santoso")
        page.fill("#co-email", "redirect@example.com")
        page.locator("label.choice", has_text="QRIS").click()
        expect(page.locator("[data-slot=amounts] .total")).to_be_visible()
        page.locator("button[data-slot=place]").click()
        page.wait_for_url(re.compile(r"/o/[A-Za-z0-9_-]{40}/success$"), timeout=30_000)
        assert page.url.startswith(live.site_url)  # the origin recorded at order creation
        context.close()
    # This site has no /o/… page of its own: the 404 document is the expected console line.
    assert [e for e in traffic.console_errors if "404" not in e] == []
