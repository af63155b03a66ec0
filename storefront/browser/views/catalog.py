"""The catalog: products and bundle price options, page by page, with search, category and
sorting over the items already loaded (``storefront.catalog_state`` decides what shows)."""

from __future__ import annotations

import asyncio
from typing import Any

import js

from ...api import StorefrontError
from ...api.models import ItemCard
from ...catalog_state import PAGE_SIZE, CatalogSnapshot
from ...money import format_idr_range
from ...routes import href
from .. import dom
from ..ffi import py_value
from ..tasks import spawn
from .base import View


class CatalogView(View):
    template_id = "tpl-view-catalog"

    async def load(self) -> None:
        client, cache = self.ctx.client, self.ctx.cache
        snapshot = cache.catalog
        if snapshot is None or not snapshot.is_fresh(client.clock.now()):
            try:
                total, page, categories = await asyncio.gather(
                    client.count_items(), client.list_items(page_size=PAGE_SIZE), client.list_categories()
                )
            except StorefrontError as exc:
                if self.current:
                    self.show_error(exc)
                return
            filters = snapshot.filters if snapshot is not None else None
            snapshot = CatalogSnapshot(total, [page], categories, client.clock.now())
            if filters is not None:
                snapshot.filters = filters
            cache.catalog = snapshot
        if not self.current:
            return
        self.snapshot = snapshot
        self.setup_filters()
        self.fill()
        js.performance.mark("sf:catalog-rendered")

    def setup_filters(self) -> None:
        form = dom.slot(self.root, "filters")
        form.hidden = False
        filters = self.snapshot.filters
        select = dom.slot(self.root, "category")
        for category in self.snapshot.categories:
            select.append(dom.option(str(category.id), category.full_path))
        search, sort = dom.slot(self.root, "search"), dom.slot(self.root, "sort")
        search.value, select.value, sort.value = filters.search, filters.category, filters.sort
        for control in (search, select, sort):
            control.disabled = False

        def changed(event: Any) -> None:
            filters.search = str(py_value(search.value) or "")
            filters.category = str(py_value(select.value) or "")
            filters.sort = str(py_value(sort.value) or "newest")
            self.fill()

        for element, event in ((search, "input"), (select, "change"), (sort, "change")):
            self.on(element, event, changed)
        self.on(form, "submit", lambda event: event.preventDefault())
        more = dom.slot(self.root, "more")
        self.on(more, "click", lambda event: spawn(self.load_more()))

    def fill(self) -> None:
        snapshot = self.snapshot
        dom.set_text(self.root, "count", self.t("catalog.count", count=snapshot.total))
        grid = dom.slot(self.root, "items")
        grid.setAttribute("aria-busy", "false")
        dom.clear(grid)
        rows = snapshot.visible()
        for item in rows:
            grid.append(self.card(item))
        dom.show(dom.slot(self.root, "empty"), not snapshot.items)
        dom.show(dom.slot(self.root, "no-match"), bool(snapshot.items) and not rows)
        dom.show(dom.slot(self.root, "more"), snapshot.has_more)

    async def load_more(self) -> None:
        more = dom.slot(self.root, "more")
        more.disabled = True
        snapshot = self.snapshot
        try:
            page = await self.ctx.client.list_items(page_size=PAGE_SIZE, cursor=snapshot.next_cursor)
        except StorefrontError as exc:
            self.ctx.shell.alert(self.ctx.describe(exc))
            return
        finally:
            more.disabled = False
        snapshot.pages.append(page)
        if self.current:
            self.fill()

    def card(self, item: ItemCard) -> Any:
        node = dom.clone("tpl-card")
        dom.slot(node, "link").href = href("bundle" if item.is_bundle else "product", slug=item.slug)
        node.dataset.entity = item.entity_type
        dom.set_text(node, "name", item.name)
        dom.set_text(node, "price", format_idr_range(item.price.low, item.price.high))
        if item.image:
            dom.slot(node, "image").src = item.image
        dom.show(dom.slot(node, "bundle"), item.is_bundle)
        dom.show(dom.slot(node, "stock"), not item.in_stock)
        if item.category:
            dom.set_text(node, "category", item.category.name or item.category.full_path)
        return node
