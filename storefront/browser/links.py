"""Addresses from the store's data put on the page under the URL policy of
``storefront.safe_url``: an allowed one becomes the link's ``href``; any other is shown as
text beside it (so a shopper can still read what the store sent) and logged, never followed."""

from __future__ import annotations

from typing import Any

import js

from ..i18n import Translator
from ..safe_url import safe_link
from . import dom
from .ffi import is_none


def link_to(anchor: Any, url: str | None, t: Translator, *, app: bool = False) -> bool:
    """Points ``anchor`` at ``url`` and shows it; True when it did. An empty ``url`` hides
    the anchor; a refused one hides it too and says why, with the address as text."""
    anchor.removeAttribute("href")
    shown = anchor.nextElementSibling
    if not is_none(shown) and shown.classList.contains("unsafe-link"):
        shown.remove()  # said for an earlier address
    target = safe_link(url, app=app)
    anchor.hidden = target is None
    if target is not None:
        anchor.href = target
        return True
    if url:
        js.console.warn("storefront: an address from the store was not made a link:", str(url)[:200])
        note = dom.clone("tpl-unsafe-link")
        dom.set_text(note, "reason", t("link.unsafe"))
        dom.set_text(note, "url", str(url)[:200])
        anchor.after(note)
    return False
