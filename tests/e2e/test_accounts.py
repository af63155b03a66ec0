"""Signed-in customers in Chromium: sign-in (password and code), password reset through the
emailed link, profile, addresses, checkout from the account, orders, subscriptions, courses,
sign-out, a session that ends in the middle of checkout, and two tabs.

The customer shops in a browser profile of their own (``customer_shop``); each test signs in
as it needs and leaves the store's data as it found it, so the tests run in any order."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from .conftest import Shop
from .helpers import api, control, go, outbox, wait_ready

SITI = ("siti@example.com", "Rahasia123!")
ANDI = ("andi@example.com", "Rahasia123!")


def stored_tokens(page: Page) -> tuple[str, str]:
    return page.evaluate(
        "[localStorage.getItem('scalev_customer_token'), localStorage.getItem('scalev_customer_refresh_token')]"
    )


def sign_out(shop: Shop) -> None:
    page = shop.page
    if page.locator("#account-menu").is_visible():
        page.locator("#account-button").click()
        page.locator("#signout-button").click()
        expect(page.locator("#signin-link")).to_be_visible()


def sign_in(shop: Shop, who: tuple[str, str] = SITI, *, via: str = "/signin", then: str = "account") -> None:
    """Signs in through the form (signing out first when someone else is signed in)."""
    sign_out(shop)
    go(shop, via, "signin")
    page = shop.page
    page.fill("#si-email", who[0])
    page.fill("#si-password", who[1])
    page.locator("form[data-slot=password-step] button[type=submit]").click()
    wait_ready(page, then)
    expect(page.locator("#account-menu")).to_be_visible()


@pytest.fixture
def signed_in(customer_shop: Shop) -> Iterator[Shop]:
    """Siti, signed in."""
    page = customer_shop.page
    if page.locator("#cart-drawer").is_visible():  # left open by a test that failed: it would cover the page
        page.locator("#cart-close").click()
    if not page.locator("#account-menu").is_visible() or page.locator("#account-name").inner_text() != "Siti Rahmawati":
        sign_in(customer_shop)
    yield customer_shop


@pytest.fixture
def otp_store(customer_shop: Shop) -> Iterator[None]:
    control(customer_shop, "PATCH", "/store", json={"is_customer_otp_required": True})
    yield
    control(customer_shop, "PATCH", "/store", json={"is_customer_otp_required": False})


def test_an_account_page_asks_to_sign_in_and_comes_back_after(customer_shop: Shop):
    shop, page = customer_shop, customer_shop.page
    sign_out(shop)
    go(shop, "/account/orders", "signin")
    assert page.url.endswith("/signin?next=%2Faccount%2Forders")
    shop.traffic.expect_console_error("status of 401")
    page.fill("#si-email", "siti@example.com")
    page.fill("#si-password", "salah-sandi")
    page.locator("form[data-slot=password-step] button[type=submit]").click()
    expect(page.locator("form[data-slot=password-step] [data-slot=form-error]")).to_have_text(
        "Email atau kata sandi salah."
    )
    page.fill("#si-password", SITI[1])
    page.keyboard.press("Enter")
    wait_ready(page, "account_orders")
    expect(page.locator("#account-name")).to_have_text("Siti Rahmawati")
    expect(page.locator(".order-row").first).to_be_visible()
    shop.screenshot("account-orders")


def test_sign_in_with_a_code_on_a_store_that_sends_one(customer_shop: Shop, otp_store: None):
    shop, page = customer_shop, customer_shop.page
    sign_out(shop)
    go(shop, "/signin", "signin")
    page.fill("#si-email", ANDI[0])
    page.fill("#si-password", ANDI[1])
    page.keyboard.press("Enter")
    code_form = page.locator("form[data-slot=code-step]")
    expect(code_form).to_be_visible()
    expect(code_form).to_contain_text("Jika andi@example.com terdaftar di toko ini")
    expect(page.locator("[data-slot=resend]")).to_be_disabled()
    expect(page.locator("[data-slot=resend]")).to_contain_text(re.compile(r"Kirim ulang dalam \d+ detik"))
    shop.screenshot("signin-code")
    code = outbox(shop)[-1]["otp"]
    shop.traffic.expect_console_error("status of 401")
    page.fill("#si-code", "12345")
    page.keyboard.press("Enter")
    expect(page.locator("#si-code-error")).to_have_text("Kode terdiri dari 6 angka.")
    page.fill("#si-code", "000000" if code != "000000" else "111111")
    page.keyboard.press("Enter")
    expect(code_form.locator("[data-slot=form-error]")).to_have_text("Kode salah atau sudah kedaluwarsa.")
    page.fill("#si-code", code)
    page.keyboard.press("Enter")
    wait_ready(page, "account")
    expect(page.locator("#account-name")).to_have_text("Andi Pratama")


def test_an_expired_code_says_so(customer_shop: Shop, otp_store: None):
    shop, page = customer_shop, customer_shop.page
    sign_out(shop)
    go(shop, "/signin", "signin")
    page.fill("#si-email", ANDI[0])
    page.fill("#si-password", ANDI[1])
    page.keyboard.press("Enter")
    expect(page.locator("form[data-slot=code-step]")).to_be_visible()
    code = outbox(shop)[-1]["otp"]
    control(shop, "POST", "/otp/expire")
    shop.traffic.expect_console_error("status of 401")
    page.fill("#si-code", code)
    page.keyboard.press("Enter")
    expect(page.locator("form[data-slot=code-step] [data-slot=form-error]")).to_have_text(
        "Kode sudah kedaluwarsa. Minta kode baru."
    )


def test_an_unknown_email_is_answered_like_a_known_one(customer_shop: Shop, otp_store: None):
    shop, page = customer_shop, customer_shop.page
    sign_out(shop)
    go(shop, "/signin", "signin")
    sent_before = len(outbox(shop))
    page.fill("#si-email", "tidak-terdaftar@example.com")
    page.fill("#si-password", "apa-saja-123")
    page.keyboard.press("Enter")
    expect(page.locator("form[data-slot=code-step]")).to_contain_text("Jika tidak-terdaftar@example.com terdaftar")
    assert len(outbox(shop)) == sent_before  # nothing was sent: there is no account


def test_a_password_reset_through_the_emailed_link(customer_shop: Shop):
    shop, page = customer_shop, customer_shop.page
    sign_out(shop)
    go(shop, "/signin", "signin")
    page.locator("[data-slot=forgot]").click()
    wait_ready(page, "forgot_password")
    page.fill("#fp-email", ANDI[0])
    page.keyboard.press("Enter")
    expect(page.locator("[data-slot=sent]")).to_contain_text("Jika andi@example.com terdaftar")
    link = outbox(shop)[-1]["link"]
    assert link.startswith(shop.url("/reset-password?token="))
    try:
        page.goto(link)  # the emailed link opens the shop itself
        wait_ready(page, "reset_password")
        expect(page.locator("[data-slot=rules]")).to_have_text(re.compile("Minimal 8 karakter"))
        page.fill("#rp-password", "SandiBaru2026")
        page.fill("#rp-confirm", "SandiBaru2025")
        page.keyboard.press("Enter")
        expect(page.locator("#rp-confirm-error")).to_have_text("Kedua kata sandi tidak sama.")
        page.fill("#rp-confirm", "SandiBaru2026")
        page.keyboard.press("Enter")
        expect(page.locator("[data-slot=done]")).to_be_visible()
        shop.screenshot("reset-done")
        shop.traffic.expect_console_error("status of 400")
        page.goto(link)  # the same link again: used
        wait_ready(page, "reset_password")
        page.fill("#rp-password", "SandiLagi2026")
        page.fill("#rp-confirm", "SandiLagi2026")
        page.keyboard.press("Enter")
        expect(page.locator("[data-slot=dead-link]")).to_contain_text("sudah kedaluwarsa atau sudah dipakai")
        sign_in(shop, (ANDI[0], "SandiBaru2026"))
    finally:
        tokens = api(shop, "POST", "/public/auth/login", json={"email": ANDI[0], "password": "SandiBaru2026"})
        if tokens.status_code == 200:
            api(
                shop,
                "POST",
                "/customers/me/set-new-password",
                token=tokens.json()["access"],
                json={"password": ANDI[1]},
            )


def test_a_reset_page_without_a_token_offers_a_new_link(customer_shop: Shop):
    customer_shop.page.goto(customer_shop.url("/reset-password"))
    wait_ready(customer_shop.page, "reset_password")
    dead = customer_shop.page.locator("[data-slot=dead-link]")
    expect(dead).to_contain_text("Tautan ini tidak lengkap")
    expect(dead.locator("a")).to_have_attribute("href", "/forgot-password")


def test_the_profile_is_edited_and_the_header_follows(signed_in: Shop):
    shop, page = signed_in, signed_in.page
    go(shop, "/account/profile", "account_profile")
    expect(page.locator("#pf-name")).to_have_value(re.compile("Siti"))
    page.fill("#pf-phone", "12")
    page.locator("form[data-slot=form] button[type=submit]").click()
    expect(page.locator("#pf-phone-error")).to_be_visible()
    page.fill("#pf-phone", "0812 3456 7890")
    page.fill("#pf-name", "Siti R.")
    page.locator("form[data-slot=form] button[type=submit]").click()
    expect(page.locator("form[data-slot=form] [data-slot=message]")).to_have_text("Profil tersimpan.")
    expect(page.locator("#account-name")).to_have_text("Siti R.")
    shop.screenshot("account-profile")
    page.fill("#pf-name", "Siti Rahmawati")
    page.locator("form[data-slot=form] button[type=submit]").click()
    expect(page.locator("#account-name")).to_have_text("Siti Rahmawati")


def test_an_address_is_added_edited_made_default_and_deleted(signed_in: Shop):
    shop, page = signed_in, signed_in.page
    go(shop, "/account/addresses", "account_addresses")
    cards = page.locator(".address-card")
    expect(cards).to_have_count(1)
    page.locator("button[data-slot=add]").click()
    page.fill("#ad-name", "Kantor")
    page.fill("#ad-phone", "081298765432")
    page.locator("form[data-slot=form] button[type=submit]").click()
    expect(page.locator("#ad-location-error")).to_be_visible()
    page.fill("#ad-location-search", "gambir")
    expect(page.locator("#ad-location-results li").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("form[data-slot=form] [data-slot=location-chosen]")).to_contain_text("Gambir")
    page.select_option("#ad-postal_code", index=1)
    page.fill("#ad-address", "Jl. Medan Merdeka Barat No. 1")
    page.locator("form[data-slot=form] button[type=submit]").click()
    expect(cards).to_have_count(2)
    kantor = cards.filter(has_text="Kantor")
    expect(kantor).to_contain_text("Gambir")
    kantor.locator("[data-slot=edit]").click()
    expect(page.locator("#ad-address")).to_have_value("Jl. Medan Merdeka Barat No. 1")
    page.fill("#ad-address", "Jl. Medan Merdeka Barat No. 2")
    page.locator("form[data-slot=form] button[type=submit]").click()
    expect(kantor).to_contain_text("No. 2")
    kantor.locator("[data-slot=make-default]").click()
    expect(kantor.locator("[data-slot=default]")).to_be_visible()
    shop.screenshot("account-addresses")
    kantor.locator("[data-slot=delete]").click()
    dialog = page.locator("#sf-confirm")
    expect(dialog).to_be_visible()
    dialog.locator("[data-slot=no]").click()
    expect(cards).to_have_count(2)
    kantor.locator("[data-slot=delete]").click()
    dialog.locator("[data-slot=yes]").click()
    expect(cards).to_have_count(1)
    expect(page.locator("main [data-slot=message]").last).to_have_text("Alamat dihapus.")
    expect(cards.first.locator("[data-slot=default]")).to_be_visible()  # the one left is the default again


def test_checkout_from_the_account_with_a_saved_address_then_the_order_is_listed(signed_in: Shop):
    shop, page = signed_in, signed_in.page
    go(shop, "/products/activelife-smart-bottle", "product")
    page.locator("button[data-slot=add]").click()
    expect(page.locator("#cart-drawer")).to_be_visible()
    page.locator("#cart-checkout").click()
    wait_ready(page, "checkout")
    expect(page.locator("[data-slot=signed-in]")).to_have_text("Masuk sebagai Siti Rahmawati (siti@example.com)")
    expect(page.locator("[data-slot=contact]")).to_be_hidden()
    saved = page.locator("input[name=address_choice]").first
    expect(saved).to_be_checked()
    expect(page.locator("[data-slot=new-address]")).to_be_hidden()
    expect(page.locator("input[name=courier]").first).to_be_checked()
    page.locator("label.choice", has_text="QRIS").click()
    expect(page.locator("[data-slot=amounts] .total")).to_be_visible()
    shop.screenshot("checkout-signed-in")
    page.locator("button[data-slot=place]").click()
    wait_ready(page, "order")
    number = page.locator("main h1").inner_text().removeprefix("Pesanan ")
    expect(page.locator("#cart-count")).to_have_text("0")
    go(shop, "/account/orders", "account_orders")
    first = page.locator(".order-row").first
    expect(first).to_contain_text(number)
    expect(first).to_contain_text("ActiveLife")
    first.locator("a").click()
    wait_ready(page, "account_order")
    expect(page.locator("main h1")).to_have_text(f"Pesanan {number}")
    expect(page.locator(".pay-qris img.qr")).to_be_visible()  # the same payment instructions


def test_a_subscription_is_stopped_then_kept(signed_in: Shop):
    shop, page = signed_in, signed_in.page
    go(shop, "/account/subscriptions", "account_subscriptions")
    page.locator("a[data-slot=manage]").first.click()
    wait_ready(page, "account_subscription")
    expect(page.locator("main [data-slot=status]")).to_have_text("Aktif")
    page.locator("button[data-slot=cancel]").click()
    page.locator("#sf-confirm [data-slot=yes]").click()
    expect(page.locator("main [data-slot=status]")).to_have_text("Berhenti di akhir periode")
    expect(page.locator("main [data-slot=period]")).to_contain_text("tidak diperpanjang")
    expect(page.locator("button[data-slot=cancel]")).to_be_hidden()
    shop.screenshot("account-subscription")
    page.locator("button[data-slot=resume]").click()
    page.locator("#sf-confirm [data-slot=yes]").click()
    expect(page.locator("main [data-slot=status]")).to_have_text("Aktif")
    expect(page.locator("main [data-slot=message]")).to_have_text("Langganan berlanjut.")
    page.locator("button[data-slot=upgrade]").first.click()
    options = page.locator("[data-slot=options] .plan-option")
    expect(options).to_have_count(1)
    expect(options).to_contain_text("Elite")


def test_a_course_the_customer_owns_opens_with_its_lessons(signed_in: Shop):
    shop, page = signed_in, signed_in.page
    go(shop, "/account/courses", "account_courses")
    cards = page.locator("main .card")
    expect(cards).to_have_count(2)
    cards.filter(has_text="New LMS").locator("a").click()
    wait_ready(page, "account_course")
    expect(page.locator(".course-section")).to_have_count(2)
    page.locator(".lesson-link", has_text="Selamat Datang").click()
    lesson = page.locator(".lesson-body")
    expect(lesson.locator("h2")).to_have_text("Selamat Datang")
    expect(lesson.locator("[data-slot=watch]")).to_have_attribute("href", "https://videos.example/new-lms/welcome.mp4")
    expect(lesson.locator("[data-slot=text]")).to_have_text("Selamat datang di kelas.")
    shop.screenshot("account-course")


def test_a_course_not_owned_says_so_and_links_to_the_shop(signed_in: Shop):
    shop, page = signed_in, signed_in.page
    shop.traffic.expect_console_error("status of 404")
    go(shop, "/account/courses/kelas-jadi-cerdas", "account_course")
    notice = page.locator("[data-slot=not-owned]")
    expect(notice).to_contain_text("Anda belum memiliki kelas ini.")
    expect(notice.locator("a")).to_have_attribute("href", "/products/kelas-jadi-cerdas")


def test_sign_out_forgets_the_tokens_and_the_api_refuses_them(signed_in: Shop):
    shop, page = signed_in, signed_in.page
    access, refresh = stored_tokens(page)
    assert api(shop, "GET", "/customers/me", token=access).status_code == 200
    sign_out(shop)
    assert stored_tokens(page) == [None, None]
    assert api(shop, "GET", "/customers/me", token=access).status_code == 401
    assert api(shop, "POST", "/public/auth/jwt/refresh", json={"refresh": refresh}).status_code == 401
    expect(page.locator("#cart-count")).to_have_text("0")  # the guest's cart again


def test_a_session_that_ends_during_checkout_loses_nothing_typed(signed_in: Shop):
    shop, page = signed_in, signed_in.page
    go(shop, "/products/e-book-membaca", "product")
    before = int(page.locator("#cart-count").inner_text() or 0)
    page.locator("button[data-slot=add]").click()
    expect(page.locator("#cart-count")).to_have_text(str(before + 1))
    page.locator("#cart-checkout").click()
    wait_ready(page, "checkout")
    page.fill("#co-notes", "Tolong kirim invoice ke email")
    page.fill("#co-discount_code", "PROMO10")
    access, refresh = stored_tokens(page)
    assert api(shop, "POST", "/public/auth/jwt/blacklist", json={"tokens": [access, refresh]}).status_code == 204
    shop.traffic.expect_console_error("status of 401")
    page.locator("label.choice", has_text="Transfer Bank").click()  # asks the store, and the session is gone
    wait_ready(page, "signin")
    expect(page.locator("#sf-alert")).to_be_visible()  # said on the page it led to
    expect(page.locator("#sf-alert")).to_contain_text("Sesi Anda berakhir")
    assert page.url.endswith("/signin?next=%2Fcheckout")
    page.fill("#si-email", SITI[0])
    page.fill("#si-password", SITI[1])
    page.keyboard.press("Enter")
    wait_ready(page, "checkout")
    expect(page.locator("#sf-alert")).to_be_hidden()  # it said why on the sign-in page, and no further
    expect(page.locator("#co-notes")).to_have_value("Tolong kirim invoice ke email")
    expect(page.locator("#co-discount_code")).to_have_value("PROMO10")
    expect(page.locator("input[name=payment_method][value=bank_transfer]")).to_be_checked()
    page.locator("#cart-button").click()
    page.locator("#cart-lines li", has_text="E-Book Membaca").locator("[data-slot=remove]").click()
    expect(page.locator("#cart-count")).to_have_text(str(before))  # the account's cart as it was
    page.locator("#cart-close").click()


def test_two_tabs_follow_each_others_sign_in_and_sign_out(signed_in: Shop):
    shop, page = signed_in, signed_in.page
    other = page.context.new_page()
    try:
        other.goto(shop.url("/account/profile"))
        wait_ready(other, "account_profile")
        expect(other.locator("#account-name")).to_have_text("Siti Rahmawati")
        sign_out(shop)
        expect(other.locator("#signin-link")).to_be_visible()
        wait_ready(other, "signin")  # it was on an account page: it asks to sign in again
        assert other.url.endswith("/signin?next=%2Faccount%2Fprofile")
        sign_in(shop)
        wait_ready(other, "account_profile")  # and goes back where it was
        expect(other.locator("#account-name")).to_have_text("Siti Rahmawati")
    finally:
        other.close()


def test_the_account_screens_in_english(signed_in: Shop):
    shop, page = signed_in, signed_in.page
    go(shop, "/account/subscriptions", "account_subscriptions")
    page.locator("#language-switch").click()
    wait_ready(page, "account_subscriptions")
    try:
        expect(page.locator("main h1")).to_have_text("Subscriptions")
        expect(page.locator(".subscription-row")).to_contain_text("per month")
        page.locator("#account-button").click()
        expect(page.locator("#signout-button")).to_have_text("Sign out")
        page.keyboard.press("Escape")
    finally:
        page.locator("#language-switch").click()
        wait_ready(page, "account_subscriptions")


def test_the_storage_of_another_version_does_not_break_the_header(signed_in: Shop):
    page = signed_in.page
    go(signed_in, "/account", "account")
    page.evaluate("localStorage.setItem('storefront_customer', '{not json')")
    page.reload()
    wait_ready(page, "account")
    expect(page.locator("#account-name")).to_have_text("Siti Rahmawati")  # read again from the profile
    assert json.loads(page.evaluate("localStorage.getItem('storefront_customer')"))["name"] == "Siti Rahmawati"


def test_two_tabs_renew_a_spent_access_token_once(signed_in: Shop):
    """Both tabs find the access token spent at the same moment; the refresh token is
    single-use, so only one of them may renew it (the other waits on the Web Lock and reads
    the new pair). Two renewals would spend one refresh token twice and end the session."""
    shop, page = signed_in, signed_in.page
    other = page.context.new_page()
    renewals: list[str] = []
    for tab in (page, other):
        tab.on("request", lambda r: renewals.append(r.url) if r.url.endswith("/auth/jwt/refresh") else None)
    try:
        other.goto(shop.url("/account/profile"))
        wait_ready(other, "account_profile")
        go(shop, "/account/profile", "account_profile")
        spent = stored_tokens(page)
        page.evaluate("localStorage.setItem('scalev_customer_token_expires_at', '1')")  # expired, in both tabs
        follow = "p => { const a = document.createElement('a'); a.href = p; document.body.append(a); a.click(); a.remove(); }"
        page.evaluate(follow, "/account/orders")
        other.evaluate(follow, "/account/orders")
        for tab in (page, other):
            wait_ready(tab, "account_orders")
            expect(tab.locator(".order-row").first).to_be_visible()
            expect(tab.locator("#account-name")).to_have_text("Siti Rahmawati")
        assert len(renewals) == 1
        renewed = stored_tokens(page)
        assert renewed[1] != spent[1] and stored_tokens(other) == renewed
        assert api(shop, "GET", "/customers/me", token=renewed[0]).status_code == 200
    finally:
        other.close()


NOTE_SPENT = """async (token) => {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
    const spent = token ? [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('').slice(0, 32) : null;
    const db = await new Promise((ok, fail) => { const r = indexedDB.open('storefront', 1);
        r.onupgradeneeded = () => r.result.createObjectStore('token-renewals'); r.onsuccess = () => ok(r.result); r.onerror = fail; });
    const tx = db.transaction('token-renewals', 'readwrite');
    if (spent) tx.objectStore('token-renewals').put(spent, 'spent'); else tx.objectStore('token-renewals').delete('spent');
    await new Promise((ok) => { tx.oncomplete = ok; }); db.close();
}"""


def test_a_tab_still_reading_a_spent_refresh_token_waits_for_the_new_one(signed_in: Shop):
    """What a tab whose localStorage lags behind another tab's renewal sees: the refresh token it
    reads is the one IndexedDB says was spent. It waits for its storage to catch up (here: the
    record cleared) before it renews; spending it at once would end the sign-in everywhere."""
    shop, page = signed_in, signed_in.page
    go(shop, "/account/profile", "account_profile")
    tokens = stored_tokens(page)
    renewals: list[float] = []
    page.on("request", lambda r: renewals.append(time.monotonic()) if r.url.endswith("/auth/jwt/refresh") else None)
    page.evaluate(NOTE_SPENT, tokens[1])  # as if another tab had just spent it
    page.evaluate("localStorage.setItem('scalev_customer_token_expires_at', '1')")
    page.locator("#account-button").click()
    page.locator("#account-menu a[href='/account/orders']").click()
    page.wait_for_selector("main[data-view=account_orders][data-view-state=loading]", state="attached")
    page.wait_for_function("() => true")  # one round trip more: an unguarded renewal would be on its way
    caught_up = time.monotonic()
    page.evaluate(NOTE_SPENT, "")  # the other tab's pair arrived (here: nothing was spent after all)
    wait_ready(page, "account_orders")
    expect(page.locator(".order-row").first).to_be_visible()
    assert len(renewals) == 1 and renewals[0] > caught_up  # renewed once, and only after catching up
    assert stored_tokens(page)[1] != tokens[1]
    expect(page.locator("#account-name")).to_have_text("Siti Rahmawati")
