"""The client's flow with a scripted transport and a fake clock: tokens, retries, rate
limits, request economy. No network, no sleeping."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

import pytest

from storefront.api import ApiError, HttpRequest, HttpResponse, NetworkError, SessionExpired, StorefrontClient
from storefront.api.policy import RetryPolicy
from storefront.api.shapes import Buyer, GuestCheckout, Quote, VariantItem
from storefront.api.storage import MemoryStorage
from storefront.config import SiteConfig

pytestmark = pytest.mark.anyio
CONFIG = SiteConfig("https://api.test", "store_x", "sfpk_x")
TOKENS = {
    "access": "access-1",
    "refresh": "refresh-1",
    "token_type": "Bearer",
    "expires_in": 900,
    "refresh_expires_in": 2592000,
}
PROFILE = {
    "customer": {"id": 1, "email": "a@example.com", "is_unsubscribe": False},
    "store": {},
    "is_generated_password_reset": False,
}


class FakeClock:
    def __init__(self) -> None:
        self.t = 1_800_000_000.0
        self.slept: list[float] = []

    def now(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.t += seconds


class Script:
    """A transport that answers from a handler and records every request."""

    def __init__(self, handler: Callable[[HttpRequest], HttpResponse]) -> None:
        self.handler = handler
        self.requests: list[HttpRequest] = []

    async def __call__(self, request: HttpRequest) -> HttpResponse:
        self.requests.append(request)
        await asyncio.sleep(0)
        return self.handler(request)

    def paths(self) -> list[str]:
        return [f"{r.method} {r.url.split('/store_x', 1)[1]}" for r in self.requests]


def ok(body: object = None, status: int = 200, **headers: str) -> HttpResponse:
    return HttpResponse(
        status, {k.replace("_", "-").lower(): v for k, v in headers.items()}, "" if body is None else json.dumps(body)
    )


def make(
    handler: Callable[[HttpRequest], HttpResponse], storage: MemoryStorage | None = None, **kwargs
) -> tuple[StorefrontClient, Script, FakeClock]:
    script, clock = Script(handler), FakeClock()
    client = StorefrontClient(
        CONFIG,
        script,
        storage=storage or MemoryStorage(),
        clock=clock,
        retry=RetryPolicy(attempts=3, base_delay=0.4, max_delay=4.0),
        **kwargs,
    )
    return client, script, clock


def signed_in(client: StorefrontClient, clock: FakeClock, expires_in: int = 900) -> None:
    client.session.store_tokens({**TOKENS, "expires_in": expires_in}, clock.now())


# -- guest token ------------------------------------------------------------------------------


async def test_guest_token_is_captured_persisted_resent_and_replaced():
    tokens = iter(["guest-1", "guest-1", "guest-2"])
    client, script, _ = make(lambda r: ok({"items": []}, x_scalev_guest_token=next(tokens)))
    await client.get_cart()
    assert client.session.storage.get("scalev_guest_token") == "guest-1"
    await client.get_cart()
    assert script.requests[1].headers["X-Scalev-Guest-Token"] == "guest-1"
    await client.get_cart()
    assert client.session.guest_token == "guest-2"


SUMMARY = {
    "product_price": "1",
    "shipping_cost": "0",
    "other_income": "0",
    "other_income_name": None,
    "service_fee": "0",
    "gross_revenue": "1",
}


async def test_the_guest_token_goes_only_where_it_belongs():
    client, script, _ = make(lambda r: ok(SUMMARY if r.url.endswith("/summary") else {"total": 1}))
    client.session.adopt_guest_token("guest-1")
    await client.count_items()
    await client.checkout_summary(Quote(items=(VariantItem(1),)))
    assert "X-Scalev-Guest-Token" not in script.requests[0].headers
    assert script.requests[1].headers["X-Scalev-Guest-Token"] == "guest-1"


# -- customer tokens --------------------------------------------------------------------------


def auth_server(refresh_status: int = 200) -> Callable[[HttpRequest], HttpResponse]:
    state = {"n": 1}

    def handle(request: HttpRequest) -> HttpResponse:
        if request.url.endswith("/jwt/refresh"):
            if refresh_status != 200:
                return ok({"error": "Refresh token revoked"}, refresh_status)
            state["n"] += 1
            return ok({**TOKENS, "access": f"access-{state['n']}", "refresh": f"refresh-{state['n']}"})
        if request.url.endswith("/customers/me"):
            if request.headers.get("Authorization") != f"Bearer access-{state['n']}":
                return ok({"error": "Token has expired", "error_code": "token_expired"}, 401)
            return ok(PROFILE)
        return ok({})

    return handle


async def test_tokens_are_refreshed_shortly_before_they_expire():
    client, script, clock = make(auth_server())
    signed_in(client, clock)
    await client.get_profile()
    assert script.paths() == ["GET /customers/me"]
    clock.t += 900 - 30  # inside the refresh margin
    await client.get_profile()
    assert script.paths()[1:] == ["POST /public/auth/jwt/refresh", "GET /customers/me"]
    assert client.session.refresh == "refresh-2"


async def test_a_401_refreshes_once_and_retries_once():
    client, script, clock = make(auth_server())
    signed_in(client, clock)
    client.session.storage.set("scalev_customer_token", "access-stale")
    profile = await client.get_profile()
    assert profile.email == "a@example.com"
    assert script.paths() == ["GET /customers/me", "POST /public/auth/jwt/refresh", "GET /customers/me"]


async def test_a_failed_refresh_signs_out_but_keeps_the_guest_cart():
    client, script, clock = make(auth_server(refresh_status=401))
    signed_out = []
    client.on_signed_out = lambda: signed_out.append(True)
    client.session.adopt_guest_token("guest-1")
    signed_in(client, clock, expires_in=10)
    with pytest.raises(SessionExpired):
        await client.get_profile()
    assert not client.session.signed_in and client.session.access is None
    assert client.session.guest_token == "guest-1" and signed_out == [True]
    assert script.paths() == ["POST /public/auth/jwt/refresh"]


async def test_concurrent_calls_share_one_refresh():
    client, script, clock = make(auth_server())
    signed_in(client, clock, expires_in=10)
    await asyncio.gather(client.get_profile(), client.get_profile(), client.get_profile())
    assert script.paths().count("POST /public/auth/jwt/refresh") == 1


async def test_a_refresh_done_by_another_tab_is_adopted_not_repeated():
    storage = MemoryStorage()
    client, script, clock = make(auth_server(), storage=storage)
    signed_in(client, clock, expires_in=10)
    stale = client.session.access
    # Another tab rotated the pair while this one waited for the lock:
    storage.set("scalev_customer_token", "access-2")
    storage.set("scalev_customer_refresh_token", "refresh-2")
    storage.set("scalev_customer_token_expires_at", str(clock.now() + 900))
    await client.refresh_tokens(stale_access=stale)
    assert script.paths() == []


async def test_a_pair_renewed_elsewhere_while_the_old_expiry_was_read_is_kept():
    """Another tab wrote the new access token, and this one read it with the old expiry: it
    decided to renew ahead, but once it holds the lock the stored pair is fresh."""
    storage = MemoryStorage()
    client, script, clock = make(auth_server(), storage=storage)
    signed_in(client, clock, expires_in=10)
    storage.set("scalev_customer_token", "access-2")  # the other tab's write, half done
    decided_with = client.session.access
    storage.set("scalev_customer_refresh_token", "refresh-2")
    storage.set("scalev_customer_token_expires_at", str(clock.now() + 900))
    await client.refresher.refresh(stale_access=decided_with, ahead=True)
    assert script.paths() == []


async def test_a_401_with_a_fresh_looking_token_still_renews():
    server = auth_server()
    client, script, clock = make(server)
    signed_in(client, clock, expires_in=900)
    client.session.storage.set("scalev_customer_token", "access-revoked")  # fresh by the clock, refused by the store
    assert (await client.get_profile()).email == "a@example.com"
    assert script.paths() == ["GET /customers/me", "POST /public/auth/jwt/refresh", "GET /customers/me"]


async def test_sign_in_merges_the_guest_cart_and_logout_blacklists_both_tokens():
    def handle(request: HttpRequest) -> HttpResponse:
        if request.url.endswith("/auth/login"):
            return ok(TOKENS)
        if request.url.endswith("/cart/merge"):
            return ok({"id": 9, "item_count": 1, "items": []}, x_scalev_guest_token="guest-1")
        if request.url.endswith("/customers/me"):
            return ok(PROFILE)
        return ok(None, 204)

    client, script, _ = make(handle)
    client.session.adopt_guest_token("guest-1")
    await client.login("a@example.com", "pw")
    merge = script.requests[1]
    assert merge.headers["Authorization"] == "Bearer access-1" and merge.headers["X-Scalev-Guest-Token"] == "guest-1"
    await client.logout()
    assert json.loads(script.requests[-1].body) == {"tokens": ["access-1", "refresh-1"]}
    assert not client.session.signed_in and client.session.guest_token == "guest-1"


async def test_the_otp_branch_is_returned_as_a_challenge():
    client, _, _ = make(lambda r: ok({"message": "If this email exists in our system, an OTP has been sent to it."}))
    challenge = await client.login("andi@example.com", "pw")
    assert challenge.email == "andi@example.com" and "OTP" in challenge.message
    assert not client.session.signed_in


# -- retries and rate limits ------------------------------------------------------------------


def flaky(failures: list[object], final: HttpResponse) -> Callable[[HttpRequest], HttpResponse]:
    def handle(request: HttpRequest) -> HttpResponse:
        if failures:
            failure = failures.pop(0)
            if isinstance(failure, Exception):
                raise failure
            return failure  # type: ignore[return-value]
        return final

    return handle


async def test_reads_retry_network_errors_and_5xx_with_bounded_jittered_backoff():
    client, script, clock = make(flaky([NetworkError("down"), ok({"error": "x"}, 503)], ok({"total": 4})))
    assert await client.count_items() == 4
    assert len(script.requests) == 3
    assert len(clock.slept) == 2 and 0.2 <= clock.slept[0] <= 0.4 and 0.4 <= clock.slept[1] <= 0.8


async def test_reads_give_up_after_the_last_attempt():
    client, script, _ = make(flaky([NetworkError("down")] * 5, ok({"total": 4})))
    with pytest.raises(NetworkError):
        await client.count_items()
    assert len(script.requests) == 3


async def test_order_creation_is_never_retried():
    client, script, _ = make(flaky([NetworkError("lost")], ok({})))
    checkout = GuestCheckout(
        Buyer("A", "a@example.com"), Quote(payment_method="bank_transfer", items=(VariantItem(1),))
    )
    with pytest.raises(NetworkError):
        await client.place_order(checkout)
    client2, script2, _ = make(lambda r: ok({"error": "Sandbox fault"}, 503))
    with pytest.raises(ApiError) as caught:
        await client2.place_order(checkout)
    assert caught.value.status == 503 and len(script.requests) == 1 and len(script2.requests) == 1


async def test_a_429_read_waits_for_the_reset_then_succeeds():
    clock_holder: dict[str, FakeClock] = {}

    def handle(request: HttpRequest) -> HttpResponse:
        if len(script.requests) == 1:
            reset = str(int(clock_holder["c"].now()) + 7)
            return HttpResponse(
                429,
                {
                    "content-type": "text/plain",
                    "x-ratelimit-remaining": "0",
                    "x-ratelimit-reset": reset,
                    "x-ratelimit-limit": "60",
                },
                "Too many requests",
            )
        return ok({"total": 2}, x_ratelimit_remaining="59", x_ratelimit_reset="0", x_ratelimit_limit="60")

    client, script, clock = make(handle)
    clock_holder["c"] = clock
    assert await client.count_items() == 2
    assert clock.slept == [7.0] and len(script.requests) == 2


async def test_a_429_without_a_reset_pauses_briefly_not_until_another_buckets_reset():
    def handle(request: HttpRequest) -> HttpResponse:
        if len(script.requests) == 1:  # a full bucket's reset, a minute away
            return ok({"total": 1}, x_ratelimit_remaining="59", x_ratelimit_reset=str(int(clock.now()) + 60))
        if len(script.requests) == 2:  # a burst limit's 429, its headers unreadable
            return HttpResponse(429, {"content-type": "text/plain"}, "Too many requests")
        return ok({"total": 3}, x_ratelimit_remaining="58", x_ratelimit_reset=str(int(clock.now()) + 59))

    client, script, clock = make(handle)
    await client.count_items()
    client.cache.clear()
    assert await client.count_items() == 3
    assert clock.slept == [1.0] and len(script.requests) == 3


async def test_a_429_write_is_surfaced_and_the_next_write_is_held_back():
    client, script, clock = make(
        lambda r: HttpResponse(
            429,
            {
                "content-type": "text/plain",
                "x-ratelimit-remaining": "0",
                "x-ratelimit-reset": str(int(clock.now()) + 30),
            },
            "Too many requests",
        )
    )
    with pytest.raises(ApiError) as caught:
        await client.add_to_cart(VariantItem(1))
    assert caught.value.is_rate_limited and caught.value.error == "Too many requests"
    with pytest.raises(ApiError) as held:
        await client.add_to_cart(VariantItem(1))
    assert held.value.is_rate_limited and len(script.requests) == 1 and "30" in str(held.value)


async def test_a_post_that_only_asks_is_retried_like_a_read_and_an_order_is_not():
    answers = iter([HttpResponse(503, {}, ""), ok(SUMMARY)])
    client, script, clock = make(lambda r: next(answers))
    summary = await client.checkout_summary(Quote(items=(VariantItem(1),)))
    assert summary.gross_revenue == 1 and len(script.requests) == 2
    assert script.requests[0].timeout <= client.retry.read_timeout  # a stalled try leaves room for another
    client, script, _ = make(lambda r: HttpResponse(503, {}, ""))
    with pytest.raises(ApiError):
        await client.send_order({"payment_method": "qris"}, customer=False)
    assert len(script.requests) == 1


async def test_a_write_waits_out_a_short_reset_then_is_sent():
    def handle(request: HttpRequest) -> HttpResponse:
        if len(script.requests) == 1:
            reset = str(int(clock.now()) + 3)
            return HttpResponse(429, {"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset}, "Too many requests")
        return ok({"items": []})

    client, script, clock = make(handle)
    with pytest.raises(ApiError):
        await client.add_to_cart(VariantItem(1))  # refused: the shopper is told
    await client.add_to_cart(VariantItem(1))  # pressed again at once: held 3 s, then sent
    assert clock.slept == [3.0] and len(script.requests) == 2


async def test_the_storage_hosts_429_does_not_speak_for_scalevs_limiter():
    from storefront.api.models import TransferProofUpload

    client, script, clock = make(
        lambda r: (
            HttpResponse(429, {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(clock.now()) + 60)}, "")
            if r.method == "PUT"
            else ok({"total": 1})
        )
    )
    upload = TransferProofUpload("k", "a.png", "image/png", 10, "https://files.test/k/a.png", "https://s3.test/k?sig=1")
    with pytest.raises(ApiError):
        await client.put_upload(upload, b"0123456789")
    assert await client.count_items() == 1 and clock.slept == []


# -- request economy --------------------------------------------------------------------------


async def test_identical_concurrent_reads_share_one_request():
    client, script, _ = make(
        lambda r: ok({"variant_id": 1, "available": True, "available_qty": 3, "stock_status": "low_stock"})
    )
    results = await asyncio.gather(*(client.variant_availability(1) for _ in range(5)))
    assert len(script.requests) == 1 and all(r.available_qty == 3 for r in results)


async def test_catalog_reads_are_cached_briefly_in_memory_and_session_storage():
    session = MemoryStorage()
    client, script, clock = make(lambda r: ok({"total": 7}), cache_storage=session)
    assert await client.count_items() == 7
    assert await client.count_items() == 7
    assert len(script.requests) == 1
    other_page_load, script2, clock2 = make(lambda r: ok({"total": 8}), cache_storage=session)
    clock2.t = clock.t
    assert await other_page_load.count_items() == 7 and script2.requests == []
    clock.t += 121
    assert await client.count_items() == 7 and len(script.requests) == 2


async def test_cart_reads_are_never_cached():
    client, script, _ = make(lambda r: ok({"items": []}))
    await client.get_cart()
    await client.get_cart()
    assert len(script.requests) == 2


# -- one send path ------------------------------------------------------------------------------


async def test_different_concurrent_reads_share_one_refresh():
    client, script, clock = make(auth_server())
    signed_in(client, clock, expires_in=10)
    await asyncio.gather(client.get_profile(), client.list_orders(), client.list_addresses())
    assert script.paths().count("POST /public/auth/jwt/refresh") == 1
    assert all(r.headers.get("Authorization") == "Bearer access-2" for r in script.requests if "/customers/" in r.url)


async def test_a_read_gives_up_within_its_time_budget():
    from storefront.api import RequestTimeout

    def hang(request: HttpRequest) -> HttpResponse:
        clock.t += request.timeout  # the transport waited its whole timeout
        raise RequestTimeout("no answer")

    client, script, clock = make(hang)
    started = clock.now()
    with pytest.raises(RequestTimeout):
        await client.count_items()
    assert clock.now() - started <= client.retry.read_budget
    assert [r.timeout for r in script.requests] == [7.0, 7.0]  # a third try could not finish in time


async def test_uploads_go_through_the_send_path_without_scalev_headers():
    from storefront.api.models import TransferProofUpload

    client, script, _ = make(lambda r: ok(None, 200))
    client.session.adopt_guest_token("guest-1")
    heard: list[int] = []
    upload = TransferProofUpload(
        "k", "a.png", "image/png", 3, "https://files.test/a.png", "https://files.test/put?sig=1"
    )
    await client.put_upload(upload, b"png", on_progress=heard.append)
    (sent,) = script.requests
    assert (sent.method, sent.url, sent.body) == ("PUT", "https://files.test/put?sig=1", b"png")
    assert dict(sent.headers) == {"Content-Type": "image/png"} and sent.on_progress is not None
    assert client.sent == [sent]
    refused, _, _ = make(lambda r: ok({"error": "expired signature"}, 403))
    with pytest.raises(ApiError):
        await refused.put_upload(upload, b"png")


async def test_checkout_intent_updates_carry_their_token_through_the_rate_gate():
    client, script, clock = make(
        lambda r: ok(None, 204, x_ratelimit_remaining="0", x_ratelimit_reset=str(int(clock.now()) + 20))
    )
    await client.update_checkout_intent("ci-1", "cit_abc", {"sequence": 1})
    sent = script.requests[0]
    assert sent.headers["X-Scalev-Checkout-Intent-Token"] == "cit_abc"
    assert sent.headers["X-Scalev-Storefront-Api-Key"] == "sfpk_x" and sent.method == "PATCH"
    with pytest.raises(ApiError) as held:  # the bucket is empty: a write waits for nobody
        await client.update_checkout_intent("ci-1", "cit_abc", {"sequence": 2})
    assert held.value.is_rate_limited and len(script.requests) == 1


async def test_the_refresh_call_passes_the_rate_gate_and_is_never_retried():
    def handle(request: HttpRequest) -> HttpResponse:
        if request.url.endswith("/jwt/refresh"):
            return ok({"error": "upstream"}, 503)
        return ok(PROFILE)

    client, script, clock = make(handle)
    signed_in(client, clock, expires_in=10)
    with pytest.raises(ApiError):
        await client.get_profile()
    assert script.paths() == ["POST /public/auth/jwt/refresh"]
    assert client.session.signed_in  # a 503 is not a refused token: the customer stays signed in


# -- answers that are not what the spec says ----------------------------------------------------


class ReportingStorage(MemoryStorage):
    def __init__(self) -> None:
        super().__init__()
        self.reports: list[str] = []

    def discarded(self, key: str, reason: str) -> None:
        self.reports.append(key)


CATEGORIES = {"data": [{"id": 1, "name": "Buku", "full_path": "Buku"}], "is_paginated": False}


async def test_a_cached_answer_another_version_wrote_is_discarded_and_read_again():
    session = ReportingStorage()
    client, script, _ = make(lambda r: ok(CATEGORIES), cache_storage=session)
    await client.list_categories()
    (key,) = session.data
    expires = json.loads(session.data[key])[0]
    session.data[key] = json.dumps([expires, {"data": "not a list of categories"}])
    fresh_page_load, script2, _ = make(lambda r: ok(CATEGORIES), cache_storage=session)
    assert [c.name for c in await fresh_page_load.list_categories()] == ["Buku"]
    assert len(script2.requests) == 1 and session.reports == [key]
    assert json.loads(session.data[key])[1] == CATEGORIES  # the store's answer replaced it


async def test_an_answer_that_is_not_json_or_not_the_specs_shape_is_a_bad_answer():
    from storefront.api import BadAnswer

    client, script, _ = make(lambda r: HttpResponse(200, {"x-request-id": "req_1"}, "<html>proxy</html>"))
    with pytest.raises(BadAnswer) as not_json:
        await client.get_order("slug")
    assert not_json.value.request_id == "req_1"
    client, script, _ = make(lambda r: ok({"items": "none"}, x_request_id="req_2"))
    with pytest.raises(BadAnswer) as wrong_shape:
        await client.get_cart()
    assert wrong_shape.value.request_id == "req_2" and len(script.requests) == 1  # a write or not: never re-sent
    with pytest.raises(ValueError):
        await client.subscription_options("item_1", "sideways")  # a caller's mistake stays one
