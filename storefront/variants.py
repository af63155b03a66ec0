"""The option picker of a product page, as pure logic: up to three options (size, colour, …),
which values can still be combined with what is chosen, and the variant a full choice names.

A value is offered only when some variant has it together with the other chosen values; it is
marked unavailable when every such variant is out of stock.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from .api.models import Variant

Choice = tuple[str | None, str | None, str | None]


@dataclasses.dataclass(frozen=True)
class OptionValue:
    value: str
    possible: bool  # some variant combines it with the other choices
    in_stock: bool  # and at least one of those is available


@dataclasses.dataclass(frozen=True)
class OptionGroup:
    index: int  # 0, 1 or 2
    name: str
    values: tuple[OptionValue, ...]


def option_groups(
    names: Sequence[str | None], variants: Sequence[Variant], choice: Choice, available: Mapping[int, bool]
) -> list[OptionGroup]:
    groups = []
    for index, name in enumerate(names):
        if not name:
            continue
        seen: list[str] = []
        for variant in variants:
            value = variant.options[index]
            if value and value not in seen:
                seen.append(value)
        values = []
        for value in seen:
            matching = [v for v in variants if v.options[index] == value and _compatible(v, choice, skip=index)]
            values.append(OptionValue(value, bool(matching), any(available.get(v.id, True) for v in matching)))
        groups.append(OptionGroup(index, name, tuple(values)))
    return groups


def _compatible(variant: Variant, choice: Choice, skip: int) -> bool:
    return all(chosen is None or i == skip or variant.options[i] == chosen for i, chosen in enumerate(choice))


def selected_variant(variants: Sequence[Variant], choice: Choice, option_count: int) -> Variant | None:
    """The variant the choice names, once every option has a value (or the only variant)."""
    if len(variants) == 1 and option_count == 0:
        return variants[0]
    if any(choice[i] is None for i in range(option_count)):
        return None
    return next((v for v in variants if all(v.options[i] == choice[i] for i in range(option_count))), None)


def choose(choice: Choice, index: int, value: str | None, variants: Sequence[Variant]) -> Choice:
    """Sets one option; clears the others that no longer combine with it."""
    updated = list(choice)
    updated[index] = value
    for other in range(3):
        if other != index and updated[other] is not None:
            if not any(_compatible(v, tuple(updated), skip=-1) for v in variants):  # type: ignore[arg-type]
                updated[other] = None
    return tuple(updated)  # type: ignore[return-value]


def first_available_choice(variants: Sequence[Variant], available: Mapping[int, bool], option_count: int) -> Choice:
    """A sensible starting choice: the first variant in stock (or the first at all)."""
    if option_count == 0 or not variants:
        return (None, None, None)
    variant = next((v for v in variants if available.get(v.id, True)), variants[0])
    return tuple(variant.options[i] if i < option_count else None for i in range(3))  # type: ignore[return-value]
