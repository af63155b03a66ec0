"""Guest checkout: a composition of widgets (contact fields, destination picker, courier and
payment choices, discount box, field errors, the summary) around one draft.

The view owns the draft (kept in session storage, so a reload, an error or a trip back to the
cart loses nothing) and decides when to ask the store; what to ask is decided by
``storefront.checkout_plan``. Each answer is used only if it still answers the shopper's
latest choices, and the order is placed only at the total the store gave for the choices on
screen (``PlaceOrder`` sends it, once, and finds out what became of it after a lost answer).
"""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import js

from ...api.models import Cart, Order, PaymentMethod
from ...api.shapes import Quote, ShippingChoice
from ...cart_store import CartUpdate
from ...checkout_form import DRAFT_KEY, CheckoutDraft, validate
from ...checkout_plan import (
    SummaryRequest,
    courier,
    destination,
    drafted_location,
    guest_order,
    leave_for,
    needs_shipping,
    quote,
    summary_request,
)
from ...routes import href
from .. import dom
from ..storage import WebStorage
from ..tasks import spawn
from ..widgets.choices import ChoiceList, ChoiceRow
from ..widgets.couriers import CourierChoice
from ..widgets.destination import DestinationPicker, Place
from ..widgets.discount import DiscountBox
from ..widgets.field_errors import FieldErrors
from ..widgets.place_order import PlaceOrder
from ..widgets.summary import FAILED, SummaryPanel
from ..widgets.text_fields import TextFields
from .base import View

TEXT_FIELDS = ("name", "email", "phone", "address", "notes")
#: Fields in the order the form shows them: errors are cleared and focused in this order.
FIELD_ORDER = ("name", "email", "phone", "location", "postal_code", "address", "courier", "payment_method")


