"""Guest checkout: contact, delivery location (search or province → city → subdistrict),
postal code, courier, payment method, discount code, the store's own summary, and the order.

Everything typed is kept in a draft in session storage, so a reload, an error or a trip back
to the cart loses nothing. The total shown is always the store's summary, refreshed whenever
a choice changes; the order is sent once, even on a double click.
"""

from __future__ import annotations

import asyncio
from typing import Any

import js

from ...api import ApiError, StorefrontError
from ...api.models import Cart, CheckoutSummary, Location, PaymentMethod, ShippingOption
from ...api.shapes import (
    Buyer,
    Destination,
    GuestCheckout,
    ShippingAddress,
    ShippingChoice,
)
from ...checkout_form import (
    DRAFT_KEY,
    CheckoutDraft,
    api_field_errors,
    normalise_phone,
    validate,
)
from ...money import format_idr
from ...routes import href
from .. import dom
from ..ffi import Listeners, py_value
from ..storage import WebStorage
from ..tasks import spawn
from .base import View

SEARCH_DELAY = 0.25
SEARCH_MIN = 3
TEXT_FIELDS = ("name", "email", "phone", "address", "notes")
#: Fields in the order the form shows them: errors are cleared and focused in this order.
FIELD_ORDER = ("name", "email", "phone", "location", "postal_code", "address", "courier", "payment_method")


