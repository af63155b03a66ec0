"""The signed-in customer's area: profile, addresses, cart and checkout, orders,
subscriptions and courses."""

from __future__ import annotations

import pytest

from .conftest import Shopper

pytestmark = pytest.mark.anyio
NEW_LMS_UUID = "0b7e5c1a-8f0e-4c52-9a3e-1f2d3c4b5a60"
TIKTOK_ADS_UUID = "5d0c9e7a-2b41-4f6e-8a3d-7c1b2e9f0a42"


async def test_profile_read_update_and_password(shopper: Shopper):
    await shopper.sign_in()
    profile = (await shopper.call("GET", "/customers/me", auth=True)).json()
    assert profile["store"]["unique_id"].startswith("store_") and profile["is_generated_password_reset"] is False
    updated = (
        await shopper.call(
            "PATCH",
            "/customers/me",
            auth=True,
            json={"name": "Siti R.", "date_of_birth": "1994-08-17", "sex": "female"},
        )
    ).json()
    assert updated["customer"]["name"] == "Siti R." and updated["customer"]["date_of_birth"] == "1994-08-17"
    for bad in ({"email": "x@example.com"}, {"date_of_birth": "17/08/1994"}, {"name": ""}, {"is_unsubscribe": "yes"}):
        assert (await shopper.call("PATCH", "/customers/me", auth=True, json=bad)).status_code == 400
    assert (
        await shopper.call("POST", "/customers/me/set-new-password", auth=True, json={"password": "KataSandiBaru1"})
    ).status_code == 200
    await shopper.sign_in(password="KataSandiBaru1")


async def test_address_book(shopper: Shopper):
    await shopper.sign_in()
    listed = (await shopper.call("GET", "/customers/me/addresses", auth=True)).json()
    assert listed["is_paginated"] is True and len(listed["data"]) == 1
    body = {
        "name": "Kantor",
        "phone": "6281299990000",
        "email": "siti@example.com",
        "location_id": 9105,
        "address": "Jl. Tebet Raya No. 5",
        "postal_code": "12810",
        "notes": "Lantai 3",
    }
    created = await shopper.call("POST", "/customers/me/addresses", auth=True, json=body)
    assert created.status_code == 200
    address = created.json()
    assert address["location"]["subdistrict_name"] == "Tebet"
    patched = (
        await shopper.call("PATCH", f"/customers/me/addresses/{address['id']}", auth=True, json={"notes": "Lobi"})
    ).json()
    assert patched["notes"] == "Lobi" and patched["address"] == body["address"]
    wrong_code = await shopper.call(
        "PATCH", f"/customers/me/addresses/{address['id']}", auth=True, json={"postal_code": "10510"}
    )
    assert wrong_code.status_code == 400
    assert (await shopper.call("POST", "/customers/me/addresses", auth=True, json={"name": "x"})).status_code == 400
    assert (await shopper.call("DELETE", f"/customers/me/addresses/{address['id']}", auth=True)).status_code == 204
    assert (await shopper.call("GET", f"/customers/me/addresses/{address['id']}", auth=True)).status_code == 404


async def test_an_address_is_private_to_its_customer(shopper: Shopper):
    await shopper.sign_in()
    mine = (await shopper.call("GET", "/customers/me/addresses", auth=True)).json()["data"][0]["id"]
    await shopper.sign_in("customer@example.com", "customer-password")
    assert (await shopper.call("GET", f"/customers/me/addresses/{mine}", auth=True)).status_code == 404


async def test_customer_checkout_from_the_cart_with_a_saved_address(shopper: Shopper):
    await shopper.sign_in()
    cart = (
        await shopper.call(
            "POST", "/customers/me/cart/items", auth=True, json={"type": "variant", "variant_id": 510105, "quantity": 2}
        )
    ).json()
    methods = (await shopper.call("GET", "/customers/me/checkout/payment-methods", auth=True)).json()
    assert "va_bca" in methods["payment_methods"] and methods["payment_accounts"][0]["financial_entity_code"] == "bni"
    address = (await shopper.call("GET", "/customers/me/checkout/addresses", auth=True)).json()["data"][0]
    options = (
        await shopper.call(
            "POST",
            "/customers/me/checkout/shipping-options",
            auth=True,
            json={"cart_id": cart["id"], "location_id": 9089, "postal_code": "10510"},
        )
    ).json()["data"]
    summary = (
        await shopper.call(
            "POST",
            "/customers/me/checkout/summary",
            auth=True,
            json={
                "cart_id": cart["id"],
                "location_id": 9089,
                "postal_code": "10510",
                "courier_service_id": options[0]["courier_service_id"],
                "payment_method": "va_bca",
            },
        )
    ).json()
    assert summary["product_price"] == "190000.00" and summary["service_fee"] == "4000.00"
    order = await shopper.call(
        "POST",
        "/customers/me/checkout",
        auth=True,
        json={
            "cart_id": cart["id"],
            "address_id": address["id"],
            "payment_method": "va_bca",
            "courier_service_id": options[0]["courier_service_id"],
        },
    )
    assert order.status_code == 201
    placed = order.json()
    assert placed["customer"]["email"] == "siti@example.com" and placed["customer_id"] == 28024
    assert (await shopper.call("GET", "/customers/me/cart", auth=True)).json()["items"] == []
    listed = (await shopper.call("GET", "/customers/me/orders", auth=True)).json()
    assert listed["data"][0]["order_id"] == placed["order_id"]  # newest first, before the seeded purchases
    assert [o["payment_status"] for o in listed["data"][1:]] == ["paid", "paid"]
    detail = (await shopper.call("GET", f"/customers/me/orders/{placed['id']}", auth=True)).json()
    assert detail["orderlines"][0]["variant_option1_value"] == "L" and detail["final_variants"]
    await shopper.sign_in("customer@example.com", "customer-password")
    assert (await shopper.call("GET", f"/customers/me/orders/{placed['id']}", auth=True)).status_code == 404


