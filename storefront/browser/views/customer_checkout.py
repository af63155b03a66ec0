"""Checkout for a signed-in customer: the account's cart and checkout routes, the buyer's
details from the account, saved addresses offered first (the default one chosen), or a new
address typed with the same picker."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from typing import Any

from ...api.models import Address, PaymentMethod
from ...api.shapes import Quote
from ...checkout_form import CheckoutDraft, validate
from ...checkout_plan import SummaryRequest, cart_items, customer_order, quote, summary_request
from ...customer_session import Identity
from ...routes import RouteMatch
from .. import dom
from ..context import ViewContext
from ..tasks import spawn
from ..widgets.destination import Place
from ..widgets.saved_addresses import SavedAddresses
from .checkout import CheckoutView

FIELD_ORDER = ("location", "postal_code", "address", "courier", "payment_method")


class CustomerCheckoutView(CheckoutView):
    def mount(self) -> Any:
        root = super().mount()
        self.errors.order = FIELD_ORDER
        self.identity: Identity | None = None
        self.addresses: list[Address] = []
        self.account_methods: set[str] = set()
        self.saved = self.own(SavedAddresses(self.ctx, root, self.saved_picked))
        return root

    async def load_buyer(self) -> None:
        client = self.ctx.client
        self.identity, self.addresses, accepted = await asyncio.gather(
            self.ctx.customer.load_identity(), client.checkout_addresses(), client.checkout_payment_methods()
        )
        self.account_methods = set(accepted.get("payment_methods") or ())

    def offered(self, methods: list[PaymentMethod]) -> list[PaymentMethod]:
        """The store's methods the account's checkout takes (with the store's own labels)."""
        return [m for m in methods if m.code in self.account_methods] if self.account_methods else methods

    def show_buyer(self) -> None:
        dom.slot(self.root, "contact").hidden = True
        if self.identity is not None:
            signed = dom.slot(self.root, "signed-in")
            signed.textContent = self.t("checkout.signed_in_as", name=self.identity.name, email=self.identity.email)
            signed.hidden = False
        typed_new = bool(self.draft.location_id) and self.draft.address_id is None
        picked = self.saved.show(self.addresses, self.draft.address_id, new=typed_new)
        self.use_address(picked, refresh=False)

    def typed_place(self) -> Place | None:
        return None if self.draft.address_id else self.drafted_place()

    def saved_picked(self, address: Address | None) -> None:
        self.errors.clear("address_choice")
        self.use_address(address, refresh=True)

    def use_address(self, address: Address | None, *, refresh: bool) -> None:
        """A saved address fills the draft's place; a new one shows the picker to choose it."""
        dom.slot(self.root, "new-address").hidden = address is not None
        d = self.draft
        d.address_id = address.id if address else None
        if address is not None and address.location:
            place = address.location
            if d.location_id != place.get("id"):
                d.courier_service_id = d.warehouse_unique_id = None
            d.location_id, d.postal_code = int(place["id"]), address.postal_code or ""
            d.province, d.city = place.get("province_name") or "", place.get("city_name") or ""
            d.subdistrict = place.get("subdistrict_name") or ""
            d.location_label = ", ".join(p for p in (d.subdistrict, d.city, d.province) if p)
            d.address = address.address or ""
        self.save()
        if refresh:
            self.picker.set_place(self.drafted_place() if address is None else None)
            spawn(self.refresh_offers())

    def summary_request(self) -> SummaryRequest:
        return summary_request(self.cart, self.draft, account=True)

    def discount_quote(self) -> Quote:
        items = cart_items(self.cart) if self.cart is not None else ()
        return dataclasses.replace(quote(self.draft, self.shipping), items=items)

    def errors_of(self) -> dict[str, str]:
        return validate(self.draft, self.t, needs_shipping=self.shipping, account=True)

    def order_body(self) -> tuple[dict[str, Any], bool]:
        assert self.cart is not None
        token = self.ctx.tracking.intents.order_token()
        return customer_order(self.draft, self.cart, self.shipping, intent_token=token).to_json(), True

    def buyer_draft(self) -> CheckoutDraft:
        """The account is the buyer: its name and email (a saved address's phone is not here)."""
        if self.identity is None:
            return self.draft
        return dataclasses.replace(self.draft, name=self.identity.name, email=self.identity.email)


def checkout_view(ctx: ViewContext, route: RouteMatch, alive: Callable[[], bool], reload: Any) -> CheckoutView:
    """The checkout for whoever is shopping: the guest's, or the signed-in customer's."""
    kind = CustomerCheckoutView if ctx.customer.signed_in else CheckoutView
    return kind(ctx, route, alive, reload)
