"""Walks the spec: every storefront operation exists in the sandbox and answers per the spec."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT, STORE, Shopper
from .openapi import spec_operations

pytestmark = pytest.mark.anyio

#: Operations outside ``/public`` and ``/customers/me``: HTML-Mode pages and the prefill read.
OUT_OF_SCOPE = {
    ("POST", "/v3/pages/{page_unique_id}/checkout-intents"),
    ("PATCH", "/v3/pages/{page_unique_id}/checkout-intents/{checkout_intent_id}"),
    ("GET", "/v3/checkout-intents/prefill"),
}
SAMPLE = {
    "store_id": STORE,
    "slug": "kaos-katun-premium",
    "item_id": "1",
    "secret_slug": "unknown-order",
    "location_id": "9089",
    "variant_id": "494535",
    "address_id": "1",
    "id": "00000000-0000-4000-8000-000000000000",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "checkout_intent_id": "00000000-0000-4000-8000-000000000000",
}


def storefront_operations() -> list[tuple[str, str]]:
    return [op for op in spec_operations() if op not in OUT_OF_SCOPE]


def test_the_walk_covers_every_storefront_operation():
    operations = storefront_operations()
    assert len(operations) == 68
    assert all("/public/" in path or "/customers/me" in path for _, path in operations)


@pytest.mark.parametrize(("method", "path"), storefront_operations(), ids=lambda v: v)
async def test_operation_is_implemented(shopper: Shopper, method: str, path: str):
    await shopper.sign_in()
    concrete = re.sub(r"\{(\w+)\}", lambda m: SAMPLE[m.group(1)], path).removeprefix(ROOT)
    customer = "/customers/me" in path
    body: dict[str, object] | None = None if method in ("GET", "DELETE") else {}
    response = await shopper.call(method, concrete, auth=customer, json=body)
    # The router's own answers for a path or method it does not know:
    assert response.status_code != 405
    if response.status_code == 404:
        assert response.json()["error_code"] != "not_found", f"{method} {path} is not implemented"