class CheckoutView(View):
    template_id = "tpl-view-checkout"

    def mount(self) -> Any:
        root = super().mount()
        self.drafts = WebStorage("sessionStorage")
        self.draft = CheckoutDraft.from_json(self.drafts.get(DRAFT_KEY))
        self.cart: Cart | None = None
        self.methods: list[PaymentMethod] = []
        self.errors = FieldErrors(root, "co", FIELD_ORDER)
        self.fields = self.own(TextFields(self.ctx, root, {n: f"co-{n}" for n in TEXT_FIELDS}, self.typed))
        self.picker = self.own(DestinationPicker(self.ctx, root, "co", self.place_changed, self.side_error))
        self.couriers = self.own(CourierChoice(self.ctx, root, self.courier_picked, self.side_error))
        self.summary = self.own(SummaryPanel(self.ctx, root, self.side_error, self.gate))
        self.place = self.own(
            PlaceOrder(
                self.ctx,
                root,
                self.errors,
                validate=self.valid,
                body=self.order_body,
                blocked=lambda: self.summary.hold(self.summary_request()),
                on_placed=self.placed,
            )
        )
        self.on(dom.slot(root, "total-retry"), "click", lambda e: spawn(self.refresh_offers()))
        self.payments = self.own(ChoiceList(self.ctx, dom.slot(root, "payment"), "payment_method", self.method_picked))
        self.discount_box = self.own(
            DiscountBox(self.ctx, root, self.discount_quote, self.discount_changed, self.discount_typed)
        )
        return root

    @property
    def shipping(self) -> bool:
        return needs_shipping(self.cart.lines) if self.cart is not None else True

    def save(self) -> None:
        self.drafts.set(DRAFT_KEY, self.draft.to_json())
        self.gate()  # a choice changed: the total shown may no longer be the one the order gets
        self.ctx.tracking.checkout_changed(self.buyer_draft(), self.cart, self.shipping)

    def side_error(self, error: Exception) -> None:
        """A failure beside the form (a list, a quote): said above it, without moving focus."""
        if self.current:
            self.errors.form(self.ctx.describe(error), focus=False)

    # -- loading -----------------------------------------------------------------------------

    async def load(self) -> None:
        loaded = await self.fetching(
            asyncio.gather(
                self.ctx.cart.current(),
                self.ctx.client.list_payment_methods(),
                self.picker.load_provinces(),
                self.load_buyer(),
            )
        )
        if loaded is None:
            return
        self.cart, methods, provinces, _ = loaded
        self.methods = self.offered(methods)
        self.ctx.cache.payment_methods = self.methods
        dom.slot(self.root, "loading").hidden = True
        if await self.place.resume():  # an order sent before a lost answer or a reload
            return
        if not self.cart.lines:
            dom.slot(self.root, "empty").hidden = False
            return
        dom.slot(self.root, "form").hidden = False
        self.show_buyer()
        self.fields.fill({name: getattr(self.draft, name) for name in TEXT_FIELDS})
        self.discount_box.fill(self.draft.discount_input or self.draft.discount_code)
        self.picker.start(provinces, self.typed_place())
        self.listen(self.ctx.cart.changed, self.cart_changed)
        self.show_cart()
        self.render_methods()
        self.ctx.tracking.checkout_opened(self.cart)
        if self.shipping and self.picker.place is not None:
            await self.picker.restore_postal_codes()
        await self.refresh_offers()

    # -- who buys: the guest's own details (a signed-in customer's view overrides these) ------

    async def load_buyer(self) -> None:
        """Whatever else the buyer's part of the form needs from the store."""

    def offered(self, methods: list[PaymentMethod]) -> list[PaymentMethod]:
        return methods

    def show_buyer(self) -> None:
        dom.slot(self.root, "signin-prompt").hidden = False

    def summary_request(self) -> SummaryRequest:
        return summary_request(self.cart, self.draft)

    def discount_quote(self) -> Quote:
        return quote(self.draft, self.shipping)

    def errors_of(self) -> dict[str, str]:
        return validate(self.draft, self.t, needs_shipping=self.shipping)

    def order_body(self) -> tuple[dict[str, Any], bool]:
        """The order to send, and whether it goes to the account's checkout."""
        assert self.cart is not None
        token = self.ctx.tracking.intents.order_token()
        return guest_order(self.draft, self.cart, self.shipping, intent_token=token).to_json(), False

    def buyer_draft(self) -> CheckoutDraft:
        """The draft with who buys (a signed-in customer's from the account)."""
        return self.draft

    def typed_place(self) -> Place | None:  # the place the picker shows
        return self.drafted_place()

    # -- the draft ---------------------------------------------------------------------------

    def drafted_place(self) -> Place | None:
        location = drafted_location(self.draft)
        return Place(location, self.draft.postal_code) if location else None

    def cart_changed(self, update: CartUpdate) -> None:
        if not update.settled or self.cart is None or not self.current:
            return
        self.cart = update.cart
        if not self.cart.lines:
            dom.slot(self.root, "form").hidden = True
            dom.slot(self.root, "empty").hidden = False
            return
        self.show_cart()
        spawn(self.refresh_offers())

    def show_cart(self) -> None:
        assert self.cart is not None
        self.summary.show_lines(self.cart)
        shipping = self.shipping
        dom.slot(self.root, "delivery").hidden = not shipping
        dom.slot(self.root, "shipping-panel").hidden = not shipping
        dom.slot(self.root, "digital-only").hidden = shipping

    # -- what the shopper does ---------------------------------------------------------------

    def typed(self, name: str, value: str) -> None:
        setattr(self.draft, name, value)
        self.save()
        self.errors.clear(name)

    def place_changed(self, place: Place | None) -> None:
        d = self.draft
        d.choose_place(place.location if place else None, place.postal_code if place else "")
        self.save()
        self.errors.clear("location")
        if d.postal_code:
            self.errors.clear("postal_code")
        spawn(self.refresh_offers())

    def set_courier(self, choice: ShippingChoice | None) -> None:
        self.draft.courier_service_id = choice.courier_service_id if choice else None
        self.draft.warehouse_unique_id = choice.warehouse_unique_id if choice else None
        self.save()
        self.errors.clear("courier")

    def courier_picked(self, choice: ShippingChoice | None) -> None:
        self.set_courier(choice)
        self.recheck_discount()
        spawn(self.refresh_totals())

    def render_methods(self) -> None:
        if self.draft.payment_method not in {m.code for m in self.methods}:
            self.draft.payment_method = ""
        self.payments.render(
            [ChoiceRow(m.code, m.label, m.description or "") for m in self.methods], self.draft.payment_method
        )

    def method_picked(self, value: str) -> None:
        was_cod = self.draft.payment_method == "cod"
        self.draft.payment_method = value
        self.save()
        self.errors.clear("payment_method")
        self.recheck_discount()
        if was_cod != (value == "cod"):
            spawn(self.refresh_offers())  # COD narrows the couriers
        else:
            spawn(self.refresh_totals())

    def recheck_discount(self) -> None:
        """A code's discount may depend on the method and the courier: checked again."""
        if self.draft.discount_code:
            spawn(self.discount_box.apply())

    def discount_typed(self, text: str) -> None:
        self.draft.discount_input = text
        self.save()

    def discount_changed(self, code: str | None, amount: Decimal | None) -> None:
        self.draft.discount_code = code or ""
        self.summary.discount = (code, amount) if code and amount else None
        self.save()
        spawn(self.refresh_totals())

    # -- asking the store --------------------------------------------------------------------

    async def refresh_offers(self) -> None:
        """Couriers, then the store's totals: both depend on items and destination."""
        if self.shipping:
            self.couriers.chosen = courier(self.draft, True)
            cod = self.draft.payment_method == "cod"
            if not await self.couriers.refresh(destination(self.draft, True), cod=cod):
                if self.couriers.failed:
                    self.summary.failed()
                return
            if self.couriers.chosen != courier(self.draft, True):
                self.set_courier(self.couriers.chosen)  # one this destination and method offer
        await self.refresh_totals()

    async def refresh_totals(self) -> None:
        needs_location = self.shipping and destination(self.draft, True) is None
        await self.summary.refresh(self.summary_request(), needs_location=needs_location)

    # -- placing the order -------------------------------------------------------------------

    def gate(self) -> None:
        self.place.gate()
        dom.slot(self.root, "total-retry").hidden = self.summary.state != FAILED

    def valid(self) -> bool:
        errors = self.errors_of()
        if not self.couriers.options:
            errors.pop("courier", None)  # none offered: the store decides whether the order can ship
        for name in FIELD_ORDER:
            self.errors.clear(name)
        if errors:
            self.errors.report(errors, self.t("checkout.fix"))
        return not errors

    def placed(self, order: Order | None) -> None:  # None: it exists, but only the store's email shows it
        self.ctx.tracking.ordered(order, self.cart, self.buyer_draft())
        self.drafts.remove(DRAFT_KEY)
        self.ctx.cart.emptied()
        self.ctx.cache.last_order = order
        if order is None:
            return
        target, refused = leave_for(order, self.ctx.config.after_checkout)
        if refused:
            js.console.warn("storefront: the order's redirect_url was not followed:", str(order.redirect_url)[:200])
        if target:
            js.location.assign(target)  # the merchant's After Checkout flow, or PayLink's page
            return
        self.ctx.navigate(href("order", slug=order.secret_slug))
