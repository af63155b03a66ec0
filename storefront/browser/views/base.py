"""What every view shares: its template, its listeners, its generation check, error display."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import js

from ...api import ApiError, StorefrontError
from ...api.models import Cart
from ...routes import RouteMatch
from .. import dom
from ..ffi import Listeners
from ..tasks import spawn

if TYPE_CHECKING:
    from ..app import App


class View:
    template_id = ""

    def __init__(self, app: "App", route: RouteMatch, generation: int) -> None:
        self.app = app
        self.t = app.t
        self.route = route
        self.generation = generation
        self.root: Any = None
        self.listeners = Listeners()

    def mount(self) -> Any:
        self.root = dom.clone(self.template_id)
        return self.root

    def on(self, target: Any, event: str, handler: Any) -> None:
        self.listeners.on(target, event, handler)

    def dispose(self) -> None:
        self.listeners.dispose()

    @property
    def current(self) -> bool:
        return self.app.is_current(self.generation)

    async def load(self) -> None:
        """Fetches and fills; overridden by views that need data."""

    def cart_changed(self, cart: Cart) -> None:
        """The cart changed (drawer edits, additions); views that show it override this."""

    def title(self) -> str:
        heading = self.root.querySelector("h1") if self.root is not None else None
        return str(heading.textContent) if heading else ""

    async def fetching(self, call: Any, *, not_found: tuple[str, str] | None = None) -> Any:
        """Awaits a view's loading call. A 404 becomes the heading ``not_found`` names
        (slot, message key); other failures become the error box. Returns None then, or when
        the shopper has already moved on."""
        try:
            result = await call
        except ApiError as exc:
            if self.current and not_found and exc.status == 404:
                dom.set_text(self.root, not_found[0], self.t(not_found[1]))
            elif self.current:
                self.show_error(exc)
            return None
        except StorefrontError as exc:
            if self.current:
                self.show_error(exc)
            return None
        return result if self.current else None

    def show_error(self, error: Exception) -> None:
        """Replaces the view's content with a message and a retry button that renders the view
        again (nothing the shopper typed lives only in this view: forms keep drafts)."""
        box = dom.clone("tpl-error")
        dom.set_text(box, "message", self.app.describe(error))
        retry = dom.slot(box, "retry")
        self.on(retry, "click", lambda event: spawn(self.app.render(js.location.pathname)))
        dom.slot(self.root, "content").replaceChildren(box)
        retry.focus()
