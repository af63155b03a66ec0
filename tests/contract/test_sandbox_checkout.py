"""Checkout: shipping, summary, discounts and order creation, all recomputed by the server."""

from __future__ import annotations

from decimal import Decimal

import pytest

from .conftest import BUYER, Shopper

pytestmark = pytest.mark.anyio
JAKARTA = {"location_id": 9089, "postal_code": "10510"}
BOTTLE = [{"type": "variant", "variant_id": 494535, "quantity": 1}]
EBOOK = [{"type": "variant", "variant_id": 456601, "quantity": 1}]


async def test_payment_methods_never_offer_no_payment(shopper: Shopper):
    methods = (await shopper.call("GET", "/public/payment-methods")).json()["data"]
    codes = {m["code"] for m in methods}
    assert {"bank_transfer", "qris", "va_bca", "gopay", "cod", "card"} <= codes and "no_payment" not in codes
    assert all(m["enabled"] for m in methods)
    assert next(m for m in methods if m["code"] == "card")["requires_redirect"] is True


async def test_shipping_depends_on_destination_weight_and_cod(shopper: Shopper):
    near = (
        await shopper.call("POST", "/public/checkout/shipping-options", json={"items": BOTTLE, "destination": JAKARTA})
    ).json()["data"]
    far = (
        await shopper.call(
            "POST",
            "/public/checkout/shipping-options",
            json={"items": BOTTLE, "destination": {"location_id": 9501, "postal_code": "80221"}},
        )
    ).json()["data"]
    heavy = (
        await shopper.call(
            "POST",
            "/public/checkout/shipping-options",
            json={"items": [{"type": "variant", "variant_id": 494535, "quantity": 5}], "destination": JAKARTA},
        )
    ).json()["data"]
    cost = lambda rows, sid: Decimal(next(r["cost"] for r in rows if r["courier_service_id"] == sid))  # noqa: E731
    assert len({r["courier_code"] for r in near}) >= 4
    assert cost(far, 123) > cost(near, 123) and cost(heavy, 123) > cost(near, 123)
    assert [Decimal(r["cost"]) for r in near] == sorted(Decimal(r["cost"]) for r in near)
    cod = (
        await shopper.call(
            "POST",
            "/public/checkout/shipping-options",
            json={"items": BOTTLE, "destination": JAKARTA, "payment_method": "cod"},
        )
    ).json()["data"]
    assert cod and all(r["is_cod"] for r in cod) and len(cod) < len(near)


async def test_digital_only_orders_need_no_shipping(shopper: Shopper):
    rows = await shopper.call(
        "POST", "/public/checkout/shipping-options", json={"items": EBOOK, "destination": JAKARTA}
    )
    assert rows.json() == {"data": [], "is_paginated": False}
    summary = (await shopper.call("POST", "/public/checkout/summary", json={"items": EBOOK})).json()
    assert Decimal(summary["shipping_cost"]) == 0


async def test_summary_ignores_a_client_shipping_cost_and_adds_fees(shopper: Shopper):
    body = {"items": BOTTLE, "destination": JAKARTA, "courier_service_id": 123, "payment_method": "bank_transfer"}
    honest = (await shopper.call("POST", "/public/checkout/summary", json=body)).json()
    cheeky = (await shopper.call("POST", "/public/checkout/summary", json={**body, "shipping_cost": "0"})).json()
    assert honest == cheeky
    assert honest == {
        "product_price": "150000.00",
        "shipping_cost": "9000.00",
        "other_income": "6500.00",
        "other_income_name": "Biaya Penanganan",
        "service_fee": "0.00",
        "gross_revenue": "165500.00",
    }
    qris = (await shopper.call("POST", "/public/checkout/summary", json={**body, "payment_method": "qris"})).json()
    assert Decimal(qris["service_fee"]) == Decimal("1159")  # 0.7 % of 165 500, rounded up
    nested = (
        await shopper.call(
            "POST",
            "/public/checkout/summary",
            json={
                "items": BOTTLE,
                "destination": JAKARTA,
                "selected_shipping_option": {
                    "courier_service_id": 48,
                    "warehouse_unique_id": "warehouse_FN9odhpi1VOF7FLxMhtiWdJo",
                },
            },
        )
    ).json()
    assert nested["shipping_cost"] == "12000.00"
    wrong = await shopper.call("POST", "/public/checkout/summary", json={**body, "courier_service_id": 999})
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["field"] == "courier_service_id"


async def test_the_summary_uses_the_guest_cart_when_no_items_are_sent(shopper: Shopper):
    await shopper.add(494535, 2)
    summary = (await shopper.call("POST", "/public/checkout/summary", json={"destination": JAKARTA})).json()
    assert summary["product_price"] == "300000.00"
    empty = Shopper(shopper.api)
    response = await empty.call("POST", "/public/checkout/summary", json={})
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "items"


