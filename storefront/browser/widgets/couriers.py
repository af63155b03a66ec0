"""The courier choice: the store's shipping options for a destination, one of them chosen.

A courier the shopper chose stays chosen while the store still offers it; otherwise the first
offer is taken (``chosen``). Only the answer to the latest destination and payment method is
shown; ``on_pick`` hears the shopper's own picks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...api import StorefrontError
from ...api.models import ShippingOption
from ...api.shapes import Destination, Quote, ShippingChoice
from ...money import format_idr
from ...signals import Latest
from .. import dom
from ..component import Component
from ..context import ViewContext
from .choices import ChoiceList, ChoiceRow


class CourierChoice(Component):
    def __init__(
        self,
        ctx: ViewContext,
        root: Any,
        on_pick: Callable[[ShippingChoice], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        super().__init__(ctx, root)
        self.on_pick = on_pick
        self.on_error = on_error
        self.options: list[ShippingOption] = []
        self.chosen: ShippingChoice | None = None
        self.failed = False
        self.turn = Latest()
        self.hint = dom.slot(root, "shipping-hint")
        self.list = self.own(ChoiceList(ctx, dom.slot(root, "shipping"), "courier", self._picked))

    async def refresh(self, place: Destination | None, *, cod: bool) -> bool:
        """Reads the offers for ``place`` and keeps ``chosen`` when they still include it (the
        choice as it is when the answer arrives: a pick made meanwhile is kept), else takes the
        first. Returns False when a newer refresh overtook this one or it failed (``failed``
        says which; after a failure no courier is offered until a refresh succeeds: the ones
        shown were for another place or method)."""
        turn = self.turn.take()
        self.failed = False
        if place is None:
            self.options, self.chosen = [], None
            self.list.render([], "")
            self._hint("checkout.shipping_pick_location", shown=True)
            return True
        try:
            options = await self.ctx.client.shipping_options(Quote(place, payment_method="cod" if cod else None))
        except StorefrontError as exc:
            if self.turn.is_current(turn):
                self.failed = True
                self.options = []
                self.list.render([], "")
                self.on_error(exc)
            return False
        if not self.turn.is_current(turn):
            return False
        self.options = options
        ids = {o.courier_service_id for o in options}
        chosen = self.chosen
        keep = chosen if chosen is not None and chosen.courier_service_id in ids else None
        if keep is None and options:
            keep = ShippingChoice(options[0].courier_service_id, options[0].warehouse_unique_id)
        self.chosen = keep
        self._hint("checkout.shipping_none", shown=not options)
        rows = [ChoiceRow(str(o.courier_service_id), o.name, self._detail(o), format_idr(o.cost)) for o in options]
        self.list.render(rows, str(keep.courier_service_id) if keep else "")
        return True

    def _hint(self, key: str, *, shown: bool) -> None:
        self.hint.textContent = self.t(key)
        self.hint.hidden = not shown

    def _detail(self, option: ShippingOption) -> str:
        parts = (
            option.courier_code.upper(),
            self.t("checkout.etd", days=option.etd) if option.etd else "",
            self.t("checkout.cod") if option.is_cod else "",
        )
        return " · ".join(part for part in parts if part)

    def _picked(self, value: str) -> None:
        option = next(o for o in self.options if str(o.courier_service_id) == value)
        self.chosen = ShippingChoice(option.courier_service_id, option.warehouse_unique_id)
        self.on_pick(self.chosen)
