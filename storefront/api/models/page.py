"""One page of a cursor-paginated list (items, customer orders, addresses, subscriptions)."""

from __future__ import annotations

import dataclasses
from typing import Any


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
    def parse(cls, data: dict[str, Any], item: Any) -> Page:
        return cls(
            items=tuple(item(row) for row in data.get("data") or ()),
            has_next=bool(data.get("has_next")),
            next_cursor=data.get("next_cursor"),
            has_previous=bool(data.get("has_previous")),
            previous_cursor=data.get("previous_cursor"),
            page_size=data.get("page_size"),
        )