@pytest.mark.parametrize(
    ("code", "extra", "eligible", "discount", "failed"),
    [
        ("HEMAT10", {}, True, "25000.00", None),  # 10 % of 379 000 capped at 25 000
        ("hemat10", {}, True, "25000.00", None),
        ("PROMO10", {}, True, "10000.00", None),
        ("NOPE", {}, False, "0.00", "is_found"),
        ("LEBARAN2025", {}, False, "0.00", "is_expiry_check"),
        ("HABIS", {}, False, "0.00", "is_usage_limit_check"),
        ("QRISAJA", {"payment_method": "bank_transfer"}, False, "0.00", "is_limited_to_payment_methods_check"),
        ("QRISAJA", {"payment_method": "qris"}, True, "5000.00", None),
    ],
)
async def test_discount_codes(shopper: Shopper, code, extra, eligible, discount, failed):
    body = {
        "code": code,
        "items": [{"type": "bundle_price_option", "bundle_price_option_id": 31925, "quantity": 1}],
        **extra,
    }
    result = (await shopper.call("POST", "/public/discount-codes/check", json=body)).json()
    assert (result["is_eligible"], result["discount_code_discount"]) == (eligible, discount)
    assert (result["discount_code"] is not None) == eligible
    if failed:
        assert result["eligibility_details"][failed] is False


async def test_shipping_codes_need_the_minimum_and_apply_to_shipping(shopper: Shopper):
    small = {"code": "ONGKIRHEMAT", "items": EBOOK}
    assert (await shopper.call("POST", "/public/discount-codes/check", json=small)).json()["is_eligible"] is False
    body = {"items": BOTTLE, "destination": JAKARTA, "courier_service_id": 91, "discount_code_code": "ONGKIRHEMAT"}
    summary = (await shopper.call("POST", "/public/checkout/summary", json=body)).json()
    assert summary["gross_revenue"] == "156500.00"  # 150 000 + (7 000 - 7 000) + 6 500


async def test_a_physical_order_is_created_and_the_cart_cleared(shopper: Shopper):
    await shopper.add(494535, 1)
    response = await shopper.call(
        "POST",
        "/public/checkout",
        json={**BUYER, "payment_method": "bank_transfer", "courier_service_id": 123, "notes": "Titip satpam"},
    )
    assert response.status_code == 201 and response.headers["x-scalev-guest-token"] == shopper.guest_token
    order = response.json()
    assert (order["status"], order["payment_status"], order["payment_method"]) == ("pending", "unpaid", "bank_transfer")
    assert len(order["order_id"]) == 12 and order["order_id"][:6].isdigit() and len(order["secret_slug"]) == 40
    assert order["redirect_url"].endswith(f"/o/{order['secret_slug']}/success")
    unique = Decimal(order["unique_code_discount"])
    assert 100 <= unique < 500
    assert Decimal(order["gross_revenue"]) == Decimal("150000") + Decimal("9000") + Decimal("6500") - unique
    assert order["destination_address"]["subdistrict"] == "Cempaka Putih"
    assert order["courier_service"]["name"] == "JNE Reguler"
    assert order["store"]["payment_accounts"][0]["financial_entity"]["code"] == "bni"
    assert (await shopper.call("GET", "/public/cart")).json()["items"] == []
    availability = (await shopper.call("GET", "/public/variants/494535/availability")).json()
    assert availability["available_qty"] == 11


async def test_direct_items_win_over_the_cart_and_the_cart_is_still_cleared(shopper: Shopper):
    await shopper.add(510103, 2)
    order = (
        await shopper.call(
            "POST",
            "/public/checkout",
            json={
                "customer_name": "Budi Santoso",
                "customer_email": "budi@example.com",
                "payment_method": "bank_transfer",
                "items": [{"type": "bundle_price_option", "bundle_price_option_id": 31925, "quantity": 1}],
            },
        )
    ).json()
    assert [l["product_name"] for l in order["orderlines"]] == ["Paket Hemat 3 Kelas"]
    assert order["shipping_cost"] == "0.00" and order["destination_address"] is None
    assert (await shopper.call("GET", "/public/cart")).json()["items"] == []


