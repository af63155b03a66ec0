"""Inputs a careless client or an attacker sends, beyond what the spec's generators make: text
that is not text, numbers that are not numbers, bodies too deep or too large, tokens signed
right but saying the wrong things, fault rules of the wrong types, and calls to the control
routes that any web page could send. The sandbox must answer each with a 4xx in Scalev's
error shape, never a 5xx or a dropped connection, and keep working afterwards."""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable
from typing import Any

import jwt
from starlette.testclient import TestClient

from scalev_sandbox import SandboxConfig, create_app

from .conftest import KEY, STORE

ROOT = f"/v3/stores/{STORE}"
JSON = {"Content-Type": "application/json", "X-Scalev-Storefront-Api-Key": KEY}
CONTROL = {"X-Sandbox-Control": "1"}


@dataclasses.dataclass
class Case:
    label: str
    method: str
    path: str
    kwargs: dict[str, Any]
    #: The statuses a right answer has.
    expect: tuple[int, ...] = (400,)


@dataclasses.dataclass
class Outcome:
    case: Case
    status: int | None
    body: str
    seconds: float

    @property
    def ok(self) -> bool:
        if self.status not in self.case.expect:
            return False
        try:
            error = json.loads(self.body)
        except ValueError:
            return self.status == 429  # the documented plain-text 429
        return isinstance(error, dict) and isinstance(error.get("error"), str) if self.status >= 400 else True


def raw(text: str) -> dict[str, Any]:
    """A JSON body as written (escapes included), with the storefront key."""
    return {"content": text.encode(), "headers": JSON}


