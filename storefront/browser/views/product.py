"""Product and bundle detail pages."""

from __future__ import annotations

import js

from ...api import ApiError, StorefrontError
from ...money import format_idr, format_idr_range
from .. import dom
from .base import View


class ProductView(View):
    template_id = "tpl-view-product"

    async def fetch(self, slug: str):  # type: ignore[no-untyped-def]
        return await self.app.client.get_product(slug)

    async def load(self) -> None:
        slug = self.route.params["slug"]
        try:
            detail = await self.fetch(slug)
        except ApiError as exc:
            if self.current and exc.status == 404:
                dom.set_text(self.root, "name", self.t("product.not_found"))
                dom.show(dom.slot(self.root, "details"), False)
                return
            if self.current:
                self.show_error(exc, self.load)
            return
        except StorefrontError as exc:
            if self.current:
                self.show_error(exc, self.load)
            return
        if not self.current:
            return
        self.fill(detail)
        js.performance.mark("sf:detail-rendered")

    def fill(self, detail) -> None:  # type: ignore[no-untyped-def]
        card = detail.card
        dom.set_text(self.root, "name", card.name)
        dom.set_text(self.root, "price", format_idr_range(card.price.low, card.price.high))
        dom.set_text(self.root, "description", card.description or "")
        if card.image:
            image = dom.slot(self.root, "image")
            image.src = card.image
            image.alt = card.name
        dom.show(dom.slot(self.root, "details"), True)


class BundleView(ProductView):
    template_id = "tpl-view-bundle"

    async def fetch(self, slug: str):  # type: ignore[no-untyped-def]
        return await self.app.client.get_bundle(slug)

    def fill(self, detail) -> None:  # type: ignore[no-untyped-def]
        super().fill(detail)
        if detail.price is not None:
            dom.set_text(self.root, "price", format_idr(detail.price))
        lines = dom.slot(self.root, "lines")
        dom.clear(lines)
        for line in detail.lines:
            row = dom.clone("tpl-bundle-line")
            dom.set_text(row, "quantity", str(line.quantity))
            dom.set_text(row, "name", line.product_name or line.variant_name or "")
            lines.append(row)
