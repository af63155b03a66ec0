"""Merchant HTML goes through DOMPurify (loaded as a PyScript JS module), never a
hand-written filter; the result is the only HTML this app ever parses."""

from __future__ import annotations

from typing import Any


def set_sanitized_html(element: Any, html: str | None) -> None:
    from pyscript.js_modules import dompurify

    element.innerHTML = dompurify.default.sanitize(html or "") if html else ""
