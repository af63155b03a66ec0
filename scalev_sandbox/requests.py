"""Reading request bodies and the typed item union, with Scalev-style 400 answers."""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.requests import Request

from .errors import ApiError, bad_request

ITEM_KEYS = {"variant": "variant_id", "bundle_price_option": "bundle_price_option_id"}


def field_error(field: str, message: str, code: str = "invalid") -> dict[str, str]:
    return {"severity": "error", "code": code, "field": field, "message": message}


def validation_failed(errors: list[dict[str, str]]) -> ApiError:
    return ApiError(
        400,
        "Validation failed",
        "validation_failed",
        message="; ".join(f"{e['field']}: {e['message']}" for e in errors),
        errors=errors,
    )


#: The largest JSON body a storefront call takes (a cart or checkout body is a few kilobytes).
MAX_JSON_BYTES = 1024 * 1024
#: Ids are 64-bit integers.
MAX_ID = 2**63 - 1
ASCII_INTEGER = re.compile(r"^-?[0-9]{1,19}$")


def too_large(limit: int) -> ApiError:
    return ApiError(413, f"Request body is larger than {limit} bytes", "payload_too_large")


async def read_capped(request: Request, limit: int) -> bytes:
    """The body, read as it streams in and refused once it passes ``limit`` bytes (a body is
    never held whole before it is known to fit)."""
    declared = request.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise too_large(limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


async def json_body(request: Request, *, required: bool = True) -> dict[str, Any]:
    raw = await read_capped(request, MAX_JSON_BYTES)
    if not raw.strip():
        if required:
            raise bad_request("Request body must be a JSON object", "invalid_body")
        return {}
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError):  # not JSON, a number past Python's limit, or nested too deep
        raise bad_request("Request body is not valid JSON", "invalid_json") from None
    if not isinstance(body, dict):
        raise bad_request("Request body must be a JSON object", "invalid_body")
    if not _valid_text(body):
        raise bad_request("Request body has text that is not valid Unicode (a lone surrogate)", "invalid_text")
    return body


def _valid_text(value: Any) -> bool:
    """No string in ``value`` holds a lone surrogate (valid JSON escapes, but not text)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return False
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return True


def as_int(value: Any, field: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """An integer that may arrive as a JSON number or a numeric string of ASCII digits (as the
    spec allows), within 64 bits."""
    if isinstance(value, bool):
        raise validation_failed([field_error(field, "must be an integer")])
    if isinstance(value, str) and ASCII_INTEGER.match(value.strip()):
        value = int(value.strip())
    if not isinstance(value, int):
        raise validation_failed([field_error(field, "must be an integer")])
    if abs(value) > MAX_ID:
        raise validation_failed([field_error(field, "is out of range", "out_of_range")])
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise validation_failed([field_error(field, f"must be between {minimum} and {maximum}", "out_of_range")])
    return value


def parse_item(
    raw: Any, field: str, *, strict_keys: bool = True, max_quantity: int | None = 100
) -> tuple[str, int, int]:
    """One ``{type, variant_id|bundle_price_option_id, quantity}`` entry."""
    if not isinstance(raw, dict):
        raise validation_failed([field_error(field, "must be an object")])
    kind = raw.get("type")
    if kind not in ITEM_KEYS:
        raise validation_failed([field_error(f"{field}.type", "must be 'variant' or 'bundle_price_option'")])
    key = ITEM_KEYS[kind]
    if strict_keys:
        extra = set(raw) - {"type", key, "quantity"}
        if extra:
            raise validation_failed([field_error(field, f"unexpected keys: {', '.join(sorted(extra))}")])
    if key not in raw:
        raise validation_failed([field_error(f"{field}.{key}", "is required", "required")])
    item_id = as_int(raw[key], f"{field}.{key}", minimum=1)
    quantity = as_int(raw.get("quantity", 1), f"{field}.quantity", minimum=1, maximum=max_quantity)
    return kind, item_id, quantity


def parse_items(raw: Any, field: str = "items") -> list[tuple[str, int, int]] | None:
    """The checkout ``items`` array (1..50 entries), or None when absent."""
    if raw is None:
        return None
    if not isinstance(raw, list) or not 1 <= len(raw) <= 50:
        raise validation_failed([field_error(field, "must be an array of 1 to 50 items")])
    return [parse_item(entry, f"{field}[{i}]") for i, entry in enumerate(raw)]


def optional_str(body: dict[str, Any], key: str, *, max_length: int | None = None) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise validation_failed([field_error(key, "must be a string")])
    if max_length is not None and len(value) > max_length:
        raise validation_failed([field_error(key, f"must be at most {max_length} characters", "too_long")])
    return value
