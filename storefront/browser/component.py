"""What views and widgets share: a root element, the listeners and subscriptions they own, the
widgets they own, and one ``dispose`` that removes all of it when the view goes away."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from ..i18n import Translator
from ..signals import Signal
from .context import ViewContext
from .ffi import Listeners

T = TypeVar("T")


class Disposable(Protocol):
    def dispose(self) -> None: ...


D = TypeVar("D", bound=Disposable)


class Component:
    def __init__(self, ctx: ViewContext, root: Any = None) -> None:
        self.ctx = ctx
        self.root = root
        self._listeners = Listeners()
        self._unsubscribe: list[Callable[[], None]] = []
        self._children: list[Disposable] = []

    @property
    def t(self) -> Translator:
        return self.ctx.t  # follows the language switch

    def on(self, target: Any, event: str, handler: Callable[[Any], Any]) -> None:
        self._listeners.on(target, event, handler)

    def listen(self, signal: Signal[T], listener: Callable[[T], None]) -> None:
        self._unsubscribe.append(signal.connect(listener))

    def own(self, child: D) -> D:
        self._children.append(child)
        return child

    def dispose(self) -> None:
        for child in self._children:
            child.dispose()
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._listeners.dispose()
        self._children.clear()
        self._unsubscribe.clear()
