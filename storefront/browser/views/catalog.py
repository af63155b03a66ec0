"""The catalog: item count and cards for products and bundle price options, page by page."""

from __future__ import annotations

import asyncio
from typing import Any

import js

from ...api import StorefrontError
from ...api.models import ItemCard, Page
from ...money import format_idr_range
from ...routes import href
from .. import dom
from ..ffi import listen
from .base import View

PAGE_SIZE = 12


class CatalogView(View):
    template_id = "tpl-view-catalog"

    async def load(self) -> None:
        cached = self.app.cache.get("catalog")
        if cached is None:
            try:
                total, page = await asyncio.gather(
                    self.app.client.count_items(), self.app.client.list_items(page_size=PAGE_SIZE)
                )
            except StorefrontError as exc:
                if self.current:
                    self.show_error(exc, self.load)
                return
            cached = {"total": total, "pages": [page]}
            self.app.cache["catalog"] = cached
        if not self.current:
            return
        self.fill(cached)
        js.performance.mark("sf:catalog-rendered")

    def fill(self, cached: dict[str, Any]) -> None:
        dom.set_text(self.root, "count", self.t("catalog.count", count=cached["total"]))
        grid = dom.slot(self.root, "items")
        dom.clear(grid)
        for page in cached["pages"]:
            for item in page.items:
                grid.append(self.card(item))
        empty = dom.slot(self.root, "empty")
        dom.show(empty, not any(page.items for page in cached["pages"]))
        self.update_more(cached)

    more_bound = False

    def update_more(self, cached: dict[str, Any]) -> None:
        more = dom.slot(self.root, "more")
        last: Page = cached["pages"][-1]
        dom.show(more, last.has_next)
        if last.has_next and not self.more_bound:
            self.more_bound = True
            listen(more, "click", lambda event: asyncio.ensure_future(self.load_more()))

    async def load_more(self) -> None:
        cached = self.app.cache["catalog"]
        more = dom.slot(self.root, "more")
        more.disabled = True
        try:
            page = await self.app.client.list_items(
                page_size=PAGE_SIZE, cursor=cached["pages"][-1].next_cursor
            )
        except StorefrontError:
            self.app.announce(self.t("error.generic"))
            return
        finally:
            more.disabled = False
        cached["pages"].append(page)
        if self.current:
            grid = dom.slot(self.root, "items")
            for item in page.items:
                grid.append(self.card(item))
            self.update_more(cached)

    def card(self, item: ItemCard) -> Any:
        node = dom.clone("tpl-card")
        link = dom.slot(node, "link")
        link.href = href("bundle" if item.is_bundle else "product", slug=item.slug)
        node.dataset.entity = item.entity_type
        dom.set_text(node, "name", item.name)
        dom.set_text(node, "price", format_idr_range(item.price.low, item.price.high))
        image = dom.slot(node, "image")
        if item.image:
            image.src = item.image
        dom.show(dom.slot(node, "bundle"), item.is_bundle)
        dom.show(dom.slot(node, "stock"), not item.in_stock)
        if item.category:
            dom.set_text(node, "category", item.category.name or item.category.full_path)
        return node
