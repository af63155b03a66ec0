"""Text inputs bound to a record: each keystroke is reported with the field's name, so the
draft behind a form is always what the shopper sees."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from .. import dom
from ..component import Component
from ..context import ViewContext
from ..ffi import py_value


class TextFields(Component):
    def __init__(
        self, ctx: ViewContext, root: Any, ids: Mapping[str, str], on_input: Callable[[str, str], None]
    ) -> None:
        """``ids`` maps a field name to its element id."""
        super().__init__(ctx, root)
        self.elements = {name: dom.by_id_in(root, element_id) for name, element_id in ids.items()}
        self.on_input = on_input
        for name, element in self.elements.items():
            self.on(element, "input", functools.partial(self._typed, name))

    def _typed(self, name: str, event: Any) -> None:
        self.on_input(name, self.value(name))

    def value(self, name: str) -> str:
        return str(py_value(self.elements[name].value) or "")

    def fill(self, values: Mapping[str, str]) -> None:
        for name, value in values.items():
            if name in self.elements:
                self.elements[name].value = value
