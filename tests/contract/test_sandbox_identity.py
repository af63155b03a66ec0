"""Store identity and CORS: the same 404 for every way of naming a store wrongly."""

from __future__ import annotations

import dataclasses
import json

import httpx
import pytest

from scalev_sandbox import SandboxConfig, create_app

from .conftest import KEY, KEY_HEADERS, ROOT, STORE
from .openapi import validate

pytestmark = pytest.mark.anyio
ORIGIN = "http://127.0.0.1:9999"


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        (ROOT, {}),
        (ROOT, {"X-Scalev-Storefront-Api-Key": "sfpk_wrong"}),
        (ROOT, {"X-Scalev-Page-Api-Key": KEY}),
        ("/v3/stores/store_unknown", KEY_HEADERS),
    ],
)
async def test_unknown_store_and_bad_keys_look_the_same(api: httpx.AsyncClient, path, headers):
    response = validate(await api.get(path + "/public/items/count", headers=headers))
    assert response.status_code == 404
    assert response.json() == {"error": "Store not found", "error_code": "store_not_found"}


async def test_an_ineligible_plan_gets_the_same_404(tmp_path):
    seed = json.loads(SandboxConfig().seed_path.read_text())
    seed["store"]["plan"] = "free"
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(seed))
    app = create_app(dataclasses.replace(SandboxConfig(), seed_path=path))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as api:
        response = await api.get(ROOT + "/public/items/count", headers=KEY_HEADERS)
    assert response.status_code == 404 and response.json()["error"] == "Store not found"


async def test_preflight_from_a_registered_origin_allows_the_documented_headers(api: httpx.AsyncClient):
    response = await api.options(
        ROOT + "/public/items",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "x-scalev-storefront-api-key",
        },
    )
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == ORIGIN
    allowed = {h.strip().lower() for h in response.headers["access-control-allow-headers"].split(",")}
    assert allowed == {
        "x-scalev-storefront-api-key",
        "x-scalev-guest-token",
        "authorization",
        "content-type",
        "x-scalev-checkout-intent-token",
    }
    assert {"PUT", "PATCH", "DELETE"} <= {
        m.strip() for m in response.headers["access-control-allow-methods"].split(",")
    }


async def test_responses_to_registered_origins_expose_the_guest_token(api: httpx.AsyncClient):
    response = await api.get(ROOT + "/public/items/count", headers={**KEY_HEADERS, "Origin": ORIGIN})
    assert response.headers["access-control-allow-origin"] == ORIGIN
    assert "X-Scalev-Guest-Token" in response.headers["access-control-expose-headers"]
    assert "Origin" in response.headers["vary"]


async def test_unregistered_origins_get_no_cors_headers(api: httpx.AsyncClient):
    evil = "https://evil.example"
    preflight = await api.options(
        ROOT + "/public/items", headers={"Origin": evil, "Access-Control-Request-Method": "GET"}
    )
    assert preflight.status_code == 403 and "access-control-allow-origin" not in preflight.headers
    response = await api.get(ROOT + "/public/items/count", headers={**KEY_HEADERS, "Origin": evil})
    assert "access-control-allow-origin" not in response.headers


async def test_control_routes_live_outside_scalev_paths(api: httpx.AsyncClient):
    assert (await api.get("/__sandbox__/health")).json() == {"ok": True, "store": STORE}
    svg = await api.get("/__sandbox__/media/bottle.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml") and b"<svg" in svg.content
    assert (await api.get("/v3/stores/x/__sandbox__/health")).status_code == 404
