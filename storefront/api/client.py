"""``StorefrontClient``: one method per Storefront API operation, returning parsed models.

Request building and response parsing are plain functions of their inputs; the only I/O is the
``transport`` call, so the same client runs in Pyodide and in CPython tests.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, urlencode

from ..config import SiteConfig
from .errors import error_from_response
from .http import HttpRequest, HttpResponse, Transport
from .models import BundleDetail, ItemCard, Page, ProductDetail

KEY_HEADER = "X-Scalev-Storefront-Api-Key"


class StorefrontClient:
    def __init__(self, config: SiteConfig, transport: Transport) -> None:
        self.config = config
        self.transport = transport

    # -- building and sending -----------------------------------------------------------------

    def build(
        self,
        method: str,
        path: str,
        *,
        query: dict[str, Any] | None = None,
        body: Any = None,
    ) -> HttpRequest:
        """A public-route request: store root + path, storefront key, JSON body when given."""
        url = self.config.store_root + path
        params = {k: v for k, v in (query or {}).items() if v is not None}
        if params:
            url += "?" + urlencode(params)
        headers = {KEY_HEADER: self.config.storefront_api_key, "Accept": "application/json"}
        text = None
        if body is not None:
            headers["Content-Type"] = "application/json"
            text = json.dumps(body, separators=(",", ":"))
        return HttpRequest(method, url, headers, text)

    async def send(self, request: HttpRequest) -> HttpResponse:
        response = await self.transport(request)
        if not response.ok:
            raise error_from_response(response)
        return response

    async def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        return (await self.send(self.build(method, path, **kwargs))).json()

    # -- catalog -----------------------------------------------------------------------------

    async def count_items(self) -> int:
        return int((await self._json("GET", "/public/items/count"))["total"])

    async def list_items(self, *, page_size: int | None = None, cursor: str | None = None) -> Page:
        data = await self._json(
            "GET", "/public/items", query={"page_size": page_size, "next_cursor": cursor}
        )
        return Page.parse(data, ItemCard.parse)

    async def get_product(self, slug: str) -> ProductDetail:
        return ProductDetail.parse(await self._json("GET", f"/public/products/{quote(slug, safe='')}"))

    async def get_bundle(self, slug: str) -> BundleDetail:
        return BundleDetail.parse(
            await self._json("GET", f"/public/bundle-price-options/{quote(slug, safe='')}")
        )
