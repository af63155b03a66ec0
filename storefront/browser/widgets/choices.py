"""A list of radio choices (couriers, payment methods), rendered from rows of data; the
shopper's pick is reported to the callback and kept as ``value``."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Sequence
from typing import Any

from .. import dom
from ..component import Component
from ..context import ViewContext


@dataclasses.dataclass(frozen=True)
class ChoiceRow:
    value: str
    title: str
    detail: str = ""
    end: str = ""


class ChoiceList(Component):
    def __init__(self, ctx: ViewContext, holder: Any, name: str, on_pick: Callable[[str], None]) -> None:
        super().__init__(ctx, holder)
        self.name = name
        self.on_pick = on_pick
        self.value = ""

    def render(self, rows: Sequence[ChoiceRow], value: str) -> None:
        self.dispose()  # the old rows' listeners
        self.value = value
        dom.clear(self.root)
        for row in rows:
            node = dom.clone("tpl-choice")
            radio = dom.slot(node, "input")
            radio.name, radio.value = self.name, row.value
            radio.checked = row.value == value
            dom.set_text(node, "title", row.title)
            dom.set_text(node, "detail", row.detail)
            dom.set_text(node, "end", row.end)
            self.on(radio, "change", functools.partial(self._picked, row.value))
            self.root.append(node)

    def _picked(self, value: str, event: Any) -> None:
        self.value = value
        self.on_pick(value)
