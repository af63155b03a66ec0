from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from scalev_sandbox import SandboxConfig, create_app

STORE = "store_vlzpML8edzxO5roOdV7Oyfn6"
KEY = "sfpk_demo_local_0001"
ROOT = f"/v3/stores/{STORE}"
KEY_HEADERS = {"X-Scalev-Storefront-Api-Key": KEY}


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def sandbox_app():
    return create_app(SandboxConfig(extra_origins=("http://127.0.0.1:9999",)))


@pytest.fixture
async def api(sandbox_app) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=sandbox_app, client=("127.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://sandbox.test") as client:
        yield client
