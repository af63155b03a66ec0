"""Customer sign-in: direct tokens or OTP, single-use refresh, blacklist, password reset."""

from __future__ import annotations

import dataclasses
import re

import httpx
import jwt
import pytest

from scalev_sandbox import SandboxConfig, create_app

from .conftest import KEY_HEADERS, ORIGIN, ROOT, Shopper

pytestmark = pytest.mark.anyio
OTP_MESSAGE = "If this email exists in our system, an OTP has been sent to it."


async def outbox(shopper: Shopper) -> list[dict]:
    return (await shopper.api.get("/__sandbox__/outbox")).json()["data"]


async def test_password_login_returns_signed_tokens(shopper: Shopper):
    tokens = await shopper.sign_in()
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] == 900
    assert tokens["refresh_expires_in"] == 2_592_000 and tokens["store_unique_id"].startswith("store_")
    claims = jwt.decode(tokens["access"], options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] == 900 and claims["typ"] == "access"
    assert (await shopper.call("GET", "/customers/me", auth=True)).json()["customer"]["email"] == "siti@example.com"


@pytest.mark.parametrize(("email", "password"), [("siti@example.com", "salah"), ("nobody@example.com", "Rahasia123!")])
async def test_bad_credentials_are_401(shopper: Shopper, email, password):
    response = await shopper.call("POST", "/public/auth/login", json={"email": email, "password": password})
    assert response.status_code == 401 and response.json()["error_code"] == "invalid_credentials"


async def test_bad_login_bodies_are_400(shopper: Shopper):
    for body in (
        {"email": "siti@example.com"},
        {"email": "no-at-sign", "password": "x"},
        {"email": "siti@example.com", "password": "x", "login_as": "admin"},
    ):
        assert (await shopper.call("POST", "/public/auth/login", json=body)).status_code == 400


async def otp_store(shopper: Shopper) -> None:
    answer = await shopper.api.patch("/__sandbox__/store", json={"is_customer_otp_required": True})
    assert answer.json()["is_customer_otp_required"] is True


async def test_an_otp_store_never_tells_whether_an_email_has_an_account(shopper: Shopper):
    await otp_store(shopper)
    answers = []
    for email, password in (
        ("andi@example.com", "Rahasia123!"),
        ("nobody@example.com", "Rahasia123!"),
        ("andi@example.com", "wrong-password"),
    ):
        reply = await shopper.call("POST", "/public/auth/login", json={"email": email, "password": password})
        answers.append((reply.status_code, reply.json()))
    assert answers == [(200, {"message": OTP_MESSAGE})] * 3
    assert [mail["to"] for mail in await outbox(shopper)] == ["andi@example.com"]  # a code only for right ones
    unknown = await shopper.call(
        "POST", "/public/auth/otp/verify", json={"email": "nobody@example.com", "otp": "123456"}
    )
    assert unknown.status_code == 401 and unknown.json()["error_code"] == "invalid_otp"


async def test_a_store_without_otp_refuses_a_wrong_password_the_same_for_any_email(shopper: Shopper):
    for email in ("siti@example.com", "nobody@example.com"):
        reply = await shopper.call("POST", "/public/auth/login", json={"email": email, "password": "wrong"})
        assert (reply.status_code, reply.json()["error_code"]) == (401, "invalid_credentials")


async def test_store_settings_are_checked_before_they_change(shopper: Shopper):
    for body in ({"is_customer_otp_required": "yes"}, {"theme": "dark"}, {}):
        assert (await shopper.api.patch("/__sandbox__/store", json=body)).status_code == 400


async def test_otp_branch_sends_a_code_and_verifies_it_once(shopper: Shopper):
    await otp_store(shopper)
    challenge = await shopper.call(
        "POST", "/public/auth/login", json={"email": "andi@example.com", "password": "Rahasia123!"}
    )
    assert challenge.json() == {"message": OTP_MESSAGE}
    code = (await outbox(shopper))[-1]["otp"]
    assert re.fullmatch(r"\d{6}", code)
    wrong = await shopper.call(
        "POST",
        "/public/auth/otp/verify",
        json={"email": "andi@example.com", "otp": "000000" if code != "000000" else "111111"},
    )
    assert wrong.status_code == 401
    tokens = (
        await shopper.call("POST", "/public/auth/otp/verify", json={"email": "andi@example.com", "otp": code})
    ).json()
    assert tokens["access"]
    reused = await shopper.call("POST", "/public/auth/otp/verify", json={"email": "andi@example.com", "otp": code})
    assert reused.status_code == 401


async def test_an_expired_code_is_told_apart_from_a_wrong_one(shopper: Shopper):
    await otp_store(shopper)
    await shopper.call("POST", "/public/auth/login", json={"email": "andi@example.com", "password": "Rahasia123!"})
    code = (await outbox(shopper))[-1]["otp"]
    assert (await shopper.api.post("/__sandbox__/otp/expire")).json() == {"expired": 1}
    late = await shopper.call("POST", "/public/auth/otp/verify", json={"email": "andi@example.com", "otp": code})
    assert (late.status_code, late.json()["error_code"]) == (401, "otp_expired")


async def test_a_code_in_other_digits_is_a_wrong_code_not_a_crash(shopper: Shopper):
    await otp_store(shopper)
    await shopper.call("POST", "/public/auth/login", json={"email": "andi@example.com", "password": "Rahasia123!"})
    # Arabic-Indic and full-width digits are wrong codes; a JSON escape that decodes to a lone
    # surrogate is not text at all.
    for code, status, error in (
        ("\u0661\u0662\u0663\u0664\u0665\u0666", 401, "invalid_otp"),
        ("\uff11\uff12\uff13\uff14\uff15\uff16", 401, "invalid_otp"),
        ("12345\\ud800", 400, "invalid_text"),
    ):
        body = '{"email": "andi@example.com", "otp": "' + code + '"}'
        reply = await shopper.call(
            "POST", "/public/auth/otp/verify", content=body.encode(), headers={"Content-Type": "application/json"}
        )
        assert (reply.status_code, reply.json()["error_code"]) == (status, error)