def cases(secret: str) -> list[Case]:
    def signed(claims: dict[str, Any]) -> dict[str, str]:
        return {"Authorization": "Bearer " + jwt.encode(claims, secret, algorithm="HS256")}

    item = '{"type": "variant", "variant_id": %s, "quantity": %s}'
    deep = "[" * 100_000 + "]" * 100_000
    now = int(time.time())
    return [
        Case(
            "password with a lone surrogate",
            "POST",
            "/public/auth/login",
            raw('{"email": "siti@example.com", "password": "sandi\\ud800"}'),
        ),
        Case(
            "email with a lone surrogate",
            "POST",
            "/public/auth/login",
            raw('{"email": "siti\\udfff@example.com", "password": "x"}'),
        ),
        Case(
            "forget-password with a lone surrogate",
            "POST",
            "/public/auth/forget-password",
            raw('{"email": "\\ud83d@example.com"}'),
        ),
        Case("quantity written as a superscript two", "POST", "/public/cart/items", raw(item % ("456601", '"²"'))),
        Case("quantity in Arabic-Indic digits", "POST", "/public/cart/items", raw(item % ("456601", '"٣"'))),
        Case("a 5,000-digit variant id", "POST", "/public/cart/items", raw(item % ("9" * 5000, "1"))),
        Case(
            "a 5,000-digit variant id as text", "POST", "/public/cart/items", raw(item % ('"' + "9" * 5000 + '"', "1"))
        ),
        Case("a 30-digit variant id", "POST", "/public/cart/items", raw(item % ("9" * 30, "1"))),
        Case(
            "a 5,000-digit cart item id in the path",
            "PATCH",
            "/public/cart/items/" + "9" * 5000,
            {"json": {"quantity": 1}, "headers": {"X-Scalev-Storefront-Api-Key": KEY}},
            (404,),
        ),
        Case(
            "a 5,000-digit location id",
            "GET",
            "/public/locations/" + "9" * 5000 + "/postal-codes",
            {"headers": {"X-Scalev-Storefront-Api-Key": KEY}},
            (404,),
        ),
        Case("JSON nested 100,000 deep", "POST", "/public/checkout/summary", raw(deep)),
        Case(
            "a body over the size cap",
            "POST",
            "/public/checkout/summary",
            raw(json.dumps({"notes": "x" * (2 * 1024 * 1024)})),
            (413,),
        ),
        Case(
            "a body over the size cap, sent without its length (chunked)",
            "POST",
            "/public/checkout/summary",
            {"content": (b"x" * 65536 for _ in range(32)), "headers": JSON},
            (413,),
        ),
        Case(
            "an OTP in full-width digits",
            "POST",
            "/public/auth/otp/verify",
            raw('{"email": "andi@example.com", "otp": "\\uff11\\uff12\\uff13\\uff14\\uff15\\uff16"}'),
            (401,),
        ),
        Case("a signed token without claims", "GET", "/customers/me", {"headers": signed({"exp": now + 60})}, (401,)),
        Case(
            "a signed token with a text subject",
            "GET",
            "/customers/me",
            {
                "headers": signed(
                    {"sub": "siti", "typ": "access", "store": STORE, "fam": "f", "jti": "j", "exp": now + 60}
                )
            },
            (401,),
        ),
        Case(
            "a signed refresh token without a family",
            "POST",
            "/public/auth/jwt/refresh",
            {
                "json": {
                    "refresh": jwt.encode(
                        {"typ": "refresh", "store": STORE, "jti": "j", "exp": now + 60}, secret, algorithm="HS256"
                    )
                },
                "headers": {"X-Scalev-Storefront-Api-Key": KEY},
            },
            (401,),
        ),
        Case(
            "a fault rule whose status is text",
            "POST",
            "/__sandbox__/faults",
            {"json": {"status": "five hundred"}, "headers": CONTROL},
        ),
        Case(
            "a fault rule with an unknown key",
            "POST",
            "/__sandbox__/faults",
            {"json": {"path_contains": "/x", "explode": True}, "headers": CONTROL},
        ),
        Case(
            "a fault rule whose times is a list",
            "POST",
            "/__sandbox__/faults",
            {"json": {"status": 503, "times": [1]}, "headers": CONTROL},
        ),
        Case(
            "a fault rule with a 200 status",
            "POST",
            "/__sandbox__/faults",
            {"json": {"status": 200}, "headers": CONTROL},
        ),
        Case(
            "a reset posted by another web page (no control header)",
            "POST",
            "/__sandbox__/reset",
            {"headers": {"Origin": "https://evil.example", "Content-Type": "text/plain"}},
            (403,),
        ),
        Case(
            "a fault posted by another web page (no control header)",
            "POST",
            "/__sandbox__/faults",
            {"content": b'{"status": 503}', "headers": {"Content-Type": "text/plain"}},
            (403,),
        ),
        Case("the outbox read without the control header", "GET", "/__sandbox__/outbox", {}, (403,)),
    ]


def run() -> list[Outcome]:
    app = create_app(SandboxConfig(rate_limit=10**9, auth_rate_limit=10**9))
    client = TestClient(app, raise_server_exceptions=False)
    secret = app.state.sandbox.auth.secret
    outcomes = []
    for case in cases(secret):
        path = case.path if case.path.startswith("/__sandbox__") else ROOT + case.path
        started = time.monotonic()
        try:
            response = client.request(case.method, path, **case.kwargs)
            status, body = response.status_code, response.text
        except Exception as exc:  # a dropped connection: no answer at all
            status, body = None, f"{type(exc).__name__}: {exc}"
        outcomes.append(Outcome(case, status, body[:300], time.monotonic() - started))
    still_fine = client.get(f"{ROOT}/public/items/count", headers={"X-Scalev-Storefront-Api-Key": KEY})
    outcomes.append(
        Outcome(
            Case("the store answers normally afterwards", "GET", "/public/items/count", {}, (200,)),
            still_fine.status_code,
            still_fine.text,
            0.0,
        )
    )
    return outcomes


def table(outcomes: list[Outcome], describe: Callable[[Outcome], str] | None = None) -> str:
    rows = [f"{'ok' if o.ok else 'FAIL':<5}{o.status!s:>5}  {o.case.label}" for o in outcomes]
    return "\n".join(rows)
