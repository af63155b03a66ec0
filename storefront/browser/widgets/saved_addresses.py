"""Signed-in checkout's address choice: the account's saved addresses (the default one chosen
first) and "send to a new address", which the view answers by showing the picker."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ...account_forms import address_lines, default_address_id
from ...api.models import Address
from .. import dom
from ..component import Component
from ..context import ViewContext
from .choices import ChoiceList, ChoiceRow

NEW = "new"


class SavedAddresses(Component):
    def __init__(self, ctx: ViewContext, root: Any, on_pick: Callable[[Address | None], None]) -> None:
        super().__init__(ctx, dom.slot(root, "saved"))
        self.on_pick = on_pick
        self.addresses: dict[str, Address] = {}
        self.list = self.own(ChoiceList(ctx, dom.slot(root, "saved-list"), "address_choice", self._picked))

    def show(self, addresses: Sequence[Address], chosen: int | None, *, new: bool = False) -> Address | None:
        """Lists the addresses with ``chosen`` picked (or a new address when ``new``, else the
        default); returns the one picked (None: a new address). Without saved addresses the box
        stays hidden."""
        self.addresses = {str(a.id): a for a in addresses}
        if chosen in {a.id for a in addresses}:
            pick: int | None = chosen
        else:
            pick = None if new else default_address_id(addresses, self.ctx.customer.default_address())
        rows = [ChoiceRow(str(a.id), a.name or "", " · ".join(address_lines(a)[1:2])) for a in addresses]
        rows.append(ChoiceRow(NEW, self.t("checkout.new_address")))
        self.list.render(rows, str(pick) if pick is not None else NEW)
        self.root.hidden = not addresses
        return self.addresses.get(str(pick))

    def _picked(self, value: str) -> None:
        self.on_pick(self.addresses.get(value))
