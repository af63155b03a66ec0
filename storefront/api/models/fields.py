"""Reading a dataclass out of Scalev's JSON by its annotations, so each model says what it
needs once (in its fields) instead of again in a hand-written parser.

A field is read from the key of the same name and converted by its annotation: a required
``int`` or ``str`` fails loudly when missing; ``... | None`` stays None; ``bool`` is False when
absent; ``Decimal`` is money in any of Scalev's forms (``"7000.00"``, ``"7000"``, ``7000``);
tuples and objects default to empty. Fields whose value is computed are passed in ``given``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from ...money import parse_money

T = TypeVar("T")
_MISSING = object()


def _optional(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None or value is _MISSING else convert(value)


def _required(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        if value is _MISSING or value is None:
            raise KeyError("a required field is missing")
        return convert(value)

    return read


READERS: dict[str, Callable[[Any], Any]] = {
    "int": _required(int),
    "int | None": _optional(int),
    "str": _required(str),
    "str | None": _optional(str),
    "bool": lambda value: value is not _MISSING and bool(value),
    "bool | None": _optional(bool),
    "Decimal": lambda value: (None if value is _MISSING else parse_money(value)) or Decimal(0),
    "Decimal | None": _optional(parse_money),
    "float | None": _optional(float),
    "tuple[str, ...]": lambda value: tuple(str(v) for v in value) if isinstance(value, list) else (),
    "dict[str, Any]": lambda value: value if isinstance(value, dict) else {},
    "dict[str, Any] | None": lambda value: value if isinstance(value, dict) else None,
}


def read(cls: type[T], data: Mapping[str, Any], **given: Any) -> T:
    """An instance of the dataclass ``cls`` from ``data``; ``given`` supplies fields by name."""
    values: dict[str, Any] = {}
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        if field.name in given:
            values[field.name] = given[field.name]
            continue
        raw = data.get(field.name, _MISSING)
        if raw is _MISSING and (
            field.default is not dataclasses.MISSING or field.default_factory is not dataclasses.MISSING
        ):
            continue  # the model's own default
        reader = READERS.get(str(field.type))
        if reader is None:
            raise TypeError(f"{cls.__name__}.{field.name}: no reader for {field.type}; pass it in given")
        try:
            values[field.name] = reader(raw)
        except KeyError:
            raise KeyError(f"{cls.__name__}: {field.name!r} is missing") from None
    return cls(**values)


def parse(model: type[T], data: Mapping[str, Any]) -> T:
    """``model`` from ``data``: by its own ``parse`` when it has one, else by its annotations."""
    custom = getattr(model, "parse", None)
    return custom(data) if custom is not None else read(model, data)
