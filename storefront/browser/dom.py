"""Filling the HTML ``<template>`` elements the build renders; markup never lives in Python.

Templates mark the places to fill with ``data-slot="name"``; API text is always set as text.
"""

from __future__ import annotations

from typing import Any

import js

from .ffi import is_none


def by_id(element_id: str) -> Any:
    found = js.document.getElementById(element_id)
    if is_none(found):
        raise LookupError(f"#{element_id} is missing from the page")
    return found


def clone(template_id: str) -> Any:
    """A fresh copy of the first element inside ``<template id=template_id>``."""
    fragment = by_id(template_id).content.cloneNode(True)
    return fragment.firstElementChild


def slot(root: Any, name: str) -> Any:
    found = root.querySelector(f'[data-slot="{name}"]')
    if is_none(found):
        raise LookupError(f'[data-slot="{name}"] is missing from its template')
    return found


def set_text(root: Any, name: str, text: str) -> Any:
    element = slot(root, name)
    element.textContent = text
    return element


def show(element: Any, visible: bool = True) -> None:
    element.hidden = not visible


def clear(element: Any) -> None:
    element.replaceChildren()


def by_id_in(root: Any, element_id: str) -> Any:
    """The element with ``element_id`` inside ``root`` (which may not be in the page yet)."""
    found = root.querySelector(f"#{element_id}")
    if is_none(found):
        raise LookupError(f"#{element_id} is missing from its template")
    return found


def option(value: str, text: str) -> Any:
    """An ``<option>``, its text set as text."""
    element = js.document.createElement("option")
    element.value = value
    element.textContent = text
    return element
