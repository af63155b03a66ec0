"""One page of a cursor-paginated list (items, customer orders, addresses, subscriptions)."""

from __future__ import annotations

import dataclasses
from typing import Any

from .fields import parse, read


@dataclasses.dataclass(frozen=True)
class Page:
    """One page of a cursor-paginated list."""

    items: tuple[Any, ...]
    has_next: bool
    next_cursor: str | None
    has_previous: bool
    previous_cursor: str | None
    page_size: int | None

    @classmethod
    def parse(cls, data: dict[str, Any], model: type) -> Page:
        """The page, its rows read as ``model``s."""
        return read(cls, data, items=tuple(parse(model, row) for row in data.get("data") or ()))
