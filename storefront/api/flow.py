"""The layers every request passes through, outermost first, the way httpx layers a client:

    RateGate → Authenticate → Retry → transport

- ``RateGate`` holds a request back while Scalev's bucket is known to be empty: a read waits
  for the reset (15 s at most), a write a few seconds (it was never sent, so sending it after
  the wait is safe); a longer wait is refused at once, with the time to wait.
- ``Authenticate`` adds the identity the operation needs (storefront key, guest token, bearer
  token), keeps the bearer token fresh, renews it once after a 401 and sends the request again,
  and adopts a guest token the API hands back.
- ``Retry`` sends one request, again after network failures, 5xx and 429 for reads only, with
  jittered backoff, within one time budget per read. Writes are sent once: a lost answer to
  "place order" must never become a second order. Only answers from Scalev's store routes
  speak for its rate limiter (a storage host's 429 does not).

Each layer is a callable over data with its collaborators injected (session, clock, rate state),
so the whole flow runs in CPython tests with a scripted transport and a fake clock.
"""

from __future__ import annotations

import asyncio
import dataclasses
import enum
import json
import math
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from ..config import SiteConfig
from .clock import Clock
from .errors import ApiError, BadAnswer, NetworkError, SessionExpired, error_from_response
from .http import HttpRequest, HttpResponse, Transport
from .policy import RateLimitState, RetryPolicy
from .session import Session

KEY_HEADER = "X-Scalev-Storefront-Api-Key"
GUEST_HEADER = "X-Scalev-Guest-Token"


class Auth(enum.Flag):
    """The identities an operation carries; none for a presigned storage URL."""

    NONE = 0
    KEY = enum.auto()
    GUEST = enum.auto()
    BEARER = enum.auto()


@dataclasses.dataclass(frozen=True)
class Call:
    """One request as the layers see it, before any identity header is added."""

    method: str
    url: str
    json: Any = None  # a JSON body, encoded by Authenticate
    content: Any = None  # a raw body (bytes, or a browser Blob), sent untouched
    auth: Auth = Auth.KEY
    headers: Mapping[str, str] = dataclasses.field(default_factory=dict)
    timeout: float = 20.0
    on_progress: Callable[[int], None] | None = None
    #: A POST that only asks (shipping options, a summary, a discount check): tried again and
    #: held to a read's time budget like a GET.
    read_only: bool = False

    @property
    def is_read(self) -> bool:
        return self.method == "GET" or self.read_only


Handler = Callable[[Call], Awaitable[HttpResponse]]


class RateGate:
    def __init__(self, rate: RateLimitState, clock: Clock, policy: RetryPolicy, inner: Handler) -> None:
        self.rate, self.clock, self.policy, self.inner = rate, clock, policy, inner

    async def __call__(self, call: Call) -> HttpResponse:
        if call.auth != Auth.NONE:  # storage uploads are not counted by Scalev's limiter
            wait = self.rate.wait_seconds(self.clock.now())
            if wait > 0:
                longest = self.policy.max_rate_limit_wait if call.is_read else self.policy.max_write_wait
                if wait > longest:
                    message = f"Too many requests; try again in {math.ceil(wait)} s"
                    raise ApiError(
                        429, {"error": "Too many requests", "error_code": "rate_limited", "message": message}
                    )
                await self.clock.sleep(wait)
        return await self.inner(call)


class Authenticate:
    def __init__(
        self,
        config: SiteConfig,
        session: Session,
        refresher: TokenRefresher,
        inner: Callable[[HttpRequest], Awaitable[HttpResponse]],
    ) -> None:
        self.config, self.session, self.refresher, self.inner = config, session, refresher, inner

    def request(self, call: Call) -> HttpRequest:
        headers = {"Accept": "application/json"} if call.auth != Auth.NONE else {}
        if Auth.KEY in call.auth:
            headers[KEY_HEADER] = self.config.storefront_api_key
        if Auth.GUEST in call.auth and self.session.guest_token:
            headers[GUEST_HEADER] = self.session.guest_token
        if Auth.BEARER in call.auth and self.session.access:
            headers["Authorization"] = f"Bearer {self.session.access}"
        body = call.content
        if call.json is not None:
            headers["Content-Type"] = "application/json"
            body = json.dumps(call.json, separators=(",", ":"))
        headers.update(call.headers)
        return HttpRequest(
            call.method,
            call.url,
            headers,
            body,
            timeout=call.timeout,
            on_progress=call.on_progress,
            read_only=call.read_only,
        )

    async def __call__(self, call: Call) -> HttpResponse:
        bearer = Auth.BEARER in call.auth
        if bearer:
            if not self.session.signed_in:
                raise SessionExpired("not signed in")  # nothing to send: Scalev would answer 401
            await self.refresher.ensure_fresh()
        request = self.request(call)
        response = await self.inner(request)
        self.session.adopt_guest_token(response.header(GUEST_HEADER))
        if response.status == 401 and bearer and self.session.signed_in:
            await self.refresher.refresh(stale_access=request.headers.get("Authorization", "")[7:])
            response = await self.inner(self.request(call))
            self.session.adopt_guest_token(response.header(GUEST_HEADER))
        return response


