"""A view: one route's content. It clones its template, then fills it from the API; it is told
whether it is still the page shown, so a slow answer never paints over the next page."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

from ...api import ApiError, StorefrontError
from ...routes import RouteMatch
from .. import dom
from ..component import Component
from ..context import ViewContext
from ..tasks import spawn

T = TypeVar("T")


class View(Component):
    template_id = ""

    def __init__(
        self,
        ctx: ViewContext,
        route: RouteMatch,
        alive: Callable[[], bool],
        reload: Callable[[], Coroutine[Any, Any, None]],
    ) -> None:
        super().__init__(ctx)
        self.route = route
        self._alive = alive
        self._reload = reload

    @property
    def current(self) -> bool:
        """Still the view on screen (the shopper has not moved on)."""
        return self._alive()

    def mount(self) -> Any:
        self.root = dom.clone(self.template_id)
        return self.root

    async def load(self) -> None:
        """Fetches and fills; overridden by views that need data."""

    def title(self) -> str:
        heading = self.root.querySelector("h1") if self.root is not None else None
        return str(heading.textContent) if heading else ""

    async def fetching(self, call: Awaitable[T], *, not_found: tuple[str, str] | None = None) -> T | None:
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
        dom.set_text(box, "message", self.ctx.describe(error))
        retry = dom.slot(box, "retry")
        self.on(retry, "click", lambda event: spawn(self._reload()))
        dom.slot(self.root, "content").replaceChildren(box)
        retry.focus()
