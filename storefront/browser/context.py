"""What a view or widget may use, and nothing more: the client, the cart, a typed cache, the
translator, the shell's announcer, navigation and tracking. Views never see the app itself."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

import js

from ..api import StorefrontClient
from ..api.models import Order, PaymentMethod
from ..cart_store import CartStore
from ..catalog_state import CatalogSnapshot
from ..config import SiteConfig
from ..customer_session import CustomerSession
from ..error_text import describe
from ..i18n import Translator
from .ffi import py_value

if TYPE_CHECKING:
    from .tracking import Tracking


class Shell(Protocol):
    """The page around the views: the live region, the alert toast and the cart drawer."""

    def announce(self, text: str) -> None:
        """Says ``text`` to screen readers (the status region is polite)."""

    def alert(self, text: str) -> None:
        """Shows ``text`` in the alert toast, for failures outside a view's own content."""

    def open_cart(self) -> None: ...


@dataclasses.dataclass
class ViewCache:
    """What views keep for each other within a visit."""

    catalog: CatalogSnapshot | None = None
    payment_methods: list[PaymentMethod] | None = None
    #: The order just placed, so its page opens without reading it again.
    last_order: Order | None = None


@dataclasses.dataclass
class ViewContext:
    config: SiteConfig
    client: StorefrontClient
    customer: CustomerSession
    cart: CartStore
    cache: ViewCache
    t: Translator  # replaced when the shopper switches language
    shell: Shell
    navigate: Callable[[str], None]
    tracking: Tracking  # conversion events and checkout intents

    def describe(self, error: Exception) -> str:
        return describe(error, self.t)

    def query(self, name: str) -> str:
        """A parameter of the page's address (``?token=…``), or ""."""
        value = py_value(js.URLSearchParams.new(js.location.search).get(name))
        return "" if value is None else str(value)
