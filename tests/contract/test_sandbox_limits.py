"""Rate limits per client address, fault injection, and the control routes."""

from __future__ import annotations

import dataclasses
import json
import time

import httpx
import pytest

from scalev_sandbox import SandboxConfig, create_app

from .conftest import KEY_HEADERS, ROOT, Shopper
from .openapi import validate_any

pytestmark = pytest.mark.anyio


def client_for(app, address: str) -> httpx.AsyncClient:
    async def check(response: httpx.Response) -> None:
        await response.aread()
        validate_any(response)

    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, client=(address, 1234)),
        base_url="http://sandbox.test",
        event_hooks={"response": [check]},
    )


async def test_every_answer_carries_rate_limit_headers(shopper: Shopper):
    response = await shopper.call("GET", "/public/items/count")
    assert int(response.headers["x-ratelimit-limit"]) == 600
    assert int(response.headers["x-ratelimit-remaining"]) == 599
    assert int(response.headers["x-ratelimit-reset"]) > time.time()


@pytest.mark.parametrize(("body", "content_type"), [("text", "text/plain"), ("json", "application/json")])
async def test_the_limit_is_per_client_address(sandbox_config: SandboxConfig, body, content_type):
    app = create_app(dataclasses.replace(sandbox_config, rate_limit=3, rate_limit_body=body))
    async with client_for(app, "10.0.0.1") as first, client_for(app, "10.0.0.2") as second:
        for _ in range(3):
            assert (await first.get(ROOT + "/public/items/count", headers=KEY_HEADERS)).status_code == 200
        limited = await first.get(ROOT + "/public/items/count", headers=KEY_HEADERS)
        assert limited.status_code == 429 and limited.headers["content-type"].startswith(content_type)
        assert limited.headers["x-ratelimit-remaining"] == "0" and "retry-after" not in limited.headers
        assert (await second.get(ROOT + "/public/items/count", headers=KEY_HEADERS)).status_code == 200


async def test_sign_in_and_orders_have_a_stricter_bucket(sandbox_config: SandboxConfig):
    app = create_app(dataclasses.replace(sandbox_config, auth_rate_limit=2))
    async with client_for(app, "10.0.0.3") as api:
        body = {"email": "siti@example.com", "password": "salah"}
        statuses = [
            (await api.post(ROOT + "/public/auth/login", headers=KEY_HEADERS, json=body)).status_code for _ in range(3)
        ]
        assert statuses == [401, 401, 429]
        assert (await api.get(ROOT + "/public/items/count", headers=KEY_HEADERS)).status_code == 200


async def test_faults_fail_the_requested_calls_then_stop(shopper: Shopper):
    await shopper.api.post("/__sandbox__/faults", json={"path_contains": "/public/items", "status": 503, "times": 2})
    assert (await shopper.call("GET", "/public/items")).status_code == 503
    assert (await shopper.call("GET", "/public/categories")).status_code == 200
    assert (await shopper.call("GET", "/public/items/count")).status_code == 503
    assert (await shopper.call("GET", "/public/items")).status_code == 200
    await shopper.api.post("/__sandbox__/faults", json={"path_contains": "/public/cart", "status": 429, "times": 1})
    limited = await shopper.call("GET", "/public/cart")
    assert limited.status_code == 429 and limited.text == "Too many requests"
    await shopper.api.post("/__sandbox__/faults", json={"method": "GET", "latency_ms": 150, "times": 1})
    started = time.monotonic()
    await shopper.call("GET", "/public/categories")
    assert time.monotonic() - started >= 0.15


async def test_expired_token_fault_and_clearing_faults(shopper: Shopper):
    await shopper.sign_in()
    await shopper.api.post("/__sandbox__/faults", json={"expire_tokens": True})
    expired = await shopper.call("GET", "/customers/me", auth=True)
    assert expired.status_code == 401 and expired.json()["error_code"] == "token_expired"
    assert (await shopper.api.delete("/__sandbox__/faults")).status_code == 204
    assert (await shopper.call("GET", "/customers/me", auth=True)).status_code == 200


