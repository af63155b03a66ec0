"""The single-page app: Python boots once per visit and every later navigation stays in it.

Same-origin links are intercepted and turned into ``history.pushState`` plus a view render;
back and forward replay ``popstate``. A navigation that is overtaken by a newer one drops
its result, so a slow answer never paints over the page the shopper moved to.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import js

from ..api import StorefrontClient
from ..config import SiteConfig
from ..i18n import Translator
from ..routes import RouteMatch, match
from . import dom
from .ffi import listen, py_value
from .fetch import FetchTransport
from .locks import WebLocksRefreshLock
from .storage import WebStorage
from .views import VIEWS


class App:
    def __init__(self, config: SiteConfig, client: StorefrontClient, t: Translator) -> None:
        self.config = config
        self.client = client
        self.t = t
        self.main = dom.by_id("main")
        self.status = dom.by_id("sf-status")
        self.generation = 0
        self.cache: dict[str, Any] = {}

    # -- wiring ------------------------------------------------------------------------------

    def install(self) -> None:
        listen(js.document, "click", self._on_click)
        listen(js.window, "popstate", self._on_popstate)

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
        event.preventDefault()
        path = anchor.pathname + anchor.search
        if path == js.location.pathname + js.location.search:
            return
        js.history.pushState(js.Object.new(), "", path)
        asyncio.ensure_future(self.render(anchor.pathname, moved=True))

    def _on_popstate(self, event: Any) -> None:
        asyncio.ensure_future(self.render(js.location.pathname, moved=True))

    # -- rendering ---------------------------------------------------------------------------

    def is_current(self, generation: int) -> bool:
        return generation == self.generation

    async def render(self, path: str, *, moved: bool = False) -> None:
        self.generation += 1
        generation = self.generation
        route: RouteMatch = match(path)
        view = VIEWS[route.name](self, route, generation)
        self.main.dataset.view = route.name
        self.main.dataset.viewState = "loading"
        root = view.mount()
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
                js.document.title = view.title()
                js.performance.mark(f"sf:view-ready:{route.name}")

    def announce(self, text: str) -> None:
        self.status.textContent = text


async def start() -> App:
    config = SiteConfig.from_mapping(json.loads(dom.by_id("sf-config").textContent))
    t = Translator(config.default_locale)
    client = StorefrontClient(
        config,
        FetchTransport(),
        storage=WebStorage("localStorage"),
        cache_storage=WebStorage("sessionStorage"),
        refresh_lock=WebLocksRefreshLock(),
    )
    app = App(config, client, t)
    app.install()
    js.performance.mark("sf:python-ready")
    js.document.documentElement.dataset.py = "ready"
    await app.render(js.location.pathname)
    return app
