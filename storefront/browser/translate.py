"""Runtime language switching: elements carry their message key, so a tree can be
re-translated in place (``data-i18n`` for text, ``data-i18n-<attribute>`` for attributes)."""

from __future__ import annotations

from typing import Any

from ..i18n import Translator

ATTRIBUTES = ("aria-label", "placeholder", "title", "alt")


def translate_tree(root: Any, t: Translator) -> None:
    for element in root.querySelectorAll("[data-i18n]"):
        element.textContent = t(element.dataset.i18n)
    for attribute in ATTRIBUTES:
        for element in root.querySelectorAll(f"[data-i18n-{attribute}]"):
            element.setAttribute(attribute, t(element.getAttribute(f"data-i18n-{attribute}")))
