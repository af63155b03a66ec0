"""Per-client rate limits and injected faults, applied before any storefront route runs.

Scalev keys its storefront limiter on the client address (never proxy the API, or every
shopper shares one bucket). Every ``/v3`` answer carries ``X-Ratelimit-Limit``,
``X-Ratelimit-Remaining`` and ``X-Ratelimit-Reset``; beyond the limit the answer is 429 with
a plain-text (or, when configured, JSON) body and no ``Retry-After``, as documented.
"""

from __future__ import annotations

import asyncio
import time

from starlette.datastructures import MutableHeaders
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Sign-in, OTP, password reset and order creation share a stricter bucket.
SENSITIVE = ("/public/auth/", "/public/checkout", "/customers/me/checkout")


class LimitsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith("/v3/") or scope["method"] == "OPTIONS":
            await self.app(scope, receive, send)
            return
        state = scope["app"].state.sandbox
        config = state.config
        client = scope["client"][0] if scope.get("client") else "unknown"
        sensitive = scope["method"] == "POST" and any(part in path for part in SENSITIVE)
        bucket, limit = ("sensitive", config.auth_rate_limit) if sensitive else ("general", config.rate_limit)
        allowed, remaining, reset = state.rate_limit(client, bucket, limit)
        headers = {
            "X-Ratelimit-Limit": str(limit),
            "X-Ratelimit-Remaining": str(remaining),
            "X-Ratelimit-Reset": str(reset),
        }

        fault = state.faults.take(scope["method"], path)
        if fault and fault.get("latency_ms"):
            await asyncio.sleep(fault["latency_ms"] / 1000)
        response: Response | None = None
        if not allowed or (fault and fault.get("status") == 429):
            response = self.too_many(config.rate_limit_body if not fault else fault.get("body", "text"))
            headers["X-Ratelimit-Remaining"] = "0"
            if fault:  # an injected 429 resets soon, as a short burst limit would
                headers["X-Ratelimit-Reset"] = str(int(time.time()) + int(fault.get("reset_in", 1)))
        elif fault and fault.get("status"):
            response = JSONResponse(
                {"error": "Sandbox fault", "error_code": "sandbox_fault"}, status_code=int(fault["status"])
            )
        if response is not None:
            response.headers.update(headers)
            await response(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).update(headers)
            await send(message)

        await self.app(scope, receive, send_with_headers)

    @staticmethod
    def too_many(kind: str) -> Response:
        if kind == "json":
            return JSONResponse({"error": "Too many requests", "error_code": "rate_limited"}, status_code=429)
        return PlainTextResponse("Too many requests", status_code=429)
