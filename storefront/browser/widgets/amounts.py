"""Amount rows (from ``storefront.amounts``) rendered into a ``<dl>``: one look for the checkout
summary and the order page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...amounts import AmountRow
from ...i18n import Translator
from ...money import format_idr
from .. import dom


def render_amounts(holder: Any, rows: Sequence[AmountRow], t: Translator) -> None:
    dom.clear(holder)
    for row in rows:
        node = dom.clone("tpl-amount-row")
        if row.kind:
            node.classList.add(row.kind)
        label = t(row.label) if row.translate else row.label
        dom.set_text(node, "label", f"{label} ({row.detail})" if row.detail else label)
        amount = f"−{format_idr(-row.amount)}" if row.amount < 0 else format_idr(row.amount)
        dom.set_text(node, "value", amount)
        holder.append(node)


def render_lines(holder: Any, rows: Sequence[tuple[str, int, str]]) -> None:
    """Item rows: a name, a quantity and a line total (already formatted)."""
    dom.clear(holder)
    for name, quantity, total in rows:
        node = dom.clone("tpl-review-line")
        dom.set_text(node, "name", name)
        dom.set_text(node, "quantity", f"× {quantity}")
        dom.set_text(node, "total", total)
        holder.append(node)
