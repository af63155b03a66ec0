"""Sandbox catalog routes: behaviour, and every answer valid against Scalev's spec."""

from __future__ import annotations

import httpx
import pytest
from openapi_core.validation.response.exceptions import InvalidData

from .conftest import KEY_HEADERS, ROOT
from .openapi import validate

pytestmark = pytest.mark.anyio


async def get(api: httpx.AsyncClient, path: str, **kwargs) -> httpx.Response:
    headers = {**KEY_HEADERS, **kwargs.pop("headers", {})}
    return validate(await api.get(ROOT + path, headers=headers, **kwargs))


async def test_the_validator_rejects_a_response_that_breaks_the_spec(api: httpx.AsyncClient):
    request = httpx.Request("GET", f"http://sandbox.test{ROOT}/public/items/count")
    bad = httpx.Response(200, json={"total": -1, "extra": 1}, request=request)
    with pytest.raises(InvalidData):
        validate(bad)


async def test_items_page_through_every_card_with_cursors(api: httpx.AsyncClient):
    total = (await get(api, "/public/items/count")).json()["total"]
    first = (await get(api, "/public/items", params={"page_size": 4})).json()
    assert first["is_paginated"] and first["has_next"] and not first["has_previous"]
    assert first["page_size"] == 4 and len(first["data"]) == 4
    seen, page = [c["slug"] for c in first["data"]], first
    while page["has_next"]:
        page = (await get(api, "/public/items", params={"page_size": 4, "next_cursor": page["next_cursor"]})).json()
        seen += [c["slug"] for c in page["data"]]
    assert len(seen) == len(set(seen)) == total
    back = (await get(api, "/public/items", params={"page_size": 4, "previous_cursor": page["previous_cursor"]})).json()
    assert back["data"] and back["has_next"]


async def test_cards_mix_products_and_bundle_price_options(api: httpx.AsyncClient):
    cards = (await get(api, "/public/items", params={"page_size": 100})).json()["data"]
    kinds = {c["entity_type"] for c in cards}
    assert kinds == {"product", "bundle_price_option"}
    bundle = next(c for c in cards if c["slug"] == "paket-hemat-3-kelas")
    assert bundle["bundle_price_option_id"] == 31925 and "item_type" not in bundle
    shirt = next(c for c in cards if c["slug"] == "kaos-katun-premium")
    assert shirt["price_range"] == {"min": "89000.00", "max": "99000.00"} and shirt["is_multiple"]
    assert all(c["images"][0].startswith("http://sandbox.test/__sandbox__/media/") for c in cards)


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"page_size": "0"}, "invalid_page_size"),
        ({"page_size": "x"}, "invalid_page_size"),
        ({"next_cursor": "%%%"}, "invalid_cursor"),
        ({"next_cursor": "a", "previous_cursor": "b"}, "invalid_cursor"),
    ],
)
async def test_bad_pagination_is_a_400_error_object(api: httpx.AsyncClient, params, code):
    response = await api.get(ROOT + "/public/items", headers=KEY_HEADERS, params=params)
    assert response.status_code == 400 and response.json()["error_code"] == code


async def test_product_and_bundle_detail(api: httpx.AsyncClient):
    product = (await get(api, "/public/products/tas-ransel-urban")).json()
    assert [product[f"option{i}_name"] for i in (1, 2, 3)] == ["Warna", "Kapasitas", "Bahan"]
    assert len(product["variants"]) == 4 and product["variants"][0]["currency"] == "IDR"
    bundle = (await get(api, "/public/bundle-price-options/paket-hemat-3-kelas")).json()
    assert bundle["bundle_name"] == "Paket Cuan Lengkap" and bundle["price"] == "379000.00"
    assert [line["variant_id"] for line in bundle["bundlelines"]] == [456593, 443228, 439347]
    missing = await get(api, "/public/products/no-such-product")
    assert missing.status_code == 404 and missing.json()["error_code"] == "product_not_found"


async def test_pricing_availability_and_categories(api: httpx.AsyncClient):
    pricing = (await get(api, "/public/variants/pricing", params={"ids": "510101,510102,490173,1"})).json()
    rows = {row["variant_id"]: row for row in pricing["data"]}
    assert set(rows) == {510101, 510102, 490173}
    assert rows[510102]["available"] is False and rows[490173]["available_qty"] is None
    low = (await get(api, "/public/variants/510104/availability")).json()
    assert low == {"variant_id": 510104, "available": True, "available_qty": 3, "stock_status": "low_stock"}
    assert (await get(api, "/public/variants/999/availability")).status_code == 404
    categories = (await get(api, "/public/categories")).json()
    assert {c["full_path"] for c in categories["data"]} >= {"E-Book", "Gaya Hidup > Pakaian"}
