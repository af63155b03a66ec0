"""The catalog as the shopper last left it: the pages loaded, the filters they chose, and which
cards those filters show. The items endpoint takes no filters, so search, category and sort
apply to the items already loaded (and the page says so)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from .api.models import Category, ItemCard, Page

#: Items per catalog page: what the browser asks for, and what the build renders first.
PAGE_SIZE = 12

#: How long loaded pages are reused when the shopper comes back (stock and prices move).
KEEP_SECONDS = 120

SORTS: dict[str, Callable[[ItemCard], Any] | None] = {
    "newest": None,  # the store's own order
    "price_low": lambda c: (c.price.low is None, c.price.low or Decimal(0)),
    "price_high": lambda c: (c.price.high is None, -(c.price.high or Decimal(0))),
    "name": lambda c: c.name.lower(),
}


@dataclasses.dataclass
class CatalogFilters:
    search: str = ""
    category: str = ""  # a category id, as text; "" for every category
    sort: str = "newest"

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            self.sort = "newest"

    def matches(self, item: ItemCard) -> bool:
        needle = self.search.strip().lower()
        if needle and needle not in item.name.lower() and needle not in (item.description or "").lower():
            return False
        return not self.category or (item.category is not None and str(item.category.id) == self.category)

    def apply(self, items: list[ItemCard]) -> list[ItemCard]:
        rows = [item for item in items if self.matches(item)]
        key = SORTS[self.sort]
        return sorted(rows, key=key) if key else rows


@dataclasses.dataclass
class CatalogSnapshot:
    total: int
    pages: list[Page]
    categories: list[Category]
    loaded_at: float
    filters: CatalogFilters = dataclasses.field(default_factory=CatalogFilters)

    @property
    def items(self) -> list[ItemCard]:
        return [item for page in self.pages for item in page.items]

    @property
    def has_more(self) -> bool:
        return self.pages[-1].has_next

    @property
    def next_cursor(self) -> str | None:
        return self.pages[-1].next_cursor

    def is_fresh(self, now: float) -> bool:
        return now - self.loaded_at <= KEEP_SECONDS

    def visible(self) -> list[ItemCard]:
        return self.filters.apply(self.items)
