"""Conversion-event relays and checkout intents."""

from __future__ import annotations

import uuid

import pytest

from .conftest import BUYER, Shopper

pytestmark = pytest.mark.anyio
VARIANTS = [{"variant_unique_id": "variant_aLs9Bt1x", "quantity": 1}]


async def test_meta_tiktok_and_snackvideo_events_are_recorded(shopper: Shopper):
    meta = {
        "event_source_url": "https://shop.example.com/products/activelife-smart-bottle",
        "user_data": {"em": "buyer@example.com", "fbp": "fb.1.1710000000000.1234567890"},
        "events": [{"event_id": "add_to_cart_123", "event_name": "AddToCart", "parameters": {"value": 150000}}],
        "variants": VARIANTS,
    }
    tiktok = {
        "event_source_url": "https://shop.example.com/checkout",
        "user": {"ttclid": "ttclid_value"},
        "events": [{"event_id": "260601HPQSPBX-CompletePayment-FORM", "event": "CompletePayment"}],
    }
    snack = {"click_id": "snackvideo_click_id", "events": [{"event_name": "purchase", "properties": {"value": 150000}}]}
    for channel, body in (("meta", meta), ("tiktok", tiktok), ("snackvideo", snack)):
        response = await shopper.call(
            "POST", f"/public/analytics/{channel}/events", json=body, headers={"User-Agent": "Mozilla/5.0 test"}
        )
        assert response.status_code == 204 and response.content == b""
    events = (await shopper.api.get("/__sandbox__/events")).json()["data"]
    assert [e["channel"] for e in events] == ["meta", "tiktok", "snackvideo"]
    assert events[0]["payload"]["events"][0]["event_id"] == "add_to_cart_123"
    assert events[0]["client_ip"] == "127.0.0.1" and events[0]["user_agent"] == "Mozilla/5.0 test"


@pytest.mark.parametrize(
    ("channel", "body"),
    [
        ("meta", {"events": [{"event_id": "x", "event_name": "ViewContent"}]}),
        ("meta", {"user_data": {}, "events": [{"event_name": "ViewContent"}]}),
        ("tiktok", {"user": {}, "events": [{"event_id": "x", "event": "ViewContent"}]}),
        ("snackvideo", {"events": [{"event_name": "purchase"}]}),
        (
            "meta",
            {
                "user_data": {},
                "events": [{"event_id": "x", "event_name": "y"}],
                "variants": [{"variant_unique_id": "v", "quantity": 0}],
            },
        ),
    ],
)
async def test_relays_reject_incomplete_payloads(shopper: Shopper, channel, body):
    assert (await shopper.call("POST", f"/public/analytics/{channel}/events", json=body)).status_code == 400


async def test_checkout_intent_start_resume_update_and_complete(shopper: Shopper):
    session = str(uuid.uuid4())
    start = {
        "recaptcha_token": "token",
        "client_session_id": session,
        "form_widget_id": "storefront-checkout",
        "fields": {"customer_name": "Budi"},
        "items": [{"type": "variant", "variant_id": 494535, "quantity": 1}],
    }
    first = await shopper.call("POST", "/public/checkout-intents", json=start)
    assert first.status_code == 201
    intent = first.json()
    assert intent["checkout_intent_token"].startswith("cit_") and intent["status"] == "active"
    resumed = (await shopper.call("POST", "/public/checkout-intents", json=start)).json()
    assert resumed["id"] == intent["id"] and resumed["checkout_intent_token"] != intent["checkout_intent_token"]
    path = f"/public/checkout-intents/{intent['id']}"
    stale = await shopper.call(
        "PATCH", path, json={"sequence": 1}, headers={"X-Scalev-Checkout-Intent-Token": intent["checkout_intent_token"]}
    )
    assert stale.status_code == 401
    token = {"X-Scalev-Checkout-Intent-Token": resumed["checkout_intent_token"]}
    assert (
        await shopper.call(
            "PATCH", path, json={"sequence": 2, "fields": {"customer_email": "budi@example.com"}}, headers=token
        )
    ).status_code == 204
    assert (
        await shopper.call(
            "PATCH", path, json={"sequence": 1, "fields": {"customer_email": "lama@example.com"}}, headers=token
        )
    ).status_code == 204
    unknown_field = await shopper.call("PATCH", path, json={"sequence": 3, "fields": {"password": "x"}}, headers=token)
    assert unknown_field.status_code == 422
    order = await shopper.call(
        "POST",
        "/public/checkout",
        json={
            **BUYER,
            "items": start["items"],
            "payment_method": "bank_transfer",
            "checkout_intent_token": resumed["checkout_intent_token"],
        },
    )
    assert order.status_code == 201
    again = await shopper.call("POST", "/public/checkout-intents", json=start)
    assert again.status_code == 409 and again.json()["error_code"] == "checkout_intent_completed"
    assert (await shopper.call("PATCH", path, json={"sequence": 9}, headers=token)).status_code == 409


async def test_checkout_intents_check_recaptcha_and_required_fields(shopper: Shopper):
    base = {"recaptcha_token": "fail", "client_session_id": str(uuid.uuid4()), "form_widget_id": "storefront-checkout"}
    failed = await shopper.call("POST", "/public/checkout-intents", json=base)
    assert failed.status_code == 422 and failed.json()["error_code"] == "recaptcha_failed"
    missing = await shopper.call("POST", "/public/checkout-intents", json={"form_widget_id": "x"})
    assert missing.status_code == 400
    a_bad_token_never_blocks_an_order = await shopper.call(
        "POST",
        "/public/checkout",
        json={
            **BUYER,
            "items": [{"type": "variant", "variant_id": 456601}],
            "payment_method": "qris",
            "checkout_intent_token": "cit_unknown",
        },
    )
    assert a_bad_token_never_blocks_an_order.status_code == 201