async def test_another_customers_cart_cannot_be_checked_out(shopper: Shopper):
    await shopper.sign_in()
    cart = (
        await shopper.call(
            "POST", "/customers/me/cart/items", auth=True, json={"type": "variant", "variant_id": 456601}
        )
    ).json()
    await shopper.sign_in("customer@example.com", "customer-password")
    response = await shopper.call(
        "POST", "/customers/me/checkout", auth=True, json={"cart_id": cart["id"], "payment_method": "qris"}
    )
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "cart_id"


async def test_subscription_cancel_resume_upgrade_downgrade(shopper: Shopper):
    await shopper.sign_in()
    (listed,) = (await shopper.call("GET", "/customers/me/subscriptions", auth=True)).json()["data"]
    assert listed["status"] == "active" and listed["subscription_items"][0]["variant"]["name"] == "Pro"
    assert (await shopper.call("GET", "/customers/me/subscriptions", auth=True, params={"status": "canceled"})).json()[
        "data"
    ] == []
    sub_id, item_id = listed["id"], listed["subscription_items"][0]["id"]
    ups = (await shopper.call("GET", f"/customers/me/subscription-items/{item_id}/upgrade", auth=True)).json()["data"]
    downs = (await shopper.call("GET", f"/customers/me/subscription-items/{item_id}/downgrade", auth=True)).json()[
        "data"
    ]
    assert [v["name"] for v in ups] == ["Elite"] and [v["name"] for v in downs] == ["Basic"]
    bad = await shopper.call(
        "POST", f"/customers/me/subscription-items/{item_id}/upgrade", auth=True, json={"variant_id": 530301}
    )
    assert bad.status_code == 400
    upgraded = (
        await shopper.call(
            "POST", f"/customers/me/subscription-items/{item_id}/upgrade", auth=True, json={"variant_id": ups[0]["id"]}
        )
    ).json()
    assert upgraded["subscription_items"][0]["variant_id"] == 530303
    assert upgraded["subscription_items"][0]["pending_action"]["status"] == "completed"
    downgraded = (
        await shopper.call(
            "POST", f"/customers/me/subscription-items/{item_id}/downgrade", auth=True, json={"variant_id": 530302}
        )
    ).json()
    assert downgraded["subscription_items"][0]["status"] == "pending_downgrade"
    assert downgraded["subscription_items"][0]["pending_action"]["execution_type"] == "at_period_end"
    cancelled = (await shopper.call("POST", f"/customers/me/subscriptions/{sub_id}/cancel", auth=True)).json()
    assert cancelled["is_cancel_at_period_end"] is True
    assert (await shopper.call("POST", f"/customers/me/subscriptions/{sub_id}/cancel", auth=True)).status_code == 400
    resumed = (await shopper.call("POST", f"/customers/me/subscriptions/{sub_id}/resume", auth=True)).json()
    assert resumed["is_cancel_at_period_end"] is False
    assert (await shopper.call("POST", f"/customers/me/subscriptions/{sub_id}/resume", auth=True)).status_code == 400
    await shopper.sign_in("customer@example.com", "customer-password")
    assert (await shopper.call("GET", f"/customers/me/subscriptions/{sub_id}", auth=True)).status_code == 404


async def test_courses_are_open_only_to_owners_and_track_progress(shopper: Shopper):
    await shopper.sign_in()
    course = (await shopper.call("GET", f"/customers/me/variants/{NEW_LMS_UUID}/course", auth=True)).json()
    assert course["product_name"] == "New LMS" and len(course["course_sections"]) == 2
    section = course["course_sections"][0]
    content = section["course_contents"][0]
    assert content["progress"] == {"updated_at": None, "progress": 0.0, "is_completed": False}
    updated = (
        await shopper.call(
            "PATCH", f"/customers/me/course-contents/{content['uuid']}", auth=True, json={"progress": 100}
        )
    ).json()
    assert updated["progress"]["is_completed"] is True
    again = (await shopper.call("GET", f"/customers/me/course-sections/{section['uuid']}", auth=True)).json()
    assert again["progress"]["progress"] == 50.0
    for bad in (150, -1, "half", True):
        response = await shopper.call(
            "PATCH", f"/customers/me/course-contents/{content['uuid']}", auth=True, json={"progress": bad}
        )
        assert response.status_code == 400
    await shopper.sign_in("customer@example.com", "customer-password")
    for path in (
        f"/customers/me/variants/{NEW_LMS_UUID}/course",
        f"/customers/me/course-sections/{section['uuid']}",
        f"/customers/me/course-contents/{content['uuid']}",
    ):
        response = await shopper.call("GET", path, auth=True)
        assert response.status_code == 404


async def test_a_paid_order_opens_the_course(shopper: Shopper):
    await shopper.sign_in("customer@example.com", "customer-password")
    path = f"/customers/me/variants/{TIKTOK_ADS_UUID}/course"
    assert (await shopper.call("GET", path, auth=True)).status_code == 404
    order = (
        await shopper.call(
            "POST",
            "/customers/me/checkout",
            auth=True,
            json={"items": [{"type": "variant", "variant_id": 480615, "quantity": 1}], "payment_method": "qris"},
        )
    ).json()
    assert (await shopper.call("GET", path, auth=True)).status_code == 404  # unpaid
    await shopper.api.post(f"/__sandbox__/orders/{order['secret_slug']}/pay")
    course = (await shopper.call("GET", path, auth=True)).json()
    assert course["product_name"] == "TikTok Ads Mastery: Dari Nol Sampai Cuan"
