"""Where a parcel goes: a subdistrict found by search-as-you-type (a listbox driven by the
arrow keys) or chosen step by step (province → city → subdistrict), then its postal code.

One component for checkout and the address book. Its markup is the ``destination_picker``
macro, with element ids under a prefix (``co`` in checkout). It reports every change of the
chosen place with ``on_change`` (``postal_code`` is empty until one is chosen).
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from ...api import StorefrontError
from ...api.models import Location, Province
from .. import dom
from ..component import Component
from ..context import ViewContext
from ..ffi import Listeners, py_value
from ..tasks import spawn

SEARCH_DELAY = 0.25
SEARCH_MIN = 3


@dataclasses.dataclass(frozen=True)
class Place:
    location: Location
    postal_code: str = ""

    @property
    def complete(self) -> bool:
        return bool(self.postal_code)


class DestinationPicker(Component):
    def __init__(
        self,
        ctx: ViewContext,
        root: Any,
        prefix: str,
        on_change: Callable[[Place | None], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        super().__init__(ctx, root)
        self.prefix = prefix
        self.on_change = on_change
        self.on_error = on_error
        self.place: Place | None = None
        self.results: list[Location] = []
        self.active = -1
        self.subdistricts: dict[str, Location] = {}
        self.search_task: asyncio.Future[Any] | None = None
        self.result_listeners = Listeners()
        self.search = self.element("location-search")
        self.listbox = self.element("location-results")
        self.postal = self.element("postal_code")
        self.cascade = {level: self.element(level) for level in ("province", "city", "subdistrict")}

    def element(self, name: str) -> Any:
        return dom.by_id_in(self.root, f"{self.prefix}-{name}")

    def dispose(self) -> None:
        self.result_listeners.dispose()
        super().dispose()

    # -- starting ----------------------------------------------------------------------------

    async def load_provinces(self) -> list[Province]:
        return await self.ctx.client.list_provinces()

    def start(self, provinces: Sequence[Province], place: Place | None) -> None:
        """Fills the province list and shows the place already chosen (from a draft or an
        address), then listens to the shopper."""
        for province in provinces:
            self.cascade["province"].append(dom.option(str(province.id), province.name))
        self.on(self.search, "input", self._typed)
        self.on(self.search, "keydown", self._key)
        self.on(self.cascade["province"], "change", lambda e: spawn(self._cascade("province")))
        self.on(self.cascade["city"], "change", lambda e: spawn(self._cascade("city")))
        self.on(self.cascade["subdistrict"], "change", lambda e: spawn(self._subdistrict()))
        self.on(self.postal, "change", lambda e: self._postal())
        self.set_place(place)

    def set_place(self, place: Place | None) -> None:
        """Shows ``place`` as the one chosen (or none), as when a form is filled from a saved
        address; its postal codes are read with ``restore_postal_codes``."""
        self.place = place
        if place is not None:
            self._show_chosen(place.location.display)
            return
        dom.slot(self.root, "location-chosen").hidden = True
        self.postal.replaceChildren(dom.option("", self.t("checkout.choose")))
        self.postal.disabled = True

    async def restore_postal_codes(self) -> None:
        if self.place is not None:
            await self._load_postal_codes(keep=self.place.postal_code)

    # -- choosing ----------------------------------------------------------------------------

    async def choose(self, location: Location) -> None:
        """Takes ``location`` and reads its postal codes (a lone code is chosen at once), then
        reports the place once."""
        self.place = Place(location)
        self._show_chosen(location.display)
        await self._load_postal_codes(keep="")
        if self.place is not None and self.place.location == location:
            self.on_change(self.place)

    def _show_chosen(self, label: str) -> None:
        chosen = dom.slot(self.root, "location-chosen")
        chosen.textContent = self.t("checkout.location_chosen", place=label)
        chosen.hidden = False

    async def _load_postal_codes(self, keep: str) -> None:
        assert self.place is not None
        location = self.place.location
        try:
            codes = await self.ctx.client.list_postal_codes(location.id)
        except StorefrontError as exc:
            self.on_error(exc)
            return
        if self.place is None or self.place.location != location:
            return  # another place was chosen meanwhile
        self.postal.replaceChildren(dom.option("", self.t("checkout.choose")))
        for code in codes:
            self.postal.append(dom.option(code, code))
        self.postal.disabled = False
        if keep in codes:
            self.postal.value = keep
        elif len(codes) == 1:
            self.postal.value = codes[0]
            self.place = Place(location, codes[0])

    def _postal(self) -> None:
        if self.place is not None:
            self.place = Place(self.place.location, str(py_value(self.postal.value) or ""))
            self.on_change(self.place)

    async def _cascade(self, level: str) -> None:
        """A province or city was chosen: the next list is read, the ones below it emptied."""
        below = ("city", "subdistrict") if level == "province" else ("subdistrict",)
        for name in below:
            self.cascade[name].replaceChildren(dom.option("", self.t("checkout.choose")))
            self.cascade[name].disabled = True
        self.subdistricts = {}
        value = str(py_value(self.cascade[level].value) or "")
        if not value:
            return
        try:
            if level == "province":
                rows = [(str(c.id), c.name) for c in await self.ctx.client.list_cities(int(value))]
            else:
                found = await self.ctx.client.list_subdistricts(int(value))
                self.subdistricts = {str(location.id): location for location in found}
                rows = [(str(location.id), location.subdistrict_name) for location in found]
        except StorefrontError as exc:
            self.on_error(exc)
            return
        if str(py_value(self.cascade[level].value) or "") != value:
            return  # the shopper chose again while this list was on its way
        target = self.cascade[below[0]]
        for option_value, text in rows:
            target.append(dom.option(option_value, text))
        target.disabled = False

    async def _subdistrict(self) -> None:
        location = self.subdistricts.get(str(py_value(self.cascade["subdistrict"].value) or ""))
        if location is not None:
            await self.choose(location)

    # -- search as you type ------------------------------------------------------------------

    def _typed(self, event: Any) -> None:
        if self.search_task is not None and not self.search_task.done():
            self.search_task.cancel()
        text = str(py_value(self.search.value) or "").strip()
        if len(text) < SEARCH_MIN:
            self.close_results()
            return
        self.search_task = spawn(self._search(text))

    async def _search(self, text: str) -> None:
        await asyncio.sleep(SEARCH_DELAY)  # typing on: this task is cancelled
        try:
            page = await self.ctx.client.search_locations(text, page_size=8)
        except StorefrontError as exc:
            self.on_error(exc)
            return
        if str(py_value(self.search.value) or "").strip() == text:
            self._show_results(list(page.items))

    def _show_results(self, results: list[Location]) -> None:
        self.results, self.active = results, -1
        self.result_listeners.dispose()
        dom.clear(self.listbox)
        for index, location in enumerate(results):
            option = dom.clone("tpl-location-result")
            option.id = f"{self.prefix}-location-option-{index}"
            option.textContent = location.display
            option.setAttribute("aria-selected", "false")
            self.result_listeners.on(
                option, "mousedown", lambda e, picked=location: (e.preventDefault(), spawn(self._pick(picked)))
            )
            self.listbox.append(option)
        self.listbox.hidden = not results
        self.search.setAttribute("aria-expanded", "true" if results else "false")

    def close_results(self) -> None:
        self.results, self.active = [], -1
        self.listbox.hidden = True
        self.search.setAttribute("aria-expanded", "false")
        self.search.removeAttribute("aria-activedescendant")

    async def _pick(self, location: Location) -> None:
        self.close_results()
        self.search.value = ""
        await self.choose(location)
        self.postal.focus()

    def _key(self, event: Any) -> None:
        if not self.results:
            return
        if event.key in ("ArrowDown", "ArrowUp"):
            event.preventDefault()
            self.active = (self.active + (1 if event.key == "ArrowDown" else -1)) % len(self.results)
            for index, option in enumerate(self.listbox.children):
                option.setAttribute("aria-selected", "true" if index == self.active else "false")
            self.search.setAttribute("aria-activedescendant", f"{self.prefix}-location-option-{self.active}")
        elif event.key == "Enter" and self.active >= 0:
            event.preventDefault()
            spawn(self._pick(self.results[self.active]))
        elif event.key == "Escape":
            self.close_results()
