"""The client's request building and error parsing, without any transport."""

import json
from decimal import Decimal

import pytest

from storefront.api import HttpResponse, StorefrontClient
from storefront.api.errors import error_from_response
from storefront.api.models import ItemCard
from storefront.config import SiteConfig

CONFIG = SiteConfig("https://api.scalev.com/", "store_abc", "sfpk_key")


def test_requests_target_the_store_root_with_the_storefront_key():
    client = StorefrontClient(CONFIG, transport=None)  # type: ignore[arg-type]
    request = client.build("GET", "/public/items", query={"page_size": 12, "next_cursor": None})
    assert request.url == "https://api.scalev.com/v3/stores/store_abc/public/items?page_size=12"
    assert request.headers["X-Scalev-Storefront-Api-Key"] == "sfpk_key"
    assert request.body is None and "Content-Type" not in request.headers


def test_json_bodies_are_compact_and_typed():
    client = StorefrontClient(CONFIG, transport=None)  # type: ignore[arg-type]
    request = client.build("POST", "/public/cart/items", body={"type": "variant", "variant_id": 1})
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.body) == {"type": "variant", "variant_id": 1}


def test_scalev_error_objects_become_api_errors_with_field_errors():
    body = {
        "error": "Validation failed",
        "error_code": "validation_failed",
        "message": "Check the highlighted fields",
        "errors": [{"field": "customer_email", "message": "is invalid", "code": "format"}],
    }
    error = error_from_response(HttpResponse(422, {}, json.dumps(body)))
    assert (error.status, error.error_code, str(error)) == (422, "validation_failed", "Check the highlighted fields")
    assert error.field_errors == {"customer_email": ["is invalid"]}


@pytest.mark.parametrize("text", ["Too many requests", ""])
def test_plain_text_and_empty_error_bodies_are_understood(text):
    error = error_from_response(HttpResponse(429, {"content-type": "text/plain"}, text))
    assert error.is_rate_limited
    assert error.error == (text or "HTTP 429")
    assert error.field_errors == {}


def test_cards_are_told_apart_by_entity_type():
    product = ItemCard.parse(
        {
            "id": 1,
            "slug": "p",
            "name": "P",
            "entity_type": "product",
            "item_type": "physical",
            "in_stock": True,
            "price_range": {"min": "1000.00", "max": 2000},
            "images": ["u"],
            "taxonomy": {"id": 3, "name": "Cat", "full_path": "Cat"},
            "extra": "tolerated",
        }
    )
    bundle = ItemCard.parse(
        {
            "id": 9,
            "bundle_price_option_id": 9,
            "bundle_id": 5,
            "slug": "b",
            "name": "B",
            "entity_type": "bundle_price_option",
            "in_stock": False,
            "price_range": None,
            "images": [],
        }
    )
    assert not product.is_bundle and product.price.high == Decimal(2000) and product.image == "u"
    assert bundle.is_bundle and bundle.bundle_price_option_id == 9 and bundle.image is None
    assert bundle.price.low is None
    with pytest.raises(ValueError):
        ItemCard.parse({**{"id": 1, "slug": "x", "name": "x"}, "entity_type": "course"})
