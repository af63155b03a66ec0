"""Opaque cursor pagination as v3 documents it: ``page_size``, ``next_cursor``, ``previous_cursor``.

A cursor is an offset wrapped in URL-safe base64 so clients cannot be tempted to compute one.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from .errors import bad_request

T = TypeVar("T")


def encode_cursor(offset: int) -> str:
    raw = json.dumps({"o": offset}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        offset = json.loads(base64.urlsafe_b64decode(padded.encode()))["o"]
    except (binascii.Error, ValueError, KeyError, TypeError):
        raise bad_request("Invalid cursor", "invalid_cursor") from None
    if not isinstance(offset, int) or offset < 0:
        raise bad_request("Invalid cursor", "invalid_cursor")
    return offset


def parse_page_size(query: Mapping[str, str], default: int, maximum: int) -> int:
    raw = query.get("page_size")
    if raw is None or raw == "":
        return default
    try:
        size = int(raw)
    except ValueError:
        raise bad_request("page_size must be an integer", "invalid_page_size") from None
    if not 1 <= size <= maximum:
        raise bad_request(f"page_size must be between 1 and {maximum}", "invalid_page_size")
    return size


def paginate(
    rows: Sequence[T], query: Mapping[str, str], *, default_size: int = 25, max_size: int = 100
) -> tuple[list[T], dict[str, Any]]:
    """Returns one page of ``rows`` and the envelope keys that describe it."""
    size = parse_page_size(query, default_size, max_size)
    next_c, prev_c = query.get("next_cursor"), query.get("previous_cursor")
    if next_c and prev_c:
        raise bad_request("Send only one of next_cursor and previous_cursor", "invalid_cursor")
    if next_c:
        start = decode_cursor(next_c)
    elif prev_c:
        start = max(decode_cursor(prev_c) - size, 0)
    else:
        start = 0
    page = list(rows[start : start + size])
    has_next = start + size < len(rows)
    has_previous = start > 0
    return page, {
        "is_paginated": True,
        "has_next": has_next,
        "has_previous": has_previous,
        "next_cursor": encode_cursor(start + size) if has_next else None,
        "previous_cursor": encode_cursor(start) if has_previous else None,
        "page_size": size,
    }
