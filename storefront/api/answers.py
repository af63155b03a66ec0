"""Reading answers that may not be what the spec says.

A model's ``parse`` raises ``KeyError``, ``TypeError`` or ``ValueError`` on a shape it does not
know. Where that shape came from decides what it means:

- from the read cache in session storage (written by an older version of the shop, or by
  hand): the cached copy is discarded and the store asked again, once;
- from the store itself: a ``BadAnswer``, which a view explains like any other failure (with
  the request id) instead of hanging on a spinner.

``answered`` wraps every public operation of the client; ``StorefrontClient.call`` notes each
answer it hands out (whether cached, and its request id) for the operation running.
"""

from __future__ import annotations

import contextvars
import dataclasses
import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from .errors import BadAnswer

PARSE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError)
C = TypeVar("C", bound=type)


@dataclasses.dataclass(frozen=True)
class Served:
    cache_key: str | None  # set when the answer came from the read cache
    request_id: str | None = None


_served: contextvars.ContextVar[list[Served] | None] = contextvars.ContextVar("served", default=None)


def note(served: Served) -> None:
    """Records an answer handed to the operation running (if any)."""
    current = _served.get()
    if current is not None:
        current.append(served)


def answered(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    async def operation(self: Any, *args: Any, **kwargs: Any) -> Any:
        for attempt in (1, 2):
            served: list[Served] = []
            token = _served.set(served)
            try:
                return await method(self, *args, **kwargs)
            except PARSE_ERRORS as exc:
                if not served:
                    raise  # not about an answer: the caller's own mistake
                cached = [s.cache_key for s in served if s.cache_key]
                for key in cached:
                    self.cache.spoiled(key, f"{type(exc).__name__}: {exc}")
                if cached and attempt == 1:
                    continue  # read again from the store
                request_id = next((s.request_id for s in reversed(served) if s.request_id), None)
                raise BadAnswer(f"{method.__name__}: an answer not in the spec's shape ({exc!r})", request_id) from exc
            finally:
                _served.reset(token)
        raise AssertionError("unreachable")

    return operation


def answers_checked(cls: C) -> C:
    """Wraps every public coroutine method of ``cls`` with ``answered``."""
    for name, member in list(vars(cls).items()):
        if not name.startswith("_") and inspect.iscoroutinefunction(member) and name not in ("call", "send"):
            setattr(cls, name, answered(member))
    return cls
