"""A tiny publish/subscribe value: who changed something announces it, and whoever cares
listens, so no part of the shop calls back into another it happens to know about."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Signal(Generic[T]):
    def __init__(self) -> None:
        self._listeners: list[Callable[[T], None]] = []

    def connect(self, listener: Callable[[T], None]) -> Callable[[], None]:
        """Adds ``listener``; returns the function that removes it again."""
        self._listeners.append(listener)

        def disconnect() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return disconnect

    def emit(self, value: T) -> None:
        for listener in list(self._listeners):
            listener(value)


class Latest:
    """Numbers the requests of one kind, so that only the newest one's answer is used: an
    answer that arrives after the shopper changed their choice again is dropped."""

    def __init__(self) -> None:
        self._turn = 0

    def take(self) -> int:
        self._turn += 1
        return self._turn

    def is_current(self, turn: int) -> bool:
        return turn == self._turn
