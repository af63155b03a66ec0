"""Public orders: reading by secret slug, buyer updates, transfer proof, payment instructions."""

from __future__ import annotations

import pytest

from .conftest import BUYER, Shopper

pytestmark = pytest.mark.anyio
BOTTLE = [{"type": "variant", "variant_id": 494535, "quantity": 1}]


async def place(shopper: Shopper, method: str, **extra) -> dict:
    body = {**BUYER, "customer_email": f"{method}@example.com", "items": BOTTLE, "payment_method": method, **extra}
    response = await shopper.call("POST", "/public/checkout", json=body)
    assert response.status_code == 201, response.json()
    return response.json()


async def pay(shopper: Shopper, order: dict) -> dict:
    response = await shopper.call("POST", f"/public/orders/{order['secret_slug']}/payment")
    assert response.status_code == 200
    return response.json()


async def test_orders_are_read_by_secret_slug_only(shopper: Shopper):
    order = await place(shopper, "bank_transfer")
    read = (await shopper.call("GET", f"/public/orders/{order['secret_slug']}")).json()
    assert read["order_id"] == order["order_id"] and read["gross_revenue"] == order["gross_revenue"]
    missing = await shopper.call("GET", "/public/orders/not-a-real-secret")
    assert missing.status_code == 404 and missing.json()["error_code"] == "order_not_found"


async def test_manual_methods_have_no_provider_payload(shopper: Shopper):
    for method in ("bank_transfer", "cod"):
        order = await pay(shopper, await place(shopper, method))
        assert order["pg_payment_info"] == {} and order["epayment_provider"] is None


@pytest.mark.parametrize(
    ("method", "check"),
    [
        (
            "va_bca",
            lambda p: p["payment_method"]["virtual_account"]["channel_properties"]["virtual_account_number"].startswith(
                "8808"
            ),
        ),
        (
            "va_mandiri",
            lambda p: p["payment_method"]["virtual_account"]["channel_properties"]["customer_name"] == "Demo Customer",
        ),
        ("qris", lambda p: p["qr_string"].startswith("000201")),
        ("gopay", lambda p: {a["url_type"] for a in p["actions"]} == {"WEB", "DEEPLINK", "MOBILE"}),
        ("dana", lambda p: p["actions"][0]["url"].startswith("http")),
        ("shopeepay", lambda p: bool(p["actions"])),
        ("ovo", lambda p: p["channel_code"] == "OVO"),
        ("alfamart", lambda p: p["payment_method"]["over_the_counter"]["channel_properties"]["payment_code"]),
        ("card", lambda p: "/__sandbox__/pay/" in p["redirect_url"]),
        ("invoice", lambda p: "/__sandbox__/pay/" in p["invoice_url"]),
    ],
)
async def test_e_payment_instructions_are_created_once(shopper: Shopper, method, check):
    order = await place(shopper, method)
    assert order["pg_payment_info"] == {} and order["epayment_provider"] == "xendit"
    first = await pay(shopper, order)
    assert check(first["pg_payment_info"])
    again = await pay(shopper, order)
    assert again["pg_payment_info"] == first["pg_payment_info"]
    assert (await shopper.call("GET", f"/public/orders/{order['secret_slug']}")).json()["pg_payment_info"] == first[
        "pg_payment_info"
    ]


async def test_the_hosted_page_settles_the_order(shopper: Shopper):
    order = await pay(shopper, await place(shopper, "card"))
    page = await shopper.api.get(order["pg_payment_info"]["redirect_url"].removeprefix("http://sandbox.test"))
    assert page.status_code == 200 and order["order_id"] in page.text
    settled = await shopper.api.post(f"/__sandbox__/pay/{order['secret_slug']}")
    assert settled.status_code == 303
    read = (await shopper.call("GET", f"/public/orders/{order['secret_slug']}")).json()
    assert read["payment_status"] == "paid" and read["paid_time"] and read["status"] == "confirmed"


async def test_transfer_proof_upload_then_patch(shopper: Shopper):
    order = await place(shopper, "bank_transfer")
    slug = order["secret_slug"]
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 100
    upload = (
        await shopper.call(
            "POST",
            f"/public/orders/{slug}/transfer-proof-upload",
            json={"filename": "bukti-transfer.png", "content_type": "image/png", "content_length": len(png)},
        )
    ).json()
    assert upload["size_in_bytes"] == len(png) and upload["file_url"].endswith("/bukti-transfer.png")
    path = upload["upload_url"].removeprefix("http://sandbox.test")
    wrong_type = await shopper.api.put(path, content=png, headers={"Content-Type": "image/jpeg"})
    assert wrong_type.status_code == 400
    too_big = await shopper.api.put(path, content=png + b"x", headers={"Content-Type": "image/png"})
    assert too_big.status_code == 400
    assert (await shopper.api.put(path, content=png, headers={"Content-Type": "image/png"})).status_code == 200
    stored = await shopper.api.get(upload["file_url"].removeprefix("http://sandbox.test"))
    assert stored.content == png and stored.headers["content-type"] == "image/png"
    patched = await shopper.call(
        "PATCH",
        f"/public/orders/{slug}",
        json={
            "transferproof_url": upload["file_url"],
            "transfer_time": "2026-11-27T04:00:00Z",
            "financial_entity_id": 14,
        },
    )
    body = patched.json()
    assert body["transferproof_url"] == upload["file_url"] and body["transfer_time"] == "2026-11-27T04:00:00Z"
    assert (body["payment_account_holder"], body["payment_account_number"]) == ("PT Mutaqin Friend", "1234567890")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"filename": "a.gif", "content_type": "image/gif", "content_length": 10}, "content_type"),
        ({"filename": "a.png", "content_type": "image/png", "content_length": 10 * 1024 * 1024 + 1}, "content_length"),
        ({"filename": "a.png", "content_type": "image/png", "content_length": 0}, "content_length"),
        ({"content_type": "image/png", "content_length": 10}, "filename"),
    ],
)
async def test_upload_requests_are_checked(shopper: Shopper, body, field):
    order = await place(shopper, "bank_transfer")
    response = await shopper.call("POST", f"/public/orders/{order['secret_slug']}/transfer-proof-upload", json=body)
    assert response.status_code == 400 and field in {e["field"] for e in response.json()["errors"]}


async def test_proof_is_only_for_bank_transfer_and_patch_checks_types(shopper: Shopper):
    order = await place(shopper, "qris")
    response = await shopper.call(
        "POST",
        f"/public/orders/{order['secret_slug']}/transfer-proof-upload",
        json={"filename": "a.png", "content_type": "image/png", "content_length": 10},
    )
    assert response.status_code == 400 and response.json()["error_code"] == "transfer_proof_not_applicable"
    bad = await shopper.call("PATCH", f"/public/orders/{order['secret_slug']}", json={"financial_entity_id": 999})
    assert bad.status_code == 400
    bad_time = await shopper.call("PATCH", f"/public/orders/{order['secret_slug']}", json={"transfer_time": "kemarin"})
    assert bad_time.status_code == 400
