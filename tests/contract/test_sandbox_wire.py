"""What every answer carries: a request id; money in each of Scalev's documented forms; and a
physical order priced the same way by the summary and by checkout."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest

from scalev_sandbox import SandboxConfig

from .conftest import BUYER, KEY, ROOT, STORE, Shopper

pytestmark = pytest.mark.anyio
BOTTLES = [{"type": "bundle_price_option", "bundle_price_option_id": 31940, "quantity": 1}]
JAKARTA = {"location_id": 9089, "postal_code": "10510"}


async def test_every_answer_has_a_request_id(shopper: Shopper, api: httpx.AsyncClient):
    answers = [
        await shopper.call("GET", "/public/items/count"),
        await shopper.call("GET", "/public/products/no-such-product"),
        await api.get(f"{ROOT}/public/items/count"),  # no key: "Store not found"
        await api.get("/__sandbox__/health"),
    ]
    ids = [a.headers.get("x-request-id") for a in answers]
    assert all(i and i.startswith("req_") for i in ids) and len(set(ids)) == len(ids)


@pytest.mark.parametrize("form", ["decimal", "plain", "number"])
async def test_money_is_written_in_the_form_set(shopper: Shopper, api: httpx.AsyncClient, form: str):
    assert (await api.patch("/__sandbox__/store", json={"money_format": form})).json()["money_format"] == form
    card = (await shopper.call("GET", "/public/items", params={"page_size": 1})).json()["data"][0]
    summary = (
        await shopper.call("POST", "/public/checkout/summary", json={"items": BOTTLES, "destination": JAKARTA})
    ).json()
    order = (
        await shopper.call("POST", "/public/checkout", json={**BUYER, "items": BOTTLES, "payment_method": "qris"})
    ).json()
    values = [
        card["price_range"]["min"],
        summary["gross_revenue"],
        summary["shipping_cost"],
        order["gross_revenue"],
        order["orderlines"][0]["variant_price"],
    ]
    expected_type = {"decimal": str, "plain": str, "number": (int, float)}[form]
    assert all(isinstance(v, expected_type) for v in values), values
    if form == "decimal":
        assert all("." in v for v in values)
    if form == "plain":
        assert summary["shipping_cost"] == "9000" and "." not in card["price_range"]["min"]
    assert Decimal(str(summary["shipping_cost"])) == Decimal(9000)  # the same amount in every form
    await api.patch("/__sandbox__/store", json={"money_format": "decimal"})


async def test_a_money_form_the_sandbox_does_not_know_is_refused(api: httpx.AsyncClient):
    assert (await api.patch("/__sandbox__/store", json={"money_format": "roman"})).status_code == 400


async def test_a_physical_order_without_a_destination_is_refused_alike_by_summary_and_checkout(shopper: Shopper):
    summary = await shopper.call("POST", "/public/checkout/summary", json={"items": BOTTLES})
    order = await shopper.call(
        "POST",
        "/public/checkout",
        json={"customer_name": "A", "customer_email": "a@b.co", "items": BOTTLES, "payment_method": "qris"},
    )
    assert (summary.status_code, order.status_code) == (400, 400)
    assert summary.json()["errors"][0]["code"] == order.json()["errors"][0]["code"] == "required"
    priced = (
        await shopper.call("POST", "/public/checkout/summary", json={"items": BOTTLES, "destination": JAKARTA})
    ).json()
    placed = (
        await shopper.call("POST", "/public/checkout", json={**BUYER, "items": BOTTLES, "payment_method": "qris"})
    ).json()
    assert priced["shipping_cost"] == placed["shipping_cost"] == "9000.00"  # the cheapest courier, both


async def test_a_discount_check_still_answers_before_a_destination_is_chosen(shopper: Shopper):
    check = await shopper.call("POST", "/public/discount-codes/check", json={"code": "PROMO10", "items": BOTTLES})
    assert check.status_code == 200 and check.json()["is_eligible"]


def test_a_forwarded_address_does_not_escape_the_sign_in_limit():
    """Through a real server: X-Forwarded-For from the loopback client is not believed."""
    from preview.servers import sandbox_app, serve

    config = SandboxConfig(auth_rate_limit=3)
    with serve(sandbox_app(config), proxy_headers=config.trust_forwarded_for) as server:
        base = f"http://127.0.0.1:{server.port}/v3/stores/{STORE}/public/auth/login"
        statuses = [
            httpx.post(
                base,
                json={"email": "siti@example.com", "password": "salah"},
                headers={"X-Scalev-Storefront-Api-Key": KEY, "X-Forwarded-For": f"203.0.113.{n}"},
            ).status_code
            for n in range(5)
        ]
    assert statuses == [401, 401, 401, 429, 429]
