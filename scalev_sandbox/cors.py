"""CORS limited to the store's registered origins, as Scalev enforces it.

A request from an origin that is not registered gets no CORS headers at all, so the browser
blocks it; a preflight from such an origin is refused with 403. Responses expose the guest token,
the rate-limit headers and the request id so browser code can read them.
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: The four headers Scalev documents for storefront calls, plus the checkout-intent token that
#: its capture routes take.
ALLOW_HEADERS = (
    "X-Scalev-Storefront-Api-Key, X-Scalev-Guest-Token, Authorization, Content-Type, X-Scalev-Checkout-Intent-Token"
)
#: PUT is for the transfer-proof upload URL the sandbox stands in for.
ALLOW_METHODS = "GET, POST, PATCH, PUT, DELETE, OPTIONS"
EXPOSE_HEADERS = "X-Scalev-Guest-Token, X-Ratelimit-Limit, X-Ratelimit-Remaining, X-Ratelimit-Reset, X-Request-Id"
PREFLIGHT_MAX_AGE = "600"


class StoreCorsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        if origin is None:
            await self.app(scope, receive, send)
            return
        allowed = origin in scope["app"].state.sandbox.allowed_origins
        if scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            if not allowed:
                response = PlainTextResponse("Origin not allowed", status_code=403)
            else:
                response = PlainTextResponse(
                    "",
                    status_code=204,
                    headers={
                        "Access-Control-Allow-Origin": origin,
                        "Access-Control-Allow-Methods": ALLOW_METHODS,
                        "Access-Control-Allow-Headers": ALLOW_HEADERS,
                        "Access-Control-Max-Age": PREFLIGHT_MAX_AGE,
                        "Vary": "Origin",
                    },
                )
            await response(scope, receive, send)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                out.add_vary_header("Origin")
                if allowed:
                    out["Access-Control-Allow-Origin"] = origin
                    out["Access-Control-Expose-Headers"] = EXPOSE_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_cors)
