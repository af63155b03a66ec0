"""The storefront's API client, run in CPython against the sandbox: every operation, typed
results, and the session flow against real tokens. A module fixture checks, after them all,
that together they sent every storefront operation of the spec."""

from __future__ import annotations

import re
import uuid
from decimal import Decimal

import httpx
import pytest

from httpx_transport import HttpxTransport
from storefront.api import ApiError, NetworkError, SessionExpired, StorefrontClient
from storefront.api.models import Location, OtpChallenge
from storefront.api.shapes import (
    BundleItem,
    Buyer,
    CustomerCheckout,
    Destination,
    GuestCheckout,
    Quote,
    ShippingAddress,
    ShippingChoice,
    VariantItem,
)
from storefront.config import SiteConfig

from .conftest import KEY, STORE
from .test_sandbox_operations import storefront_operations

pytestmark = pytest.mark.anyio
SENT: set[tuple[str, str]] = set()
JAKARTA = Destination(9089, "10510")


def operation_of(method: str, url: str) -> tuple[str, str] | None:
    path = url.split("?")[0].removeprefix("http://sandbox.test")
    for op_method, template in storefront_operations():
        if op_method == method and re.fullmatch(re.sub(r"\{[^/]+\}", "[^/]+", template), path):
            return op_method, template
    return None


@pytest.fixture
async def client(api: httpx.AsyncClient):
    client = StorefrontClient(SiteConfig("http://sandbox.test", STORE, KEY), HttpxTransport(api))
    yield client
    for request in client.sent:
        found = operation_of(request.method, request.url)
        if found:
            SENT.add(found)


async def test_catalog(client: StorefrontClient):
    total = await client.count_items()
    page = await client.list_items(page_size=10)
    rest = await client.list_items(page_size=10, cursor=page.next_cursor)
    assert len(page.items) + len(rest.items) == total and not rest.has_next
    bottle = next(c for c in page.items + rest.items if c.slug == "activelife-smart-bottle")
    assert bottle.price.low == Decimal("150000.00") and bottle.item_type == "physical"
    shirt = await client.get_product("kaos-katun-premium")
    assert shirt.option_names[:2] == ("Ukuran", "Warna") and ("M", "Putih", None) in [v.options for v in shirt.variants]
    bundle = await client.get_bundle("paket-botol-berdua")
    assert bundle.price == Decimal("279000.00") and bundle.lines[0].quantity == 2
    assert any(c.full_path == "E-Book" for c in await client.list_categories())
    pricing = {p.variant_id: p for p in await client.variant_pricing([510101, 510102])}
    assert pricing[510102].available is False and pricing[510101].price == Decimal("89000.00")
    assert (await client.variant_availability(510104)).stock_status == "low_stock"
    assert "qris" in {m.code for m in await client.list_payment_methods()}


async def test_catalog_reads_are_served_from_cache(client: StorefrontClient):
    await client.count_items()
    await client.count_items()
    assert len(client.sent) == 1


async def test_locations(client: StorefrontClient):
    jakarta = next(p for p in await client.list_provinces() if p.name == "DKI Jakarta")
    city = (await client.list_cities(jakarta.id))[0]
    sub = next(s for s in await client.list_subdistricts(city.id) if s.subdistrict_name == "Cempaka Putih")
    assert "10510" in await client.list_postal_codes(sub.id)
    found = await client.search_locations("cempaka")
    assert [l.id for l in found.items] == [9089]


async def test_guest_cart_and_checkout(client: StorefrontClient):
    cart = await client.add_to_cart(VariantItem(494535, 1))
    assert client.session.guest_token and cart.item_count == 1
    cart = await client.add_to_cart(BundleItem(31926))
    bundle_line = next(l for l in cart.lines if l.is_bundle)
    assert bundle_line.unique_id == "bundle_price_option_pSe2k31926"
    cart = await client.update_cart_item(cart.lines[0].id, 2)
    assert cart.item_count == 3
    cart = await client.remove_cart_item(bundle_line.id)
    assert (await client.get_cart()).item_count == 2
    options = await client.shipping_options(Quote(JAKARTA))
    courier = ShippingChoice(options[0].courier_service_id, options[0].warehouse_unique_id)
    summary = await client.checkout_summary(Quote(JAKARTA, courier, "bank_transfer"))
    assert summary.product_price == Decimal("300000.00") and summary.shipping_cost == options[0].cost
    discount = await client.check_discount("HEMAT10", Quote(JAKARTA, courier, "bank_transfer"))
    assert discount.is_eligible and discount.discount == Decimal("25000.00")
    order = await client.place_order(
        GuestCheckout(
            Buyer("Demo Customer", "demo.customer@example.com", "6281234567890"),
            Quote(JAKARTA, courier, "bank_transfer", "HEMAT10"),
            shipping=ShippingAddress(
                "Jl. Demo No. 3",
                Location(9089, "Cempaka Putih", "Kota Jakarta Pusat", "DKI Jakarta", "Cempaka Putih, …"),
                "10510",
            ),
        )
    )
    assert order.discount_code_discount == Decimal("25000.00") and order.payment_status == "unpaid"
    assert (await client.get_cart()).item_count == 0


