"""Locations: the cascade, search with cursors, postal codes."""

from __future__ import annotations

import pytest

from .conftest import Shopper

pytestmark = pytest.mark.anyio


async def test_cascade_from_province_to_postal_code(shopper: Shopper):
    provinces = (await shopper.call("GET", "/public/locations/provinces")).json()["data"]
    assert len(provinces) >= 6 and {"province_id": 31, "province_name": "DKI Jakarta"} in provinces
    cities = (await shopper.call("GET", "/public/locations/cities", params={"province_id": 31})).json()["data"]
    assert [c["city_name"] for c in cities] == ["Kota Jakarta Pusat", "Kota Jakarta Selatan"]
    subs = (await shopper.call("GET", "/public/locations/subdistricts", params={"city_id": 3171})).json()
    assert subs["is_paginated"] is False
    cempaka = next(s for s in subs["data"] if s["id"] == 9089)
    assert cempaka["display"] == "Cempaka Putih, Kota Jakarta Pusat, DKI Jakarta"
    codes = (await shopper.call("GET", "/public/locations/9089/postal-codes")).json()["data"]
    assert {"postal_code": "10510"} in codes


async def test_search_matches_any_level_and_pages_with_cursors(shopper: Shopper):
    first = (await shopper.call("GET", "/public/locations", params={"search": "jakarta", "page_size": 5})).json()
    assert first["has_next"] and len(first["data"]) == 5
    second = (
        await shopper.call(
            "GET",
            "/public/locations",
            params={"search": "jakarta", "page_size": 5, "next_cursor": first["next_cursor"]},
        )
    ).json()
    assert {r["id"] for r in first["data"]}.isdisjoint({r["id"] for r in second["data"]})
    by_sub = (await shopper.call("GET", "/public/locations", params={"search": "Cempaka Putih"})).json()["data"]
    assert [r["id"] for r in by_sub] == [9089]
    assert (await shopper.call("GET", "/public/locations", params={"page_size": 101})).status_code == 400


async def test_filters_and_unknown_ids(shopper: Shopper):
    bandung = (
        await shopper.call("GET", "/public/locations/cities", params={"province_id": 32, "search": "band"})
    ).json()
    assert bandung["data"] == [{"city_id": 3273, "city_name": "Kota Bandung"}]
    assert (await shopper.call("GET", "/public/locations/cities", params={"province_id": "x"})).status_code == 400
    assert (await shopper.call("GET", "/public/locations/1/postal-codes")).status_code == 404
    prefix = (await shopper.call("GET", "/public/locations/9093/postal-codes", params={"search": "1032"})).json()
    assert prefix["data"] == [{"postal_code": "10320"}]
