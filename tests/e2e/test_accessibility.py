"""Accessibility of every screen of the guest journey, checked by axe-core (WCAG 2.1 A and AA).

axe is injected by the test, so this page's context bypasses the site's CSP; nothing of it
ships in the site.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from .conftest import BOOT_TIMEOUT, Shop, Traffic, recorded_page
from .helpers import guest_order

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def test_axe_reports_a_broken_page(browser: Browser):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.set_content("<html><body><img src='data:,'><button></button><input type='text'></body></html>")
    found = {v.split(" ")[0] for v in violations(page)}
    context.close()
    assert {"image-alt", "button-name", "label", "html-has-lang"} <= found


def test_every_screen_passes_axe(browser: Browser, shop: Shop):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page, traffic = recorded_page(context)
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
    page.goto(shop.url(f"/orders/{guest_order(shop, 'bank_transfer', 'a11y@example.com', variant_id=456601)}"))
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
        (f"/orders/{guest_order(shop, 'bank_transfer', 'a11y@example.com', variant_id=456601)}", "order"),
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


ACCOUNT_SCREENS = (
    ("/account", "account"),
    ("/account/profile", "account_profile"),
    ("/account/addresses", "account_addresses"),
    ("/account/orders", "account_orders"),
    ("/account/subscriptions", "account_subscriptions"),
    ("/account/courses", "account_courses"),
    ("/account/courses/new-lms", "account_course"),
)


def signed_in_page(browser: Browser, shop: Shop, **context: object) -> tuple[Page, Traffic]:
    """A new profile in which Siti has just signed in (through the form)."""
    page, traffic = recorded_page(browser.new_context(**context))  # type: ignore[arg-type]
    page.goto(shop.url("/signin"))
    page.wait_for_selector("main[data-view=signin][data-view-state=ready]", state="attached", timeout=BOOT_TIMEOUT)
    page.fill("#si-email", "siti@example.com")
    page.fill("#si-password", "Rahasia123!")
    page.keyboard.press("Enter")
    page.wait_for_selector("main[data-view=account][data-view-state=ready]", state="attached", timeout=BOOT_TIMEOUT)
    return page, traffic


def open_in_app(page: Page, path: str, view: str) -> None:
    page.evaluate(
        "p => { const a = document.createElement('a'); a.href = p; document.body.append(a); a.click(); a.remove(); }",
        path,
    )
    page.wait_for_selector(f"main[data-view={view}][data-view-state=ready]", state="attached", timeout=BOOT_TIMEOUT)


def test_the_sign_in_and_account_screens_pass_axe(browser: Browser, shop: Shop):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found: dict[str, list[str]] = {}
    page.goto(shop.url("/signin"))
    page.wait_for_selector("main[data-view=signin][data-view-state=ready]", state="attached", timeout=BOOT_TIMEOUT)
    page.locator("form[data-slot=password-step] button[type=submit]").click()
    expect(page.locator("#si-email-error")).to_be_visible()
    found["sign in with errors"] = violations(page)
    for path, view in (("/forgot-password", "forgot_password"), ("/reset-password?token=x", "reset_password")):
        open_in_app(page, path, view)
        found[view] = violations(page)
    open_in_app(page, "/signin", "signin")
    page.fill("#si-email", "siti@example.com")
    page.fill("#si-password", "Rahasia123!")
    page.keyboard.press("Enter")
    page.wait_for_selector("main[data-view=account][data-view-state=ready]", state="attached", timeout=BOOT_TIMEOUT)
    for path, view in ACCOUNT_SCREENS:
        open_in_app(page, path, view)
        if view == "account_course":
            page.locator(".lesson-link").first.click()
            expect(page.locator(".lesson-body h2")).to_be_visible()
        found[view] = violations(page)
    page.locator("#account-button").click()
    found["account menu"] = violations(page)
    page.keyboard.press("Escape")
    open_in_app(page, "/account/addresses", "account_addresses")
    page.locator("button[data-slot=add]").click()
    expect(page.locator("#ad-province option").nth(1)).to_be_attached()
    found["address form"] = violations(page)
    page.locator(".address-card [data-slot=delete]").first.click()
    found["confirmation"] = violations(page)
    page.locator("#sf-confirm [data-slot=no]").click()
    context.close()
    assert {screen: problems for screen, problems in found.items() if problems} == {}


def test_the_account_screens_fit_a_phone(browser: Browser, shop: Shop):
    page, traffic = signed_in_page(
        browser, shop, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    widths = {"account": page.evaluate("document.documentElement.scrollWidth")}
    for path, view in ACCOUNT_SCREENS[1:]:
        open_in_app(page, path, view)
        widths[view] = page.evaluate("document.documentElement.scrollWidth")
    page.locator("#account-button").click()
    widths["account menu"] = page.evaluate(
        "Math.round(document.getElementById('account-list').getBoundingClientRect().right)"
    )
    page.context.close()
    assert {view: width for view, width in widths.items() if width > 390} == {}
    assert [e for e in traffic.console_errors if "404" not in e] == []