async def test_otp_attempts_are_limited(shopper: Shopper):
    await otp_store(shopper)
    await shopper.call("POST", "/public/auth/login", json={"email": "andi@example.com", "password": "Rahasia123!"})
    code = (await outbox(shopper))[-1]["otp"]
    wrong = "999999" if code != "999999" else "888888"
    for _ in range(5):
        await shopper.call("POST", "/public/auth/otp/verify", json={"email": "andi@example.com", "otp": wrong})
    final = await shopper.call("POST", "/public/auth/otp/verify", json={"email": "andi@example.com", "otp": code})
    assert final.status_code == 401 and final.json()["error_code"] == "otp_attempts_exceeded"


async def test_refresh_rotates_and_reuse_revokes_the_family(shopper: Shopper):
    first = await shopper.sign_in()
    second = (await shopper.call("POST", "/public/auth/jwt/refresh", json={"refresh": first["refresh"]})).json()
    assert second["refresh"] != first["refresh"] and second["access"] != first["access"]
    shopper.access = second["access"]
    assert (await shopper.call("GET", "/customers/me", auth=True)).status_code == 200
    reuse = await shopper.call("POST", "/public/auth/jwt/refresh", json={"refresh": first["refresh"]})
    assert reuse.status_code == 401 and reuse.json()["error_code"] == "token_reused"
    assert (await shopper.call("GET", "/customers/me", auth=True)).status_code == 401
    newest = await shopper.call("POST", "/public/auth/jwt/refresh", json={"refresh": second["refresh"]})
    assert newest.status_code == 401
    other_session = await shopper.sign_in()  # a new sign-in is a new family
    assert (await shopper.call("GET", "/customers/me", auth=True)).status_code == 200 and other_session


async def test_an_access_token_is_not_a_refresh_token(shopper: Shopper):
    tokens = await shopper.sign_in()
    response = await shopper.call("POST", "/public/auth/jwt/refresh", json={"refresh": tokens["access"]})
    assert response.status_code == 401


async def test_blacklist_signs_out_both_tokens(shopper: Shopper):
    tokens = await shopper.sign_in()
    response = await shopper.call(
        "POST", "/public/auth/jwt/blacklist", json={"tokens": [tokens["access"], tokens["refresh"]]}
    )
    assert response.status_code == 204 and response.content == b""
    assert (await shopper.call("GET", "/customers/me", auth=True)).status_code == 401
    assert (
        await shopper.call("POST", "/public/auth/jwt/refresh", json={"refresh": tokens["refresh"]})
    ).status_code == 401
    assert (await shopper.call("POST", "/public/auth/jwt/blacklist", json={"tokens": "x"})).status_code == 400


async def test_customer_routes_need_a_valid_bearer_token(shopper: Shopper):
    assert (await shopper.api.get(ROOT + "/customers/me")).status_code == 401
    garbage = await shopper.api.get(ROOT + "/customers/me", headers={"Authorization": "Bearer jsnull"})
    assert garbage.status_code == 401 and garbage.json()["error_code"] == "invalid_token"
    await shopper.sign_in()
    other_store = await shopper.api.get("/v3/stores/store_other/customers/me", headers=shopper.bearer)
    assert other_store.status_code == 401


async def test_password_reset_mails_a_link_on_the_calling_origin(shopper: Shopper):
    unknown = await shopper.call(
        "POST", "/public/auth/forget-password", json={"email": "nobody@example.com"}, headers={"Origin": ORIGIN}
    )
    assert unknown.status_code == 204 and await outbox(shopper) == []
    await shopper.call(
        "POST", "/public/auth/forget-password", json={"email": "siti@example.com"}, headers={"Origin": ORIGIN}
    )
    link = (await outbox(shopper))[-1]["link"]
    assert link.startswith(f"{ORIGIN}/reset-password?token=")
    await shopper.call("POST", "/public/auth/forget-password", json={"email": "siti@example.com"})
    assert (await outbox(shopper))[-1]["link"].startswith("https://demo.scalev.shop/reset-password?token=")
    token = link.split("token=")[1]
    short = await shopper.call("POST", "/public/auth/save-password", json={"token": token, "password": "pendek"})
    assert short.status_code == 400
    saved = await shopper.call(
        "POST", "/public/auth/save-password", json={"token": token, "password": "BaruSekali2026"}
    )
    assert saved.status_code == 204
    assert (
        await shopper.call("POST", "/public/auth/save-password", json={"token": token, "password": "LainLagi2026"})
    ).status_code == 400
    assert (
        await shopper.call(
            "POST", "/public/auth/save-password", json={"token": "reset-token-from-email", "password": "LainLagi2026"}
        )
    ).status_code == 404
    await shopper.sign_in(password="BaruSekali2026")


async def test_token_lifetimes_are_configurable(sandbox_config: SandboxConfig):
    app = create_app(dataclasses.replace(sandbox_config, access_ttl=60, refresh_ttl=120))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as api:
        tokens = (
            await api.post(
                ROOT + "/public/auth/login",
                headers=KEY_HEADERS,
                json={"email": "siti@example.com", "password": "Rahasia123!"},
            )
        ).json()
    assert (tokens["expires_in"], tokens["refresh_expires_in"]) == (60, 120)
