"""Messages next to the fields they are about, and one message for the whole form.

A field ``name`` has its message in ``#<prefix>-<name>-error`` and its control inside
``[data-field=<name>]`` (the first input, select or textarea there), which gets
``aria-invalid`` while the message shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .. import dom
from ..ffi import py_value


class FieldErrors:
    def __init__(self, root: Any, prefix: str, order: Iterable[str]) -> None:
        self.root = root
        self.prefix = prefix
        #: Fields in the order the form shows them: the first with a message gets focus.
        self.order = tuple(order)

    def control(self, name: str) -> Any:
        return py_value(self.root.querySelector(f'[data-field="{name}"] :is(input, select, textarea)'))

    def _message(self, name: str) -> Any:
        return py_value(self.root.querySelector(f"#{self.prefix}-{name}-error"))

    def show(self, name: str, message: str) -> None:
        element = self._message(name)
        if element is None:
            return
        element.textContent = message
        element.hidden = False
        control = self.control(name)
        if control is not None:
            control.setAttribute("aria-invalid", "true")

    def clear(self, name: str) -> None:
        element = self._message(name)
        if element is not None:
            element.hidden = True
        control = self.control(name)
        if control is not None:
            control.removeAttribute("aria-invalid")

    def clear_all(self) -> None:
        for name in self.order:
            self.clear(name)
        self.hide_form()

    def form(self, message: str, *, focus: bool = True) -> None:
        box = dom.slot(self.root, "form-error")
        box.textContent = message
        box.hidden = False
        if focus:
            box.focus()

    def hide_form(self) -> None:
        dom.slot(self.root, "form-error").hidden = True

    def report(self, errors: Mapping[str, str], summary: str) -> None:
        """Shows every field's message and ``summary`` above the form, then focuses the first
        field to fix (or the summary when no field shows a message)."""
        for name, message in errors.items():
            self.show(name, message)
        self.form(summary, focus=False)
        first = next((self.control(n) for n in self.order if n in errors and self.control(n) is not None), None)
        (first or dom.slot(self.root, "form-error")).focus()
