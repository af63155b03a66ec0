"""The single-page app: Python boots once per visit and every later navigation stays in it.

Same-origin links are intercepted and turned into ``history.pushState`` plus a view render;
back and forward replay ``popstate``. A navigation that is overtaken by a newer one drops
its result, so a slow answer never paints over the page the shopper moved to.

The app is the shell around the views (header, cart drawer, live region, alert toast); views
receive a ``ViewContext`` and never the app itself.
"""

from __future__ import annotations

import json
import random
from typing import Any

import js

from ..api import StorefrontClient
from ..api.storage import GUEST_TOKEN_KEY
from ..cart_store import CartStore
from ..config import SiteConfig
from ..customer_session import CustomerSession, Identity
from ..i18n import MESSAGES, Translator
from ..routes import ACCOUNT_ROUTES, SIGN_IN_PAGES, match, return_path, sign_in_path
from . import dom
from .account_menu import AccountMenu
from .cart_drawer import CartDrawer
from .context import ViewCache, ViewContext
from .ffi import listen, py_value
from .locks import WebLocksRefreshLock
from .storage import WebStorage
from .tasks import spawn
from .tracking import Tracking
from .translate import translate_page
from .transport import BrowserTransport
from .views import view_for
from .views.base import View

LOCALE_KEY = "storefront_locale"