class CheckoutView(View):
    template_id = "tpl-view-checkout"

    def mount(self) -> Any:
        root = super().mount()
        self.store = WebStorage("sessionStorage")
        self.draft = CheckoutDraft.from_json(self.store.get(DRAFT_KEY))
        self.cart: Cart | None = None
        self.methods: list[PaymentMethod] = []
        self.options: list[ShippingOption] = []
        self.summary: CheckoutSummary | None = None
        self.discount_amount = None
        self.placing = False
        self.results: list[Location] = []
        self.active = -1
        self.search_task: asyncio.Task | None = None
        self.summary_task: asyncio.Task | None = None
        self.dynamic = Listeners()
        return root

    def dispose(self) -> None:
        self.dynamic.dispose()
        super().dispose()

    def field(self, name: str) -> Any:
        return self.root.querySelector(f"#co-{name}")

    # -- loading -----------------------------------------------------------------------------

    async def load(self) -> None:
        client = self.app.client
        known = self.app.cart.cart  # the drawer's copy is the server's latest answer
        cart_call = (_ready(known) if known is not None else
                     client.get_cart() if client.session.guest_token else _ready(Cart(None, 0, None, ())))
        loaded = await self.fetching(asyncio.gather(cart_call, client.list_payment_methods(), client.list_provinces()))
        if loaded is None:
            return
        self.cart, self.methods, provinces = loaded
        self.app.cache["methods"] = self.methods
        dom.slot(self.root, "loading").hidden = True
        if not self.cart.lines:
            dom.slot(self.root, "empty").hidden = False
            return
        dom.slot(self.root, "form").hidden = False
        self.fill_provinces(provinces)
        self.restore_draft()
        self.wire()
        self.render_review()
        self.render_methods()
        self.apply_shipping_need()
        if self.needs_shipping and self.draft.location_id:
            await self.load_postal_codes(restore=True)
            await self.refresh_offers()
        else:
            await self.refresh_summary()

    @property
    def needs_shipping(self) -> bool:
        """Digital-only carts skip delivery. A line whose kind the cart does not say counts as
        physical, so an address is asked rather than a parcel lost."""
        if self.cart is None:
            return True
        return any(line.item_type in (None, "physical") for line in self.cart.lines)

    def cart_changed(self, cart: Cart) -> None:
        if self.cart is None or not self.current:
            return
        self.cart = cart
        if not cart.lines:
            dom.slot(self.root, "form").hidden = True
            dom.slot(self.root, "empty").hidden = False
            return
        self.render_review()
        self.apply_shipping_need()
        spawn(self.refresh_offers())

    async def refresh_offers(self) -> None:
        """Couriers, then the store's totals: both depend on items and destination."""
        await self.refresh_shipping()
        await self.refresh_summary()

    # -- the draft ---------------------------------------------------------------------------

    def restore_draft(self) -> None:
        for name in TEXT_FIELDS:
            self.field(name).value = getattr(self.draft, name)
        self.field("discount_code").value = self.draft.discount_code
        if self.draft.location_label:
            self.show_location(self.draft.location_label)

    def save_draft(self) -> None:
        self.store.set(DRAFT_KEY, self.draft.to_json())

    def wire(self) -> None:
        for name in TEXT_FIELDS:
            element = self.field(name)

            def typed(event: Any, name: str = name, element: Any = element) -> None:
                setattr(self.draft, name, str(py_value(element.value) or ""))
                self.save_draft()
                self.clear_error(name)

            self.on(element, "input", typed)
        self.on(self.field("location-search"), "input", self.on_search_input)
        self.on(self.field("location-search"), "keydown", self.on_search_key)
        self.on(self.field("province"), "change", lambda e: spawn(self.province_changed()))
        self.on(self.field("city"), "change", lambda e: spawn(self.city_changed()))
        self.on(self.field("subdistrict"), "change", lambda e: spawn(self.subdistrict_changed()))
        self.on(self.field("postal_code"), "change", lambda e: spawn(self.postal_changed()))
        self.on(dom.slot(self.root, "discount-apply"), "click", lambda e: spawn(self.apply_discount()))
        self.on(dom.slot(self.root, "discount-remove"), "click", lambda e: spawn(self.remove_discount()))
        self.on(self.field("discount_code"), "keydown", self.on_discount_key)
        self.on(dom.slot(self.root, "form"), "submit", self.on_submit)

    # -- review and amounts ------------------------------------------------------------------

    def render_review(self) -> None:
        review = dom.slot(self.root, "review")
        dom.clear(review)
        for line in self.cart.lines:
            row = dom.clone("tpl-review-line")
            name = line.name or ""
            dom.set_text(row, "name", f"{name} – {line.variant_name}" if line.variant_name else name)
            dom.set_text(row, "quantity", f"× {line.quantity}")
            dom.set_text(row, "total", format_idr(line.line_total) if line.line_total is not None else "")
            review.append(row)

    def render_amounts(self) -> None:
        amounts = dom.slot(self.root, "amounts")
        dom.clear(amounts)
        summary = self.summary
        amounts.setAttribute("aria-busy", "false" if summary else "true")
        if summary is None:
            return
        rows = [(self.t("checkout.products"), format_idr(summary.product_price), "")]
        if self.needs_shipping and self.courier() is not None and self.destination() is not None:
            rows.append((self.t("checkout.shipping_cost"), format_idr(summary.shipping_cost), ""))
        if summary.other_income:
            rows.append((summary.other_income_name or self.t("checkout.other_income"), format_idr(summary.other_income), ""))
        if summary.service_fee:
            rows.append((self.t("checkout.service_fee"), format_idr(summary.service_fee), ""))
        if self.discount_amount:
            rows.append((f"{self.t('checkout.discount_line')} ({self.draft.discount_code})",
                         f"−{format_idr(self.discount_amount)}", "discount"))
        rows.append((self.t("checkout.total"), format_idr(summary.gross_revenue), "total"))
        for label, value, kind in rows:
            row = dom.clone("tpl-amount-row")
            if kind:
                row.classList.add(kind)
            dom.set_text(row, "label", label)
            dom.set_text(row, "value", value)
            amounts.append(row)

    def destination(self) -> Destination | None:
        if self.needs_shipping and self.draft.location_id and self.draft.postal_code:
            return Destination(self.draft.location_id, self.draft.postal_code)
        return None

    def courier(self) -> ShippingChoice | None:
        if self.needs_shipping and self.draft.courier_service_id:
            return ShippingChoice(self.draft.courier_service_id, self.draft.warehouse_unique_id)
        return None

    async def refresh_summary(self) -> None:
        """The store's own totals for the current choices; the latest request wins."""
        if self.summary_task is not None and not self.summary_task.done():
            self.summary_task.cancel()
        self.summary_task = spawn(self._summary())
        try:
            await self.summary_task
        except asyncio.CancelledError:
            pass

    def summary_key(self) -> tuple:
        """What the summary depends on; the same key never asks the store twice."""
        lines = tuple((l.id, l.quantity) for l in self.cart.lines) if self.cart else ()
        return (lines, self.destination(), self.courier(), self.draft.payment_method, self.draft.discount_code)

    async def _summary(self) -> None:
        key = self.summary_key()
        if self.summary is not None and key == getattr(self, "last_summary_key", None):
            self.render_amounts()
            return
        dom.slot(self.root, "amounts").setAttribute("aria-busy", "true")
        try:
            summary = await self.app.client.checkout_summary(
                destination=self.destination(), courier=self.courier(),
                payment_method=self.draft.payment_method or None, discount_code=self.draft.discount_code or None)
        except StorefrontError as exc:
            self.show_form_error(self.app.describe(exc), focus=False)
            return
        if self.current:
            self.summary, self.last_summary_key = summary, key
            self.render_amounts()

    # -- delivery ----------------------------------------------------------------------------

    def apply_shipping_need(self) -> None:
        shipping = self.needs_shipping
        dom.slot(self.root, "delivery").hidden = not shipping
        dom.slot(self.root, "shipping-panel").hidden = not shipping
        dom.slot(self.root, "digital-only").hidden = shipping

    def fill_provinces(self, provinces: list) -> None:
        select = self.field("province")
        for province in provinces:
            select.append(_option(str(province.id), province.name))

    def show_location(self, label: str) -> None:
        chosen = dom.slot(self.root, "location-chosen")
        chosen.textContent = self.t("checkout.location_chosen", place=label)
        chosen.hidden = False

    async def choose_location(self, location: Location) -> None:
        self.draft.location_id = location.id
        self.draft.location_label = location.display
        self.draft.province, self.draft.city = location.province_name, location.city_name
        self.draft.subdistrict = location.subdistrict_name
        self.draft.postal_code = ""
        self.draft.courier_service_id = None
        self.save_draft()
        self.clear_error("location")
        self.show_location(location.display)
        await self.load_postal_codes()
        await self.refresh_offers()

    async def load_postal_codes(self, restore: bool = False) -> None:
        select = self.field("postal_code")
        try:
            codes = await self.app.client.list_postal_codes(self.draft.location_id)
        except StorefrontError as exc:
            self.show_form_error(self.app.describe(exc), focus=False)
            return
        select.replaceChildren(_option("", self.t("checkout.choose")))
        for code in codes:
            select.append(_option(code, code))
        select.disabled = False
        if restore and self.draft.postal_code in codes:
            select.value = self.draft.postal_code
        elif len(codes) == 1:
            select.value = codes[0]
            self.draft.postal_code = codes[0]
            self.save_draft()

    async def postal_changed(self) -> None:
        self.draft.postal_code = str(py_value(self.field("postal_code").value) or "")
        self.save_draft()
        self.clear_error("postal_code")
        await self.refresh_offers()

    async def province_changed(self) -> None:
        value = str(py_value(self.field("province").value) or "")
        city, sub = self.field("city"), self.field("subdistrict")
        city.replaceChildren(_option("", self.t("checkout.choose")))
        sub.replaceChildren(_option("", self.t("checkout.choose")))
        city.disabled = sub.disabled = True
        if not value:
            return
        try:
            cities = await self.app.client.list_cities(int(value))
        except StorefrontError as exc:
            self.show_form_error(self.app.describe(exc), focus=False)
            return
        for item in cities:
            city.append(_option(str(item.id), item.name))
        city.disabled = False

    async def city_changed(self) -> None:
        value = str(py_value(self.field("city").value) or "")
        sub = self.field("subdistrict")
        sub.replaceChildren(_option("", self.t("checkout.choose")))
        sub.disabled = True
        self.subdistricts: dict[str, Location] = {}
        if not value:
            return
        try:
            rows = await self.app.client.list_subdistricts(int(value))
        except StorefrontError as exc:
            self.show_form_error(self.app.describe(exc), focus=False)
            return
        for location in rows:
            self.subdistricts[str(location.id)] = location
            sub.append(_option(str(location.id), location.subdistrict_name))
        sub.disabled = False

    async def subdistrict_changed(self) -> None:
        location = getattr(self, "subdistricts", {}).get(str(py_value(self.field("subdistrict").value) or ""))
        if location is not None:
            await self.choose_location(location)

    # -- search as you type ------------------------------------------------------------------

    def on_search_input(self, event: Any) -> None:
        if self.search_task is not None and not self.search_task.done():
            self.search_task.cancel()
        text = str(py_value(self.field("location-search").value) or "").strip()
        if len(text) < SEARCH_MIN:
            self.close_results()
            return
        self.search_task = spawn(self.search(text))

    async def search(self, text: str) -> None:
        await asyncio.sleep(SEARCH_DELAY)  # typing on: this task is cancelled
        try:
            page = await self.app.client.search_locations(text, page_size=8)
        except StorefrontError as exc:
            self.show_form_error(self.app.describe(exc), focus=False)
            return
        if self.current:
            self.show_results(list(page.items))

    def show_results(self, results: list[Location]) -> None:
        self.results, self.active = results, -1
        box = self.field("location-results")
        self.dynamic.dispose()
        dom.clear(box)
        for index, location in enumerate(results):
            option = dom.clone("tpl-location-result")
            option.id = f"co-location-option-{index}"
            option.textContent = location.display
            option.setAttribute("aria-selected", "false")
            self.dynamic.on(option, "mousedown", lambda e, l=location: (e.preventDefault(), spawn(self.pick(l))))
            box.append(option)
        box.hidden = not results
        self.field("location-search").setAttribute("aria-expanded", "true" if results else "false")

    def close_results(self) -> None:
        self.results, self.active = [], -1
        self.field("location-results").hidden = True
        search = self.field("location-search")
        search.setAttribute("aria-expanded", "false")
        search.removeAttribute("aria-activedescendant")

    async def pick(self, location: Location) -> None:
        self.close_results()
        self.field("location-search").value = ""
        await self.choose_location(location)
        self.field("postal_code").focus()

    def on_search_key(self, event: Any) -> None:
        if not self.results:
            return
        if event.key in ("ArrowDown", "ArrowUp"):
            event.preventDefault()
            step = 1 if event.key == "ArrowDown" else -1
            self.active = (self.active + step) % len(self.results)
            for index, option in enumerate(self.field("location-results").children):
                option.setAttribute("aria-selected", "true" if index == self.active else "false")
            self.field("location-search").setAttribute("aria-activedescendant", f"co-location-option-{self.active}")
        elif event.key == "Enter" and self.active >= 0:
            event.preventDefault()
            spawn(self.pick(self.results[self.active]))
        elif event.key == "Escape":
            self.close_results()

    # -- shipping and payment ----------------------------------------------------------------

    async def refresh_shipping(self) -> None:
        holder = dom.slot(self.root, "shipping")
        hint = dom.slot(self.root, "shipping-hint")
        destination = self.destination()
        if not self.needs_shipping:
            return
        if destination is None:
            dom.clear(holder)
            hint.textContent = self.t("checkout.shipping_pick_location")
            hint.hidden = False
            return
        method = self.draft.payment_method if self.draft.payment_method == "cod" else None
        try:
            self.options = await self.app.client.shipping_options(destination, payment_method=method)
        except StorefrontError as exc:
            self.show_form_error(self.app.describe(exc), focus=False)
            return
        if not self.current:
            return
        ids = {o.courier_service_id for o in self.options}
        if self.draft.courier_service_id not in ids:
            self.draft.courier_service_id = self.options[0].courier_service_id if self.options else None
            self.draft.warehouse_unique_id = self.options[0].warehouse_unique_id if self.options else None
            self.save_draft()
        hint.textContent = self.t("checkout.shipping_none")
        hint.hidden = bool(self.options)
        self.render_choices(holder, "courier", [
            (str(o.courier_service_id), o.name,
             " · ".join(p for p in (o.courier_code.upper(), self.t("checkout.etd", days=o.etd) if o.etd else "",
                                    self.t("checkout.cod") if o.is_cod else "") if p),
             format_idr(o.cost)) for o in self.options
        ], str(self.draft.courier_service_id or ""), self.courier_picked)

    def courier_picked(self, value: str) -> None:
        option = next(o for o in self.options if str(o.courier_service_id) == value)
        self.draft.courier_service_id = option.courier_service_id
        self.draft.warehouse_unique_id = option.warehouse_unique_id
        self.save_draft()
        self.clear_error("courier")
        spawn(self.refresh_summary())

    def render_methods(self) -> None:
        codes = {m.code for m in self.methods}
        if self.draft.payment_method not in codes:
            self.draft.payment_method = ""
        self.render_choices(dom.slot(self.root, "payment"), "payment_method",
                            [(m.code, m.label, m.description or "", "") for m in self.methods],
                            self.draft.payment_method, self.method_picked)

    def method_picked(self, value: str) -> None:
        was_cod = self.draft.payment_method == "cod"
        self.draft.payment_method = value
        self.save_draft()
        self.clear_error("payment_method")

        async def refresh() -> None:
            if was_cod != (value == "cod"):
                await self.refresh_shipping()  # COD narrows the couriers
            await self.refresh_summary()

        spawn(refresh())

    def render_choices(self, holder: Any, name: str, rows: list[tuple[str, str, str, str]], current: str,
                       picked: Any) -> None:
        dom.clear(holder)
        for value, title, detail, end in rows:
            node = dom.clone("tpl-choice")
            radio = dom.slot(node, "input")
            radio.name, radio.value = name, value
            radio.checked = value == current
            dom.set_text(node, "title", title)
            dom.set_text(node, "detail", detail)
            dom.set_text(node, "end", end)
            self.on(radio, "change", lambda e, v=value: picked(v))
            holder.append(node)

    # -- discount ----------------------------------------------------------------------------

    def on_discount_key(self, event: Any) -> None:
        if event.key == "Enter":
            event.preventDefault()
            spawn(self.apply_discount())

    async def apply_discount(self) -> None:
        code = str(py_value(self.field("discount_code").value) or "").strip().upper()
        message = dom.slot(self.root, "discount-message")
        message.classList.remove("error")
        if not code:
            return
        try:
            result = await self.app.client.check_discount(code, destination=self.destination(), courier=self.courier(),
                                                          payment_method=self.draft.payment_method or None)
        except StorefrontError as exc:
            message.textContent = self.app.describe(exc)
            message.classList.add("error")
            return
        if result.is_eligible:
            self.draft.discount_code, self.discount_amount = code, result.discount
            message.textContent = self.t("checkout.discount_ok", code=code, amount=format_idr(result.discount))
            dom.slot(self.root, "discount-remove").hidden = False
        else:
            self.draft.discount_code, self.discount_amount = "", None
            message.textContent = self.t("checkout.discount_bad", code=code)
            message.classList.add("error")
        self.save_draft()
        await self.refresh_summary()

    async def remove_discount(self) -> None:
        self.draft.discount_code, self.discount_amount = "", None
        self.field("discount_code").value = ""
        dom.slot(self.root, "discount-message").textContent = ""
        dom.slot(self.root, "discount-remove").hidden = True
        self.save_draft()
        await self.refresh_summary()

    # -- errors ------------------------------------------------------------------------------

    def field_error_element(self, name: str) -> Any:
        return py_value(self.root.querySelector(f"#co-{name}-error"))

    def show_field_error(self, name: str, message: str) -> None:
        error = self.field_error_element(name)
        if error is None:
            return
        error.textContent = message
        error.hidden = False
        control = self.control_for(name)
        if control is not None:
            control.setAttribute("aria-invalid", "true")

    def clear_error(self, name: str) -> None:
        error = self.field_error_element(name)
        if error is not None:
            error.hidden = True
        control = self.control_for(name)
        if control is not None:
            control.removeAttribute("aria-invalid")

    def control_for(self, name: str) -> Any:
        if name == "location":
            return self.field("location-search")
        if name in ("courier", "payment_method"):
            return py_value(self.root.querySelector(f'input[name="{name}"]'))
        return py_value(self.field(name))

    def show_form_error(self, message: str, focus: bool = True) -> None:
        box = dom.slot(self.root, "form-error")
        box.textContent = message
        box.hidden = False
        if focus:
            box.focus()

    # -- placing the order -------------------------------------------------------------------

    def on_submit(self, event: Any) -> None:
        event.preventDefault()
        if self.placing:
            return
        # Set here, in the event handler, not in the coroutine: a double click's second
        # submit arrives before a scheduled coroutine would run.
        self.placing = True
        button = dom.slot(self.root, "place")
        button.disabled = True
        button.textContent = self.t("checkout.placing")
        spawn(self.place())

    async def place(self) -> None:
        button = dom.slot(self.root, "place")
        dom.slot(self.root, "form-error").hidden = True
        try:
            await self._place()
        finally:
            self.placing = False
            if self.current:
                button.disabled = False
                button.textContent = self.t("checkout.place")

    async def _place(self) -> None:
        errors = validate(self.draft, self.t, needs_shipping=self.needs_shipping)
        if not self.options:
            errors.pop("courier", None)  # none offered: the store decides whether the order can ship
        for name in FIELD_ORDER:
            self.clear_error(name)
        if errors:
            self.report(errors)
            return
        draft = self.draft
        checkout = GuestCheckout(
            Buyer(draft.name.strip(), draft.email.strip(), normalise_phone(draft.phone) if draft.phone.strip() else None),
            draft.payment_method,
            shipping=(ShippingAddress(draft.address.strip(), draft.location_id, draft.postal_code, draft.province,
                                      draft.city, draft.subdistrict) if self.needs_shipping else None),
            courier=self.courier(), discount_code=draft.discount_code or None, notes=draft.notes.strip() or None,
        )
        try:
            order = await self.app.client.place_order(checkout)
        except ApiError as exc:
            mapped = api_field_errors(exc.field_errors)
            if mapped:
                self.report({k: v for k, v in mapped.items() if k != "form"}, extra=mapped.get("form"))
            else:
                self.show_form_error(self.app.describe(exc))
            return
        except StorefrontError as exc:
            self.show_form_error(self.app.describe(exc))
            return
        self.store.remove(DRAFT_KEY)
        self.app.cart.show(Cart(self.cart.id if self.cart else None, 0, None, ()))
        self.app.cache["last_order"] = order
        follow = self.app.config.after_checkout == "redirect_url" or order.payment_method == "payment_link"
        if follow and order.redirect_url:
            js.location.assign(order.redirect_url)  # the merchant's After Checkout flow, or PayLink's page
            return
        self.app.navigate(href("order", slug=order.secret_slug))

    def report(self, errors: dict[str, str], extra: str | None = None) -> None:
        for name, message in errors.items():
            self.show_field_error(name, message)
        summary = self.t("checkout.fix") + (f" {extra}" if extra else "")
        self.show_form_error(summary, focus=False)
        first = next((self.control_for(n) for n in FIELD_ORDER if n in errors), None)
        if first is not None:
            first.focus()
        else:
            dom.slot(self.root, "form-error").focus()


def _option(value: str, text: str) -> Any:
    option = js.document.createElement("option")
    option.value = value
    option.textContent = text
    return option


async def _ready(cart: Cart) -> Cart:
    return cart
