from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from scalev_sandbox import SandboxConfig, create_app
from scalev_sandbox.config import DEFAULT_SEED
from scalev_sandbox.seed import load_seed

from .openapi import validate_any

DEMO = load_seed(DEFAULT_SEED).store
STORE = DEMO.unique_id
KEY = DEMO.storefront_key
ROOT = f"/v3/stores/{STORE}"
KEY_HEADERS = {"X-Scalev-Storefront-Api-Key": KEY}
ORIGIN = "http://127.0.0.1:9999"


@pytest.fixture
def sandbox_config() -> SandboxConfig:
    return SandboxConfig(extra_origins=(ORIGIN,))


@pytest.fixture
def sandbox_app(sandbox_config: SandboxConfig):
    return create_app(sandbox_config)


async def _validate(response: httpx.Response) -> None:
    await response.aread()
    validate_any(response)


@pytest.fixture
async def api(sandbox_app) -> AsyncIterator[httpx.AsyncClient]:
    """A client whose every answer is checked against Scalev's spec before the test sees it."""
    transport = httpx.ASGITransport(app=sandbox_app, client=("127.0.0.1", 50000))
    async with httpx.AsyncClient(
        transport=transport,
        base_url="http://sandbox.test",
        event_hooks={"response": [_validate]},
        headers={"X-Sandbox-Control": "1"},  # the sandbox's own routes need it; Scalev's ignore it
    ) as client:
        yield client


@dataclasses.dataclass
class Shopper:
    """Helpers for the usual calls, on top of the validating client."""

    api: httpx.AsyncClient
    guest_token: str | None = None
    access: str | None = None

    @property
    def headers(self) -> dict[str, str]:
        headers = dict(KEY_HEADERS)
        if self.guest_token:
            headers["X-Scalev-Guest-Token"] = self.guest_token
        return headers

    @property
    def bearer(self) -> dict[str, str]:
        assert self.access, "sign in first"
        return {"Authorization": f"Bearer {self.access}"}

    async def call(self, method: str, path: str, *, auth: bool = False, **kwargs: Any) -> httpx.Response:
        headers = {**(self.bearer if auth else self.headers), **kwargs.pop("headers", {})}
        response = await self.api.request(method, ROOT + path, headers=headers, **kwargs)
        token = response.headers.get("x-scalev-guest-token")
        if token:
            self.guest_token = token
        return response

    async def add(
        self, variant_id: int | None = None, quantity: int = 1, *, bundle: int | None = None
    ) -> httpx.Response:
        item = (
            {"type": "variant", "variant_id": variant_id, "quantity": quantity}
            if bundle is None
            else {"type": "bundle_price_option", "bundle_price_option_id": bundle, "quantity": quantity}
        )
        return await self.call("POST", "/public/cart/items", json=item)

    async def sign_in(self, email: str = "siti@example.com", password: str = "Rahasia123!") -> dict[str, Any]:
        tokens = (await self.call("POST", "/public/auth/login", json={"email": email, "password": password})).json()
        self.access = tokens["access"]
        return tokens


@pytest.fixture
def shopper(api: httpx.AsyncClient) -> Shopper:
    return Shopper(api)


BUYER = {
    "customer_name": "Demo Customer",
    "customer_email": "demo.customer@example.com",
    "customer_phone": "6281234567890",
    "shipping_address": "Jl. Demo Storefront API No. 3",
    "shipping_province": "DKI Jakarta",
    "shipping_city": "Kota Jakarta Pusat",
    "shipping_subdistrict": "Cempaka Putih",
    "shipping_location_id": 9089,
    "shipping_postal_code": "10510",
}