class Retry:
    def __init__(
        self, policy: RetryPolicy, rate: RateLimitState, clock: Clock, transport: Transport, *, counted_under: str = ""
    ) -> None:
        self.policy, self.rate, self.clock, self.transport = policy, rate, clock, transport
        #: Only answers from under this URL speak for Scalev's rate limiter (not the storage's).
        self.counted_under = counted_under

    async def __call__(self, request: HttpRequest) -> HttpResponse:
        read = request.method == "GET" or request.read_only
        started = self.clock.now()
        attempt = 0
        while True:
            attempt += 1
            if read:
                left = self.policy.read_budget - (self.clock.now() - started)
                timeout = min(request.timeout, self.policy.read_timeout, left)
            else:
                timeout = request.timeout
            try:
                response = await self.transport(dataclasses.replace(request, timeout=timeout))
            except NetworkError:
                if self._again(read, attempt, started, self.policy.backoff(attempt)):
                    await self.clock.sleep(self.policy.backoff(attempt))
                    continue
                raise
            counted = request.url.startswith(self.counted_under)
            if counted:
                self.rate.update(response.headers)
            delay: float | None = None
            if response.status == 429 and counted:
                self.rate.exhausted(self.clock.now(), reset_given=response.header("x-ratelimit-reset") is not None)
                delay = self.rate.wait_seconds(self.clock.now())
            elif response.status >= 500:
                delay = self.policy.backoff(attempt)
            if delay is not None and self._again(read, attempt, started, delay):
                await self.clock.sleep(delay)
                continue
            return response

    def _again(self, read: bool, attempt: int, started: float, delay: float) -> bool:
        """Another try only for a read, with tries left, when a useful try (a second at least)
        still fits in its budget after the wait."""
        if not read or attempt >= self.policy.attempts:
            return False
        return self.clock.now() - started + delay + 1.0 <= self.policy.read_budget


class RefreshLock:
    """Serialises token refreshes. The browser swaps in a Web Locks version so that tabs
    take turns too; here an asyncio lock covers concurrent calls in one process."""

    def __init__(self) -> None:
        self._lock = asyncio.Lock()

    async def run(self, job: Callable[[], Awaitable[None]]) -> None:
        async with self._lock:
            await job()


class TokenRefresher:
    """Rotates the single-use refresh token, once at a time across calls and tabs.

    ``send`` is the client's own send path (the refresh call passes the rate gate like any
    other, and is never retried: a refresh token spent on a lost answer cannot be spent again).
    """

    def __init__(
        self,
        session: Session,
        clock: Clock,
        lock: RefreshLock,
        send: Callable[[dict[str, Any]], Awaitable[HttpResponse]],
    ) -> None:
        self.session, self.clock, self.lock, self.send = session, clock, lock, send
        #: Called with no argument after a failed refresh signed the customer out.
        self.on_signed_out: Callable[[], None] | None = None

    async def ensure_fresh(self) -> None:
        if self.session.signed_in and self.session.needs_refresh(self.clock.now()):
            await self.refresh(stale_access=self.session.access, ahead=True)

    async def refresh(self, stale_access: str | None, *, ahead: bool = False) -> None:
        """Renews the pair: ``ahead`` of its expiry by the clock, or after ``stale_access`` met
        a 401. Once this holds the lock, a pair another call or tab renewed meanwhile is kept:
        ahead, when the stored pair is fresh by the clock (another tab may have written the new
        pair while this one read the old expiry); after a 401, when the access token changed."""

        async def job() -> None:
            fresh = not self.session.needs_refresh(self.clock.now())
            if fresh and (ahead or (self.session.access and self.session.access != stale_access)):
                return
            token = self.session.refresh
            if token is None:
                raise SessionExpired("not signed in")
            response = await self.send({"refresh": token})
            if response.status in (400, 401):
                self.session.sign_out()
                if self.on_signed_out:
                    self.on_signed_out()
                raise SessionExpired("session ended")
            if not response.ok:
                raise error_from_response(response)
            try:
                self.session.store_tokens(response.json(), self.clock.now())
            except (ValueError, KeyError, TypeError) as exc:
                raise BadAnswer(f"a refresh answer without tokens ({exc!r})", response.request_id) from None

        await self.lock.run(job)