async def test_the_cheapest_courier_is_chosen_when_none_is_named(shopper: Shopper):
    order = (
        await shopper.call("POST", "/public/checkout", json={**BUYER, "items": BOTTLE, "payment_method": "qris"})
    ).json()
    assert order["courier_service"]["name"] == "Ninja Xpress Standard" and order["shipping_cost"] == "7000.00"


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"customer_name": "", "customer_email": "not-an-email"}, {"customer_name", "customer_email"}),
        ({"customer_phone": "call me"}, {"customer_phone"}),
        ({"payment_method": "bitcoin"}, {"payment_method"}),
        ({"payment_method": None}, {"payment_method"}),
        ({"shipping_location_id": None, "location_id": None}, {"shipping_location_id"}),
        ({"shipping_postal_code": "99999"}, {"postal_code"}),
        ({"shipping_postal_code": None}, {"postal_code"}),  # a parcel needs one
        ({"shipping_postal_code": ""}, {"postal_code"}),
        ({"sub_payment_method": "BCA"}, {"sub_payment_method"}),
        ({"items": [{"type": "variant", "variant_id": 494535, "quantity": 101}]}, {"items[0].quantity"}),
    ],
)
async def test_checkout_validation_names_the_fields(shopper: Shopper, change, fields):
    body = {**BUYER, "items": BOTTLE, "payment_method": "bank_transfer", **change}
    body = {k: v for k, v in body.items() if not (k in ("payment_method", "shipping_postal_code") and v is None)}
    response = await shopper.call("POST", "/public/checkout", json=body)
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == fields


async def test_no_payment_and_cod_rules(shopper: Shopper):
    response = await shopper.call(
        "POST", "/public/checkout", json={**BUYER, "items": BOTTLE, "payment_method": "no_payment"}
    )
    assert response.status_code == 400 and response.json()["error_code"] == "invalid_payment_method"
    digital_cod = await shopper.call(
        "POST", "/public/checkout", json={**BUYER, "items": EBOOK, "payment_method": "cod"}
    )
    assert digital_cod.status_code == 400 and digital_cod.json()["error_code"] == "cod_not_available"
    not_cod_courier = await shopper.call(
        "POST", "/public/checkout", json={**BUYER, "items": BOTTLE, "payment_method": "cod", "courier_service_id": 48}
    )
    assert not_cod_courier.status_code == 400
    cod = await shopper.call("POST", "/public/checkout", json={**BUYER, "items": BOTTLE, "payment_method": "cod"})
    assert cod.status_code == 201 and cod.json()["pg_payment_info"] == {}


async def test_an_identical_order_submitted_twice_is_created_once(shopper: Shopper):
    body = {**BUYER, "items": BOTTLE, "payment_method": "bank_transfer"}
    first = (await shopper.call("POST", "/public/checkout", json=body)).json()
    second = (await shopper.call("POST", "/public/checkout", json=body)).json()
    assert first["secret_slug"] == second["secret_slug"]
    other = (await shopper.call("POST", "/public/checkout", json={**body, "customer_email": "lain@example.com"})).json()
    assert other["secret_slug"] != first["secret_slug"]
    assert (await shopper.call("GET", "/public/variants/494535/availability")).json()["available_qty"] == 10


async def test_an_order_cannot_take_more_than_is_in_stock(shopper: Shopper):
    body = {
        **BUYER,
        "items": [{"type": "variant", "variant_id": 494535, "quantity": 13}],
        "payment_method": "bank_transfer",
    }
    response = await shopper.call("POST", "/public/checkout", json=body)
    assert response.status_code == 400 and response.json()["errors"][0]["code"] == "out_of_stock"


async def test_a_discount_code_is_applied_to_the_order(shopper: Shopper):
    order = (
        await shopper.call(
            "POST",
            "/public/checkout",
            json={
                **BUYER,
                "items": BOTTLE,
                "payment_method": "qris",
                "courier_service_id": 123,
                "discount_code_code": "PROMO10",
            },
        )
    ).json()
    assert order["discount_code_code"] == "PROMO10" and order["discount_code_discount"] == "10000.00"
    assert order["product_discount"] == "10000.00"
    expected = Decimal(150000 - 10000 + 9000 + 6500) + Decimal(order["service_fee"])
    assert Decimal(order["gross_revenue"]) == expected


async def test_a_buyer_the_store_lists_as_spam_gets_an_order_marked_probable_spam(shopper: Shopper, api):
    settings = await api.patch("/__sandbox__/store", json={"spam_emails": ["Bot@Example.com"]})
    assert settings.json()["spam_emails"] == ["bot@example.com"]
    flagged = await shopper.call(
        "POST",
        "/public/checkout",
        json={**BUYER, "customer_email": "bot@example.com", "items": EBOOK, "payment_method": "qris"},
    )
    honest = await shopper.call("POST", "/public/checkout", json={**BUYER, "items": EBOOK, "payment_method": "qris"})
    assert flagged.json()["is_probably_spam"] is True and honest.json()["is_probably_spam"] is False
    assert (await api.patch("/__sandbox__/store", json={"spam_emails": [3]})).status_code == 400
