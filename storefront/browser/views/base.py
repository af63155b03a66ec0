"""What every view shares: its template, its generation check, and error display."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from ...api import ApiError, NetworkError
from ...routes import RouteMatch
from .. import dom
from ..ffi import listen

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

    def mount(self) -> Any:
        self.root = dom.clone(self.template_id)
        return self.root

    @property
    def current(self) -> bool:
        return self.app.is_current(self.generation)

    async def load(self) -> None:
        """Fetches and fills; overridden by views that need data."""

    def title(self) -> str:
        heading = self.root.querySelector("h1") if self.root is not None else None
        return str(heading.textContent) if heading else ""

    def show_error(self, error: Exception, retry: Callable[[], Awaitable[None]]) -> None:
        """Replaces the view's content area with a message and a retry button."""
        box = dom.clone("tpl-error")
        if isinstance(error, NetworkError):
            message = self.t("error.network")
        elif isinstance(error, ApiError) and error.message:
            message = error.message
        else:
            message = self.t("error.generic")
        dom.set_text(box, "message", message)
        button = dom.slot(box, "retry")

        def on_retry(event: Any) -> None:
            box.remove()
            asyncio.ensure_future(retry())

        listen(button, "click", on_retry)
        dom.slot(self.root, "content").replaceChildren(box)
