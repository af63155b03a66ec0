"""The storefront's API client, run in CPython against the sandbox."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest

from storefront.api import ApiError, NetworkError, StorefrontClient
from storefront.api.httpx_transport import HttpxTransport
from storefront.config import SiteConfig

from .conftest import KEY, STORE

pytestmark = pytest.mark.anyio


@pytest.fixture
def client(api: httpx.AsyncClient) -> StorefrontClient:
    return StorefrontClient(SiteConfig("http://sandbox.test", STORE, KEY), HttpxTransport(api))


async def test_count_and_pages_of_typed_cards(client: StorefrontClient):
    total = await client.count_items()
    page = await client.list_items(page_size=10)
    rest = await client.list_items(page_size=10, cursor=page.next_cursor)
    assert len(page.items) + len(rest.items) == total and not rest.has_next
    bottle = next(c for c in page.items + rest.items if c.slug == "activelife-smart-bottle")
    assert bottle.price.low == Decimal("150000.00") and bottle.item_type == "physical"
    assert any(c.is_bundle for c in page.items + rest.items)


async def test_details_parse_variants_and_bundle_lines(client: StorefrontClient):
    shirt = await client.get_product("kaos-katun-premium")
    assert shirt.option_names[:2] == ("Ukuran", "Warna")
    assert ("M", "Putih", None) in [v.options for v in shirt.variants]
    bundle = await client.get_bundle("paket-botol-berdua")
    assert bundle.price == Decimal("279000.00") and bundle.lines[0].quantity == 2


async def test_api_errors_carry_status_and_code(client: StorefrontClient):
    with pytest.raises(ApiError) as caught:
        await client.get_product("nope")
    assert (caught.value.status, caught.value.error_code) == (404, "product_not_found")


async def test_a_wrong_key_is_reported_as_store_not_found(api: httpx.AsyncClient):
    client = StorefrontClient(SiteConfig("http://sandbox.test", STORE, "sfpk_bad"), HttpxTransport(api))
    with pytest.raises(ApiError) as caught:
        await client.count_items()
    assert caught.value.error == "Store not found"


async def test_network_failure_is_its_own_kind():
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    async with httpx.AsyncClient(transport=httpx.MockTransport(refuse)) as http:
        client = StorefrontClient(SiteConfig("http://sandbox.test", STORE, KEY), HttpxTransport(http))
        with pytest.raises(NetworkError):
            await client.count_items()
