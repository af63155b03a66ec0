"""Merchant HTML goes through DOMPurify (loaded as a PyScript JS module), never a
hand-written filter, configured for content that shares a page with the shop:

- HTML only (no SVG or MathML), and no element that could pass for the shop's own: no
  ``style`` (it would restyle the header), no forms or form controls, no ``template``;
- no ``id``, ``name``, ``class`` or ``style`` attribute: an ``id="cart-count"`` or
  ``id="tpl-cart-line"`` would otherwise take the place of the shop's elements (DOM
  clobbering), and the shop's classes or inline styles could lay merchant text over its own;
- links and images only to ``https:``, ``mailto:``, ``tel:`` or a path of this shop; links
  that leave the shop open in a new tab, with ``noopener noreferrer nofollow``.

DOMPurify returns a DOM fragment that is moved into the page as it is: the markup is parsed
once, by DOMPurify, and never serialised and parsed again.
"""

from __future__ import annotations

from typing import Any

import js

from .ffi import js_object

FORBID_TAGS = ["style", "form", "input", "button", "select", "option", "textarea", "fieldset", "template", "dialog"]
FORBID_ATTR = ["id", "name", "class", "style", "form", "formaction", "target"]
#: ``https:``, ``mailto:``, ``tel:``, a path on this shop (``/…`` but not ``//…``), a fragment.
ALLOWED_URI = r"^(?:https:|mailto:|tel:|/(?!/)|#)"
LINK_REL = "noopener noreferrer nofollow"

_config: Any = None


def config() -> Any:
    global _config
    if _config is None:
        _config = js_object(
            {
                "USE_PROFILES": js_object({"html": True}),
                "FORBID_TAGS": FORBID_TAGS,
                "FORBID_ATTR": FORBID_ATTR,
                "ALLOWED_URI_REGEXP": js.RegExp.new(ALLOWED_URI, "i"),
                "RETURN_DOM_FRAGMENT": True,
            }
        )
    return _config


def set_sanitized_html(element: Any, html: str | None) -> None:
    from pyscript.js_modules import dompurify

    if not html:
        element.replaceChildren()
        return
    fragment = dompurify.default.sanitize(html, config())
    for link in fragment.querySelectorAll("a[href]"):
        if not str(link.getAttribute("href")).startswith(("/", "#")):
            link.setAttribute("target", "_blank")
            link.setAttribute("rel", LINK_REL)
    element.replaceChildren(fragment)
