"""Product and bundle detail pages: gallery, option picker, live price and stock, add to cart."""

from __future__ import annotations

from typing import Any

import js

from ...api import StorefrontError
from ...api.models import BundleDetail, ProductDetail, VariantPricing
from ...api.shapes import BundleItem, VariantItem
from ...money import format_idr, format_idr_range
from ...variants import Choice, choose, first_available_choice, option_groups, selected_variant
from .. import dom
from ..ffi import Listeners, py_value
from ..sanitize import set_sanitized_html
from ..tasks import spawn
from .base import View

MAX_QUANTITY = 100


class DetailView(View):
    """What product and bundle pages share: loading, gallery, quantity, the add button."""

    detail: Any = None

    async def fetch(self, slug: str) -> Any:
        raise NotImplementedError

    async def load(self) -> None:
        self.detail = await self.fetching(
            self.fetch(self.route.params["slug"]), not_found=("name", "product.not_found")
        )
        if self.detail is None:
            return
        await self.fill()
        js.performance.mark("sf:detail-rendered")
        if self.current:
            self.viewed()

    def viewed(self) -> None:
        """The detail is on screen: ViewContent for the advertising channels."""

    async def fill(self) -> None:
        card = self.detail.card
        dom.set_text(self.root, "name", card.name)
        self.gallery(list(card.images), card.name)
        set_sanitized_html(dom.slot(self.root, "description"), self.detail.rich_description or card.description)
        self.quantity_controls()
        self.on(dom.slot(self.root, "buy"), "submit", self.on_submit)
        dom.show(dom.slot(self.root, "details"), True)

    # -- gallery -----------------------------------------------------------------------------

    def gallery(self, images: list[str], name: str) -> None:
        main = dom.slot(self.root, "image")
        if not images:
            return
        main.src, main.alt = images[0], self.t("product.image", number=1, name=name)
        thumbs = dom.slot(self.root, "thumbs")
        if len(images) < 2:
            return
        for number, url in enumerate(images, 1):
            node = dom.clone("tpl-thumb")
            button, image = dom.slot(node, "button"), dom.slot(node, "thumb-image")
            image.src = url
            label = self.t("product.image", number=number, name=name)
            button.setAttribute("aria-label", label)
            button.setAttribute("aria-current", "true" if number == 1 else "false")

            def show(event: Any, url: str = url, label: str = label, button: Any = button) -> None:
                main.src, main.alt = url, label
                for other in thumbs.querySelectorAll("button"):
                    other.setAttribute("aria-current", "false")
                button.setAttribute("aria-current", "true")

            self.on(button, "click", show)
            thumbs.append(node)

    # -- quantity and adding -----------------------------------------------------------------

    def quantity_controls(self) -> None:
        field = dom.slot(self.root, "quantity")

        def step(delta: int) -> None:
            field.value = str(max(1, min(MAX_QUANTITY, self.quantity() + delta)))

        self.on(dom.slot(self.root, "minus"), "click", lambda e: step(-1))
        self.on(dom.slot(self.root, "plus"), "click", lambda e: step(1))

    def quantity(self) -> int:
        try:
            return max(1, min(MAX_QUANTITY, int(str(py_value(dom.slot(self.root, "quantity").value) or "1"))))
        except ValueError:
            return 1

    def item(self) -> Any:
        raise NotImplementedError

    def on_submit(self, event: Any) -> None:
        event.preventDefault()
        spawn(self.add())

    async def add(self) -> None:
        message = dom.slot(self.root, "message")
        message.classList.remove("error")
        item = self.item()
        if item is None:
            message.textContent = self.t("product.choose_all")
            message.classList.add("error")
            return
        button = dom.slot(self.root, "add")
        button.disabled = True
        button.textContent = self.t("product.adding")
        added = self.t("product.added", name=self.detail.card.name)
        before = self.ctx.cart.cart
        try:
            after = await self.ctx.cart.add(item)
        except StorefrontError as exc:
            message.textContent = self.ctx.describe(exc)
            message.classList.add("error")
            # Too many requests: the button comes back when the store takes requests again.
            client = self.ctx.client
            await client.clock.sleep(client.rate.wait_seconds(client.clock.now()))
        else:
            message.textContent = added
            self.ctx.shell.announce(added)
            self.ctx.shell.open_cart()
            self.ctx.tracking.added(before, after)
        finally:
            button.disabled = False
            button.textContent = self.t("product.add")


