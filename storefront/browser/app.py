"""The single-page app: Python boots once per visit and every later navigation stays in it.

Same-origin links are intercepted and turned into ``history.pushState`` plus a view render;
back and forward replay ``popstate``. A navigation that is overtaken by a newer one drops
its result, so a slow answer never paints over the page the shopper moved to.
"""

from __future__ import annotations

import json
from typing import Any

import js

from ..api import ApiError, NetworkError, SessionExpired, StorefrontClient
from ..api.models import Cart
from ..config import SiteConfig
from ..i18n import MESSAGES, Translator
from ..routes import RouteMatch, match
from . import dom
from .cart import CartDrawer
from .fetch import FetchTransport
from .ffi import listen, py_value
from .locks import WebLocksRefreshLock
from .storage import WebStorage
from .tasks import spawn
from .translate import translate_tree
from .views import VIEWS
from .views.base import View

LOCALE_KEY = "storefront_locale"


class App:
    def __init__(self, config: SiteConfig, client: StorefrontClient, t: Translator) -> None:
        self.config = config
        self.client = client
        self.t = t
        self.main = dom.by_id("main")
        self.status = dom.by_id("sf-status")
        self.generation = 0
        self.cache: dict[str, Any] = {}
        self.view: View | None = None
        self.cart = CartDrawer(self)
        self.preferences = client.session.storage  # the same localStorage wrapper as the tokens

    # -- wiring ------------------------------------------------------------------------------

    def install(self) -> None:
        listen(js.document, "click", self._on_click)
        listen(js.window, "popstate", self._on_popstate)
        listen(dom.slot(dom.by_id("sf-alert"), "dismiss"), "click", lambda e: self.dismiss_alert())
        switch = dom.by_id("language-switch")
        listen(switch, "click", lambda e: self.set_locale("en" if self.t.locale == "id" else "id"))
        switch.disabled = False
        self.cart.install()

    def _on_click(self, event: Any) -> None:
        if event.defaultPrevented or event.button != 0:
            return
        if event.metaKey or event.ctrlKey or event.shiftKey or event.altKey:
            return
        anchor = py_value(event.target.closest("a[href]"))
        if anchor is None or py_value(anchor.getAttribute("target")) or anchor.hasAttribute("download"):
            return
        if anchor.origin != js.location.origin or anchor.hasAttribute("data-external"):
            return
        if anchor.hash and anchor.pathname == js.location.pathname:
            return  # an in-page jump, such as the skip link: the browser's own
        event.preventDefault()
        self.navigate(anchor.pathname + anchor.search)

    def _on_popstate(self, event: Any) -> None:
        spawn(self.render(js.location.pathname, moved=True))

    def navigate(self, path: str, *, replace: bool = False) -> None:
        if path == js.location.pathname + js.location.search and not replace:
            return
        if replace:
            js.history.replaceState(js.Object.new(), "", path)
        else:
            js.history.pushState(js.Object.new(), "", path)
        spawn(self.render(path.split("?")[0], moved=True))

    # -- rendering ---------------------------------------------------------------------------

    def is_current(self, generation: int) -> bool:
        return generation == self.generation

    async def render(self, path: str, *, moved: bool = False) -> None:
        self.generation += 1
        generation = self.generation
        route: RouteMatch = match(path)
        if self.view is not None:
            self.view.dispose()
        view = VIEWS[route.name](self, route, generation)
        self.view = view
        self.main.dataset.view = route.name
        self.main.dataset.viewState = "loading"
        root = view.mount()
        translate_tree(root, self.t)
        self.main.replaceChildren(root)
        if moved:
            js.window.scrollTo(0, 0)
            heading = py_value(self.main.querySelector("h1"))
            if heading is not None:
                heading.focus()
        try:
            await view.load()
        finally:
            if self.is_current(generation):
                self.main.dataset.viewState = "ready"
                js.document.title = f"{view.title()} · {self.store_name()}"
                js.performance.mark(f"sf:view-ready:{route.name}")

    def store_name(self) -> str:
        return str(js.document.querySelector(".brand").textContent)

    # -- messages ----------------------------------------------------------------------------

    def announce(self, text: str) -> None:
        """Says ``text`` to screen readers (the status region is polite)."""
        self.status.textContent = ""
        self.status.textContent = text

    def alert(self, text: str) -> None:
        box = dom.by_id("sf-alert")
        dom.set_text(box, "message", text)
        box.hidden = False

    def dismiss_alert(self) -> None:
        dom.by_id("sf-alert").hidden = True

    def describe(self, error: Exception) -> str:
        """A sentence a shopper understands, in their language, for any client error."""
        if isinstance(error, NetworkError):
            return self.t("error.network")
        if isinstance(error, ApiError) and error.is_rate_limited:
            return self.t("error.rate_limited")
        if isinstance(error, SessionExpired):
            return str(error)
        if isinstance(error, ApiError) and error.message:
            return error.message
        if isinstance(error, ApiError) and error.status < 500 and error.error:
            return error.error
        return self.t("error.generic")

    def on_cart_changed(self, cart: Cart) -> None:
        if self.view is not None:
            self.view.cart_changed(cart)

    # -- language ----------------------------------------------------------------------------

    def set_locale(self, locale: str) -> None:
        self.t = Translator(locale)
        self.preferences.set(LOCALE_KEY, locale)
        js.document.documentElement.lang = locale
        translate_tree(js.document.body, self.t)
        if self.cart.cart is not None:
            self.cart.show(self.cart.cart)
        spawn(self.render(js.location.pathname))


async def start() -> App:
    config = SiteConfig.from_mapping(json.loads(dom.by_id("sf-config").textContent))
    preferences = WebStorage("localStorage")
    locale = preferences.get(LOCALE_KEY) or config.default_locale
    t = Translator(locale if locale in MESSAGES else config.default_locale)
    client = StorefrontClient(
        config,
        FetchTransport(),
        storage=preferences,
        cache_storage=WebStorage("sessionStorage"),
        refresh_lock=WebLocksRefreshLock(),
    )
    app = App(config, client, t)
    app.install()
    if t.locale != config.default_locale:
        js.document.documentElement.lang = t.locale
        translate_tree(js.document.body, t)
    js.performance.mark("sf:python-ready")
    js.document.documentElement.dataset.py = "ready"
    if client.session.guest_token:
        spawn(app.cart.load())  # the badge shows the kept cart after a reload
    await app.render(js.location.pathname)
    return app