async def test_reset_forgets_every_change(shopper: Shopper):
    await shopper.add(510104, 3)
    await shopper.call(
        "POST",
        "/public/checkout",
        json={
            "customer_name": "A",
            "customer_email": "a@example.com",
            "payment_method": "bank_transfer",
            "items": [{"type": "variant", "variant_id": 456601, "quantity": 1}],
        },
    )
    token = shopper.guest_token
    assert (await shopper.api.post("/__sandbox__/reset")).status_code == 204
    fresh = await shopper.call("GET", "/public/cart")
    assert fresh.headers["x-scalev-guest-token"] != token and fresh.json()["items"] == []


async def test_a_merchant_seed_replaces_the_catalog(shopper: Shopper, sandbox_config: SandboxConfig):
    seed = json.loads(sandbox_config.seed_path.read_text())
    seed["products"] = seed["products"][:1]
    seed["bundles"] = []
    inconsistent = await shopper.api.post("/__sandbox__/reset", content=json.dumps(seed))
    assert inconsistent.status_code == 400 and "subscriptions[0]: variant 530302" in inconsistent.json()["error"]
    assert (await shopper.call("GET", "/public/items/count")).json()["total"] == 16  # untouched
    for section in ("subscriptions", "courses", "customers", "addresses"):
        seed[section] = []
    assert (await shopper.api.post("/__sandbox__/reset", content=json.dumps(seed))).status_code == 204
    assert (await shopper.call("GET", "/public/items/count")).json() == {"total": 1}
    assert (await shopper.api.post("/__sandbox__/reset", content=b'{"products": []}')).status_code == 400
    await shopper.api.post("/__sandbox__/reset")
    assert (await shopper.call("GET", "/public/items/count")).json()["total"] > 1


async def test_state_survives_a_restart_with_a_database_file(tmp_path, sandbox_config: SandboxConfig):
    config = dataclasses.replace(sandbox_config, db_path=tmp_path / "sandbox.sqlite3")
    async with client_for(create_app(config), "10.0.0.4") as api:
        added = await api.post(
            ROOT + "/public/cart/items",
            headers=KEY_HEADERS,
            json={"type": "variant", "variant_id": 494535, "quantity": 2},
        )
        token = added.headers["x-scalev-guest-token"]
        login = (
            await api.post(
                ROOT + "/public/auth/login",
                headers=KEY_HEADERS,
                json={"email": "siti@example.com", "password": "Rahasia123!"},
            )
        ).json()
    async with client_for(create_app(config), "10.0.0.4") as api:
        cart = await api.get(ROOT + "/public/cart", headers={**KEY_HEADERS, "X-Scalev-Guest-Token": token})
        assert cart.headers["x-scalev-guest-token"] == token and cart.json()["item_count"] == 2
        me = await api.get(ROOT + "/customers/me", headers={"Authorization": f"Bearer {login['access']}"})
        assert me.status_code == 200


async def test_a_database_seeded_from_another_seed_is_redone(tmp_path, sandbox_config: SandboxConfig):
    first_seed = json.loads(sandbox_config.seed_path.read_text())
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(first_seed))
    config = dataclasses.replace(sandbox_config, db_path=tmp_path / "db.sqlite3", seed_path=path)
    async with client_for(create_app(config), "10.0.0.5") as api:
        added = await api.post(
            ROOT + "/public/cart/items", headers=KEY_HEADERS, json={"type": "variant", "variant_id": 494535}
        )
        token = added.headers["x-scalev-guest-token"]
    first_seed["store"]["name"] = "Toko Baru"
    path.write_text(json.dumps(first_seed))
    async with client_for(create_app(config), "10.0.0.5") as api:
        cart = await api.get(ROOT + "/public/cart", headers={**KEY_HEADERS, "X-Scalev-Guest-Token": token})
        assert cart.headers["x-scalev-guest-token"] != token