class ProductView(DetailView):
    template_id = "tpl-view-product"
    choice: Choice = (None, None, None)
    pricing: dict[int, VariantPricing] = {}

    async def fetch(self, slug: str) -> ProductDetail:
        return await self.ctx.client.get_product(slug)

    async def fill(self) -> None:
        detail: ProductDetail = self.detail
        try:
            rows = await self.ctx.client.variant_pricing([v.id for v in detail.variants])
            self.pricing = {row.variant_id: row for row in rows}
        except StorefrontError:
            self.pricing = {}  # the detail's own prices still show; stock is then unknown
        if not self.current:
            return
        self.option_count = sum(1 for name in detail.option_names if name)
        available = {vid: row.available for vid, row in self.pricing.items()}
        self.choice = first_available_choice(detail.variants, available, self.option_count)
        self.option_listeners = self.own(Listeners())
        self.render_options()
        await super().fill()

    def render_options(self) -> None:
        detail: ProductDetail = self.detail
        self.option_listeners.dispose()
        holder = dom.slot(self.root, "options")
        dom.clear(holder)
        available = {vid: row.available for vid, row in self.pricing.items()}
        for group in option_groups(detail.option_names, detail.variants, self.choice, available):
            node = dom.clone("tpl-option-group")
            dom.set_text(node, "legend", group.name)
            values = dom.slot(node, "values")
            for value in group.values:
                option = dom.clone("tpl-option-value")
                radio = dom.slot(option, "input")
                radio.name = f"option{group.index + 1}"
                radio.value = value.value
                radio.checked = self.choice[group.index] == value.value
                radio.disabled = not value.possible
                label = (
                    value.value
                    if value.in_stock or not value.possible
                    else f"{value.value} ({self.t('product.out_of_stock')})"
                )
                dom.set_text(option, "label", label)
                if value.possible and not value.in_stock:
                    option.classList.add("sold-out")

                def picked(event: Any, index: int = group.index, chosen: str = value.value) -> None:
                    self.choice = choose(self.choice, index, chosen, detail.variants)
                    self.render_options()
                    focus = py_value(self.root.querySelector(f'input[name="option{index + 1}"]:checked'))
                    if focus is not None:
                        focus.focus()

                self.option_listeners.on(radio, "change", picked)
                values.append(option)
            holder.append(node)
        self.update_price()

    def update_price(self) -> None:
        detail: ProductDetail = self.detail
        variant = selected_variant(detail.variants, self.choice, self.option_count)
        price, stock = dom.slot(self.root, "price"), dom.slot(self.root, "stock")
        stock.className = "stock"
        add = dom.slot(self.root, "add")
        if variant is None:
            price.textContent = format_idr_range(detail.card.price.low, detail.card.price.high)
            stock.textContent = self.t("product.unavailable") if all(self.choice[: self.option_count]) else ""
            add.disabled = all(self.choice[: self.option_count])
            return
        if variant.images:  # the chosen colour's own picture, and its thumbnail marked
            main = dom.slot(self.root, "image")
            main.src = variant.images[0]
            main.alt = variant.name or detail.card.name
            for thumb in self.root.querySelectorAll(".thumbs button"):
                shown = thumb.querySelector("img").getAttribute("src") == variant.images[0]
                thumb.setAttribute("aria-current", "true" if shown else "false")
        row = self.pricing.get(variant.id)
        amount = row.price if row and row.price is not None else variant.price
        price.textContent = format_idr(amount) if amount is not None else ""
        if row is None:
            stock.textContent = ""
            add.disabled = False
        elif not row.available:
            stock.textContent = self.t("product.out_of_stock")
            stock.classList.add("out")
            add.disabled = True
        elif row.available_qty is not None and row.available_qty <= 5:
            stock.textContent = self.t("product.low_stock", count=row.available_qty)
            stock.classList.add("low")
            add.disabled = False
        else:
            stock.textContent = self.t("product.in_stock")
            add.disabled = False

    def viewed(self) -> None:
        variant = selected_variant(self.detail.variants, self.choice, self.option_count)
        row = self.pricing.get(variant.id) if variant else None
        self.ctx.tracking.viewed_product(self.detail, variant, row.price if row else None)

    def item(self) -> VariantItem | None:
        variant = selected_variant(self.detail.variants, self.choice, self.option_count)
        return VariantItem(variant.id, self.quantity()) if variant else None


class BundleView(DetailView):
    template_id = "tpl-view-bundle"

    async def fetch(self, slug: str) -> BundleDetail:
        return await self.ctx.client.get_bundle(slug)

    async def fill(self) -> None:
        detail: BundleDetail = self.detail
        amount = detail.price if detail.price is not None else detail.card.price.low
        dom.set_text(self.root, "price", format_idr(amount) if amount is not None else "")
        stock = dom.slot(self.root, "stock")
        stock.textContent = self.t("product.in_stock" if detail.card.in_stock else "product.out_of_stock")
        stock.className = "stock" if detail.card.in_stock else "stock out"
        dom.slot(self.root, "add").disabled = not detail.card.in_stock
        lines = dom.slot(self.root, "lines")
        for line in detail.lines:
            row = dom.clone("tpl-bundle-line")
            dom.set_text(row, "count", str(line.quantity))
            dom.set_text(row, "name", line.product_name or line.variant_name or "")
            lines.append(row)
        await super().fill()

    def viewed(self) -> None:
        detail: BundleDetail = self.detail
        self.ctx.tracking.viewed_bundle(detail.card.name, detail.price or detail.card.price.low)

    def item(self) -> BundleItem:
        return BundleItem(self.detail.card.bundle_price_option_id or self.detail.card.id, self.quantity())