async def test_field_errors_come_back_by_field(client: StorefrontClient):
    with pytest.raises(ApiError) as caught:
        await client.place_order(
            GuestCheckout(Buyer("", "nope"), Quote(payment_method="bank_transfer", items=(VariantItem(456601),)))
        )
    assert set(caught.value.field_errors) == {"customer_name", "customer_email"}


async def test_orders_payment_and_transfer_proof(client: StorefrontClient):
    order = await client.place_order(
        GuestCheckout(Buyer("A", "a@example.com"), Quote(payment_method="bank_transfer", items=(VariantItem(456601),)))
    )
    upload = await client.start_transfer_proof_upload(order.secret_slug, "bukti.png", "image/png", 12)
    await client.put_upload(upload, b"\x89PNG\r\n\x1a\n1234")
    updated = await client.update_order(
        order.secret_slug, transferproof_url=upload.file_url, financial_entity_id=order.accounts[0].financial_entity_id
    )
    assert updated.transferproof_url == upload.file_url and updated.payment_account_number
    va = await client.place_order(
        GuestCheckout(Buyer("B", "b@example.com"), Quote(payment_method="va_bni", items=(VariantItem(456601),)))
    )
    paid = await client.create_payment(va.secret_slug)
    assert paid.pg_payment_info["payment_method"]["virtual_account"]["channel_properties"]["virtual_account_number"]
    assert (await client.get_order(va.secret_slug)).pg_payment_info == paid.pg_payment_info


async def test_conversion_events_and_checkout_intents(client: StorefrontClient, api: httpx.AsyncClient, sandbox_app):
    await client.send_meta_events({"user_data": {}, "events": [{"event_id": "view_1", "event_name": "ViewContent"}]})
    await client.send_tiktok_events(
        {
            "event_source_url": "http://shop.test/",
            "user": {},
            "events": [{"event_id": "view_1", "event": "ViewContent"}],
        }
    )
    await client.send_snackvideo_events({"click_id": "c1", "events": [{"event_name": "contentView"}]})
    relayed = (await api.get("/__sandbox__/events")).json()["data"]
    assert [(e["channel"], e["payload"]["events"][0].get("event_id")) for e in relayed] == [
        ("meta", "view_1"),
        ("tiktok", "view_1"),
        ("snackvideo", None),
    ]
    intent = await client.start_checkout_intent(
        {"recaptcha_token": "t", "client_session_id": str(uuid.uuid4()), "form_widget_id": "storefront-checkout"}
    )
    assert intent["checkout_intent_token"].startswith("cit_")
    await client.update_checkout_intent(
        intent["id"], intent["checkout_intent_token"], {"sequence": 1, "fields": {"customer_name": "Budi"}}
    )
    stored = sandbox_app.state.sandbox.db.get("checkout_intent", intent["id"])
    assert stored["fields"]["customer_name"] == "Budi"


async def test_sign_in_merges_the_guest_cart_then_the_account(client: StorefrontClient):
    await client.add_to_cart(VariantItem(456601))
    profile = await client.login("siti@example.com", "Rahasia123!")
    assert profile.email == "siti@example.com" and client.session.signed_in
    assert (await client.get_cart(customer=False)).item_count == 0  # moved into the account's cart
    cart = await client.get_cart()  # signed in: the account's cart
    assert [l.variant_id for l in cart.lines] == [456601]
    cart = await client.add_to_cart(VariantItem(494535), customer=True)
    assert [(l.variant_id, l.quantity) for l in cart.lines] == [(456601, 1), (494535, 1)]
    cart = await client.update_cart_item(cart.lines[-1].id, 2, customer=True)
    assert cart.lines[-1].quantity == 2 and cart.item_count == 3
    cart = await client.remove_cart_item(cart.lines[-1].id, customer=True)
    assert [l.variant_id for l in cart.lines] == [456601]
    assert (await client.update_profile(name="Siti R.")).name == "Siti R."
    assert (await client.get_profile()).name == "Siti R."
    assert (await client.set_password("Rahasia123!")).email == "siti@example.com"
    address = await client.create_address(
        name="Rumah", phone="6281200000000", location_id=9089, address="Jl. Cempaka No. 1", postal_code="10510"
    )
    assert (await client.get_address(address.id)).address == "Jl. Cempaka No. 1"
    assert (await client.update_address(address.id, notes="Pagar biru")).notes == "Pagar biru"
    assert (await client.get_address(address.id)).notes == "Pagar biru"
    assert len((await client.list_addresses()).items) == 2
    await client.delete_address(address.id)
    remaining = [a.id for a in (await client.list_addresses()).items]
    assert len(remaining) == 1 and address.id not in remaining
    saved = (await client.checkout_addresses())[0]
    assert "qris" in (await client.checkout_payment_methods())["payment_methods"]
    options = await client.shipping_options(Quote(JAKARTA, items=(VariantItem(494535),)))
    summary = await client.checkout_summary(Quote(payment_method="qris", cart_id=cart.id))
    assert summary.shipping_cost == 0  # the cart holds a digital item only
    order = await client.customer_place_order(
        CustomerCheckout(
            Quote(
                courier=ShippingChoice(options[0].courier_service_id),
                payment_method="qris",
                items=(VariantItem(494535),),
            ),
            address_id=saved.id,
        )
    )
    orders = await client.list_orders()
    assert orders.items[0].order_id == order.order_id
    assert (await client.get_customer_order(order.id)).secret_slug == order.secret_slug


