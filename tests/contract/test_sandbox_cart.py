"""Guest cart behaviour: token lifecycle, typed items, stock, merge."""

from __future__ import annotations

import uuid

import pytest

from .conftest import KEY_HEADERS, ORIGIN, ROOT, Shopper

pytestmark = pytest.mark.anyio


async def test_first_read_mints_a_guest_token_that_browsers_can_read(shopper: Shopper):
    response = await shopper.call("GET", "/public/cart", headers={"Origin": ORIGIN})
    token = response.headers["x-scalev-guest-token"]
    uuid.UUID(token)
    assert "X-Scalev-Guest-Token" in response.headers["access-control-expose-headers"]
    assert response.json() == {"id": response.json()["id"], "item_count": 0, "total": "0.00", "items": []}
    again = await shopper.call("GET", "/public/cart")
    assert again.headers["x-scalev-guest-token"] == token and again.json()["id"] == response.json()["id"]


async def test_an_unknown_token_gets_a_new_cart_and_token(shopper: Shopper):
    shopper.guest_token = str(uuid.uuid4())
    stale = shopper.guest_token
    response = await shopper.call("GET", "/public/cart")
    assert response.headers["x-scalev-guest-token"] != stale


async def test_adding_mints_a_token_too_and_lines_accumulate(shopper: Shopper):
    first = await shopper.add(494535, 2)
    assert first.status_code == 201 and shopper.guest_token
    second = await shopper.add(494535, 1)
    cart = second.json()
    assert cart["item_count"] == 3 and cart["total"] == "450000.00"
    (line,) = cart["items"]
    assert line["type"] == "variant" and line["bundle_price_option_id"] is None and line["quantity"] == 3
    assert line["variant"]["unique_id"] == "variant_aLs9Bt1x" and line["unit_price"] == "150000.00"


async def test_bundle_lines_carry_slug_and_unique_id(shopper: Shopper):
    cart = (await shopper.add(bundle=31925)).json()
    (line,) = cart["items"]
    assert line["variant_id"] is None and line["bundle_price_option_slug"] == "paket-hemat-3-kelas"
    assert line["bundle_price_option_unique_id"] == "bundle_price_option_pH3k31925"


async def test_update_and_remove_answer_the_whole_cart(shopper: Shopper):
    cart = (await shopper.add(510103, 1)).json()
    line_id = cart["items"][0]["id"]
    updated = await shopper.call("PATCH", f"/public/cart/items/{line_id}", json={"quantity": 4})
    assert updated.status_code == 200 and updated.json()["item_count"] == 4
    removed = await shopper.call("DELETE", f"/public/cart/items/{line_id}")
    assert removed.status_code == 200 and removed.json()["items"] == []
    missing = await shopper.call("DELETE", f"/public/cart/items/{line_id}")
    assert missing.status_code == 404 and missing.json()["error_code"] == "cart_item_not_found"


@pytest.mark.parametrize(
    "body",
    [
        {"variant_id": 494535},
        {"type": "variant", "variant_id": 494535, "note": "x"},
        {"type": "variant", "variant_id": 494535, "quantity": 0},
        {"type": "variant", "variant_id": 1},
        {"type": "bundle", "bundle_price_option_id": 31925},
        {"type": "variant", "variant_id": True},
    ],
)
async def test_bad_items_are_400_with_field_errors(shopper: Shopper, body):
    response = await shopper.call("POST", "/public/cart/items", json=body)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"]


async def test_stock_limits_what_a_cart_can_hold(shopper: Shopper):
    sold_out = await shopper.add(510102, 1)
    assert sold_out.status_code == 400 and sold_out.json()["error_code"] == "out_of_stock"
    assert (await shopper.add(510104, 3)).status_code == 201
    too_many = await shopper.add(510104, 1)
    assert too_many.status_code == 400 and "3" in too_many.json()["message"]


async def test_merge_moves_guest_lines_into_the_customer_cart(shopper: Shopper):
    await shopper.add(494535, 1)
    await shopper.add(bundle=31926)
    token = shopper.guest_token
    unauthenticated = await shopper.call("POST", "/public/cart/merge")
    assert unauthenticated.status_code == 401
    await shopper.sign_in()
    await shopper.call("POST", "/customers/me/cart/items", auth=True, json={"type": "variant", "variant_id": 494535})
    merged = await shopper.api.post(
        ROOT + "/public/cart/merge", headers={**KEY_HEADERS, **shopper.bearer, "X-Scalev-Guest-Token": token}
    )
    assert merged.status_code == 200 and merged.headers["x-scalev-guest-token"] == token
    quantities = {
        (i["type"], i["variant_id"] or i["bundle_price_option_id"]): i["quantity"] for i in merged.json()["items"]
    }
    assert quantities == {("variant", 494535): 2, ("bundle_price_option", 31926): 1}
    assert (await shopper.call("GET", "/public/cart")).json()["items"] == []
    assert (await shopper.call("GET", "/customers/me/cart", auth=True)).json()["item_count"] == 3
