"""Runtime language switching: elements carry their message key, so a tree can be
re-translated in place (``data-i18n`` for text, ``data-i18n-<attribute>`` for attributes).

``translate_page`` covers the page and every ``<template>``'s content, so whatever a view
clones afterwards is already in the shopper's language.
"""

from __future__ import annotations

from typing import Any

import js

from ..i18n import Translator

ATTRIBUTES = ("aria-label", "placeholder", "title", "alt")


def translate_tree(root: Any, t: Translator) -> None:
    for element in root.querySelectorAll("[data-i18n]"):
        element.textContent = t(element.dataset.i18n)
    for attribute in ATTRIBUTES:
        for element in root.querySelectorAll(f"[data-i18n-{attribute}]"):
            element.setAttribute(attribute, t(element.getAttribute(f"data-i18n-{attribute}")))


def translate_page(t: Translator) -> None:
    js.document.documentElement.lang = t.locale
    translate_tree(js.document.body, t)
    for template in js.document.querySelectorAll("template"):
        translate_tree(template.content, t)
