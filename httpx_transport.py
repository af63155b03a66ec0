"""A CPython transport over httpx for the storefront client, used by tests and tools.

It lives outside the `storefront` package, so the browser archive never carries it."""

from __future__ import annotations

import httpx

from storefront.api.errors import NetworkError, RequestTimeout
from storefront.api.http import HttpRequest, HttpResponse


class HttpxTransport:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = await self.client.request(
                request.method,
                request.url,
                headers=dict(request.headers),
                content=request.body,
                timeout=request.timeout,
            )
        except httpx.TimeoutException as exc:
            raise RequestTimeout(str(exc)) from exc
        except httpx.TransportError as exc:
            raise NetworkError(str(exc)) from exc
        return HttpResponse(response.status_code, {k.lower(): v for k, v in response.headers.items()}, response.text)
