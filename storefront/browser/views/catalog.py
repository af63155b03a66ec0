"""The catalog: products and bundle price options, page by page, with search, category and
sorting over the items already loaded (the items endpoint takes no filters; the page says so)."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import js

from ...api import StorefrontError
from ...api.models import ItemCard, Page
from ...money import format_idr_range
from ...routes import href
from .. import dom
from ..ffi import py_value
from ..tasks import spawn
from .base import View

PAGE_SIZE = 12
#: How long the pages already shown are reused when the shopper comes back (stock moves).
KEEP_SECONDS = 120
SORTS = {
    "newest": None,
    "price_low": lambda c: (c.price.low is None, c.price.low or Decimal(0)),
    "price_high": lambda c: (c.price.high is None, -(c.price.high or Decimal(0))),
    "name": lambda c: c.name.lower(),
}


class CatalogView(View):
    template_id = "tpl-view-catalog"

    async def load(self) -> None:
        cached = self.app.cache.get("catalog")
        if cached is not None and self.app.client.clock.now() - cached["at"] > KEEP_SECONDS:
            cached = None
        if cached is None:
            try:
                total, page, categories = await asyncio.gather(
                    self.app.client.count_items(), self.app.client.list_items(page_size=PAGE_SIZE),
                    self.app.client.list_categories(),
                )
            except StorefrontError as exc:
                if self.current:
                    self.show_error(exc)
                return
            cached = {"total": total, "pages": [page], "categories": categories, "at": self.app.client.clock.now(),
                      "filters": {"search": "", "category": "", "sort": "newest"}}
            self.app.cache["catalog"] = cached
        if not self.current:
            return
        self.cached = cached
        self.setup_filters()
        self.fill()
        js.performance.mark("sf:catalog-rendered")

    @property
    def items(self) -> list[ItemCard]:
        return [item for page in self.cached["pages"] for item in page.items]

    def setup_filters(self) -> None:
        form = dom.slot(self.root, "filters")
        form.hidden = False
        filters = self.cached["filters"]
        select = dom.slot(self.root, "category")
        for category in self.cached["categories"]:
            option = js.document.createElement("option")
            option.value = str(category.id)
            option.textContent = category.full_path
            select.append(option)
        search, sort = dom.slot(self.root, "search"), dom.slot(self.root, "sort")
        search.value, select.value, sort.value = filters["search"], filters["category"], filters["sort"]

        def changed(event: Any) -> None:
            filters.update(search=str(py_value(search.value) or ""), category=str(py_value(select.value) or ""),
                           sort=str(py_value(sort.value) or "newest"))
            self.fill()

        for element, event in ((search, "input"), (select, "change"), (sort, "change")):
            self.on(element, event, changed)
        self.on(form, "submit", lambda event: event.preventDefault())

    def visible(self) -> list[ItemCard]:
        filters = self.cached["filters"]
        needle = filters["search"].strip().lower()
        rows = [
            item for item in self.items
            if (not needle or needle in item.name.lower() or needle in (item.description or "").lower())
            and (not filters["category"] or (item.category and str(item.category.id) == filters["category"]))
        ]
        key = SORTS.get(filters["sort"])
        return sorted(rows, key=key) if key else rows

    def fill(self) -> None:
        dom.set_text(self.root, "count", self.t("catalog.count", count=self.cached["total"]))
        grid = dom.slot(self.root, "items")
        grid.setAttribute("aria-busy", "false")
        dom.clear(grid)
        rows = self.visible()
        for item in rows:
            grid.append(self.card(item))
        dom.show(dom.slot(self.root, "empty"), not self.items)
        dom.show(dom.slot(self.root, "no-match"), bool(self.items) and not rows)
        self.update_more()

    more_bound = False

    def update_more(self) -> None:
        more = dom.slot(self.root, "more")
        last: Page = self.cached["pages"][-1]
        dom.show(more, last.has_next)
        if last.has_next and not self.more_bound:
            self.more_bound = True
            self.on(more, "click", lambda event: spawn(self.load_more()))

    async def load_more(self) -> None:
        more = dom.slot(self.root, "more")
        more.disabled = True
        try:
            page = await self.app.client.list_items(page_size=PAGE_SIZE, cursor=self.cached["pages"][-1].next_cursor)
        except StorefrontError as exc:
            self.app.alert(self.app.describe(exc))
            return
        finally:
            more.disabled = False
        self.cached["pages"].append(page)
        if self.current:
            self.fill()

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
        bundle = dom.slot(node, "bundle")
        bundle.textContent = self.t("card.bundle")
        dom.show(bundle, item.is_bundle)
        stock = dom.slot(node, "stock")
        stock.textContent = self.t("card.out_of_stock")
        dom.show(stock, not item.in_stock)
        if item.category:
            dom.set_text(node, "category", item.category.name or item.category.full_path)
        return node