async def test_subscriptions_and_courses(client: StorefrontClient):
    await client.login("siti@example.com", "Rahasia123!")
    (sub,) = (await client.list_subscriptions()).items
    item = sub.items[0]
    assert (item.product_name, item.variant_name, item.price) == ("Kelas Premium Bulanan", "Pro", Decimal(199000))
    assert (await client.get_subscription(sub.id)).status == "active" and sub.can_cancel
    cancelled = await client.cancel_subscription(sub.id)
    assert cancelled.is_cancel_at_period_end and cancelled.can_resume and not cancelled.can_cancel
    assert not (await client.resume_subscription(sub.id)).is_cancel_at_period_end
    ups = await client.subscription_options(item.id, "upgrade")
    downs = await client.subscription_options(item.id, "downgrade")
    assert [(p.name, p.price) for p in ups] == [("Elite", Decimal(349000))]
    assert [p.name for p in downs] == ["Basic"]
    upgraded = await client.change_subscription_item(item.id, "upgrade", ups[0].id)
    assert upgraded.items[0].variant_name == "Elite"
    changed = await client.change_subscription_item(item.id, "downgrade", 530302)
    assert changed.items[0].status == "pending_downgrade"
    course = await client.get_course("0b7e5c1a-8f0e-4c52-9a3e-1f2d3c4b5a60")
    assert course.sections[0].title == "Modul 1: Pengenalan" and course.progress == 0
    section = await client.get_course_section(course.sections[0].uuid)
    content_id = section.contents[0].uuid
    assert (await client.get_course_content(content_id)).title == "Selamat Datang"
    done = await client.set_course_progress(content_id, 100)
    assert done.is_completed and done.progress == 100
    assert (await client.get_course("0b7e5c1a-8f0e-4c52-9a3e-1f2d3c4b5a60")).progress == 33  # 1 of 3 contents
    orders = await client.list_orders()
    owned = {line.variant for order in orders.items if order.is_paid for line in order.lines if line.is_lms_enabled}
    assert owned == {482457, 480615}  # the seeded purchases


async def test_otp_sign_in_refresh_and_logout(client: StorefrontClient, api: httpx.AsyncClient):
    await api.patch("/__sandbox__/store", json={"is_customer_otp_required": True})
    challenge = await client.login("andi@example.com", "Rahasia123!")
    assert isinstance(challenge, OtpChallenge)
    code = (await api.get("/__sandbox__/outbox")).json()["data"][-1]["otp"]
    await client.verify_otp("andi@example.com", code)
    first_refresh = client.session.refresh
    await client.refresh_tokens(stale_access=client.session.access)
    assert client.session.refresh != first_refresh
    await client.forgot_password("andi@example.com")
    link = (await api.get("/__sandbox__/outbox")).json()["data"][-1]["link"]
    await client.save_password(link.split("token=")[1], "SandiBaru2026")
    await client.logout()
    assert not client.session.signed_in
    with pytest.raises(SessionExpired):
        await client.get_profile()


async def test_a_revoked_session_signs_out_and_keeps_the_guest_cart(client: StorefrontClient, api: httpx.AsyncClient):
    await client.add_to_cart(VariantItem(456601))
    guest = client.session.guest_token
    await client.login("customer@example.com", "customer-password")
    await api.post(
        f"/v3/stores/{STORE}/public/auth/jwt/blacklist",
        headers={"X-Scalev-Storefront-Api-Key": KEY},
        json={"tokens": [client.session.refresh]},
    )
    with pytest.raises(SessionExpired):
        await client.get_profile()
    assert not client.session.signed_in and client.session.guest_token == guest


async def test_network_failure_is_its_own_kind():
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    async with httpx.AsyncClient(transport=httpx.MockTransport(refuse)) as http:
        client = StorefrontClient(SiteConfig("http://sandbox.test", STORE, KEY), HttpxTransport(http))
        client.retry = type(client.retry)(attempts=1)
        with pytest.raises(NetworkError):
            await client.count_items()


@pytest.fixture(scope="module", autouse=True)
def every_operation_is_sent(request: pytest.FixtureRequest):
    """After this module's tests, in whatever order they ran: together they sent every
    storefront operation of the spec (checked only when all of them ran)."""
    yield
    module_tests = [item for item in request.session.items if item.module is request.module]
    ran_all = len(module_tests) == len([n for n in dir(request.module) if n.startswith("test_")])
    if ran_all and not request.session.testsfailed:
        missing = set(storefront_operations()) - SENT
        assert not missing, sorted(missing)