class App:
    """The shell: routing, the language switch, and the ``Shell`` services views may use."""

    def __init__(self, config: SiteConfig, client: StorefrontClient, t: Translator, preferences: WebStorage) -> None:
        customer = CustomerSession(client, preferences)
        tracking = Tracking(config, client, preferences, WebStorage("sessionStorage"))
        self.ctx = ViewContext(
            config, client, customer, CartStore(client), ViewCache(), t, self, self.navigate, tracking
        )
        self.preferences = preferences
        self.main = dom.by_id("main")
        self.status = dom.by_id("sf-status")
        self.generation = 0
        self.shown = ""  # the path of the view on screen
        self.view: View | None = None
        self.drawer = CartDrawer(self.ctx)
        self.menu = AccountMenu(self.ctx)
        #: Where a session ended, until the app followed it there.
        self.ended_on: str | None = None
        #: Whether the alert shown stays through the next move (``alert``).
        self.alert_outlasts_move = False

    # -- Shell -------------------------------------------------------------------------------

    def announce(self, text: str) -> None:
        self.status.textContent = ""
        self.status.textContent = text

    def alert(self, text: str, *, outlasts_move: bool = False) -> None:
        """Shows ``text`` until the shopper closes it or moves to another page (a failure on
        one page said on the next one reads as the next one's); ``outlasts_move`` keeps it
        through the one move it announces (the session ended: the sign-in page says why)."""
        box = dom.by_id("sf-alert")
        dom.set_text(box, "message", text)
        box.hidden = False
        self.alert_outlasts_move = outlasts_move

    def open_cart(self) -> None:
        self.drawer.open()

    # -- wiring ------------------------------------------------------------------------------

    def install(self) -> None:
        listen(js.document, "click", self._on_click)
        listen(js.window, "popstate", self._on_popstate)
        listen(
            dom.slot(dom.by_id("sf-alert"), "dismiss"),
            "click",
            lambda e: setattr(dom.by_id("sf-alert"), "hidden", True),
        )
        switch = dom.by_id("language-switch")
        listen(switch, "click", lambda e: self.set_locale("en" if self.ctx.t.locale == "id" else "id"))
        switch.disabled = False
        self.drawer.install()
        self.menu.install()
        self.ctx.tracking.install()
        listen(js.window, "storage", self._on_storage)
        self.ctx.customer.changed.connect(self.session_changed)
        self.ctx.customer.ended.connect(self.session_ended)

    def _on_storage(self, event: Any) -> None:
        """Another tab of the shop wrote to local storage: a sign-in, a sign-out, a new cart."""
        key = py_value(event.key)
        if key == GUEST_TOKEN_KEY and not self.ctx.customer.signed_in:
            spawn(self.ctx.cart.load())
        self.ctx.customer.storage_changed(None if key is None else str(key))

    def session_ended(self, _: None) -> None:
        """The session could not be renewed: said once. On checkout the shopper signs in again
        and comes back to it (everything typed is in the draft)."""
        self.alert(self.ctx.t("error.session_expired"), outlasts_move=True)
        self.ended_on = str(js.location.pathname)

    def session_changed(self, identity: Identity | None) -> None:
        """Someone signed in or out (here or in another tab): the cart is the account's or the
        guest's again, and the page shown follows."""
        self.ctx.cache.last_order = None
        spawn(self.ctx.cart.load())
        route = match(str(js.location.pathname))
        signed_in = self.ctx.customer.signed_in
        ended_on, self.ended_on = self.ended_on, None
        if signed_in and route.name in SIGN_IN_PAGES:
            self.navigate(return_path(self.ctx.query("next")), replace=True)
        elif not signed_in and (route.name in ACCOUNT_ROUTES or ended_on == str(js.location.pathname)):
            self.navigate(sign_in_path(str(js.location.pathname) + str(js.location.search)), replace=True)
        elif route.name == "checkout":
            spawn(self.render(str(js.location.pathname)))  # the guest's form, or the customer's

    def _on_popstate(self, event: Any) -> None:
        """Back or forward to another page; a jump within the page shown (the skip link, a
        ``#fragment``) leaves the view as it is."""
        if str(js.location.pathname) != self.shown:
            spawn(self.render(str(js.location.pathname), moved=True))

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

    def navigate(self, path: str, *, replace: bool = False) -> None:
        """Shows ``path``; a link to the page already shown starts it afresh, as a browser would."""
        if replace or path == js.location.pathname + js.location.search:
            js.history.replaceState(js.Object.new(), "", path)
        else:
            js.history.pushState(js.Object.new(), "", path)
        spawn(self.render(path.split("?")[0], moved=True))

    # -- rendering ---------------------------------------------------------------------------

    async def render(self, path: str, *, moved: bool = False) -> None:
        self.generation += 1
        generation = self.generation
        if moved:
            if not self.alert_outlasts_move:
                dom.by_id("sf-alert").hidden = True
            self.alert_outlasts_move = False
        self.shown = path
        route = match(path)
        if route.name in ACCOUNT_ROUTES and not self.ctx.customer.signed_in:
            js.history.replaceState(js.Object.new(), "", sign_in_path(path))
            route = match("/signin")
            self.shown = "/signin"
        if self.view is not None:
            self.view.dispose()
        view = view_for(route.name)(
            self.ctx, route, lambda: generation == self.generation, lambda: self.render(js.location.pathname)
        )
        self.view = view
        self.main.dataset.view = route.name
        self.main.dataset.viewState = "loading"
        # A page rendered at build time stays on screen while its view loads, then gives way
        # to it at once (live price and stock): no skeleton in between, nothing moves.
        kept = py_value(self.main.getAttribute("data-prerendered")) == path
        self.main.removeAttribute("data-prerendered")
        root = view.mount()
        if not kept:
            self.main.replaceChildren(root)
        if moved:
            js.window.scrollTo(0, 0)
            heading = py_value(self.main.querySelector("h1"))
            if heading is not None:
                heading.focus()
        try:
            await view.load()
        finally:
            if generation == self.generation:
                if kept:
                    self.main.replaceChildren(root)
                self.main.dataset.viewState = "ready"
                js.document.title = f"{view.title()} · {self.ctx.config.store_name}"
                js.performance.mark(f"sf:view-ready:{route.name}")

    # -- language ----------------------------------------------------------------------------

    def set_locale(self, locale: str) -> None:
        self.ctx.t = Translator(locale)
        self.preferences.set(LOCALE_KEY, locale)
        translate_page(self.ctx.t)
        self.drawer.refresh_language()
        spawn(self.render(js.location.pathname))


async def start() -> App:
    random.seed()  # Python may be restored from a snapshot every visitor shares
    config = SiteConfig.from_mapping(json.loads(dom.by_id("sf-config").textContent))
    preferences = WebStorage("localStorage")
    locale = preferences.get(LOCALE_KEY) or config.default_locale
    t = Translator(locale if locale in MESSAGES else config.default_locale)
    client = StorefrontClient(
        config,
        BrowserTransport(),
        storage=preferences,
        cache_storage=WebStorage("sessionStorage"),
        refresh_lock=WebLocksRefreshLock(preferences),
    )
    app = App(config, client, t, preferences)
    app.install()
    if t.locale != config.default_locale:
        translate_page(t)
    js.performance.mark("sf:python-ready")
    js.document.documentElement.dataset.py = "ready"
    if app.ctx.cart.has_remote_cart:
        spawn(app.ctx.cart.load())  # the badge shows the kept cart after a reload
    await app.render(js.location.pathname)
    return app
