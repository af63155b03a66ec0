"""Conversion-event relays for Meta, TikTok and SnackVideo: validated, recorded, 204.

Scalev fills the client address and user agent itself; the sandbox records them with the
payload so tests can check what the browser sent and that event ids match the pixel's.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..identity import require_public_store
from ..requests import field_error, json_body, validation_failed
from ._common import client_address

EVENT_KEYS = {"meta": ("event_id", "event_name"), "tiktok": ("event_id", "event"), "snackvideo": ("event_name",)}
IDENTITY = {"meta": "user_data", "tiktok": "user", "snackvideo": "click_id"}


def check_items(body: dict[str, Any], errors: list[dict[str, str]]) -> None:
    for key, id_key in (("variants", "variant_unique_id"), ("bundle_price_options", "bundle_price_option_unique_id")):
        rows = body.get(key)
        if rows is None:
            continue
        if not isinstance(rows, list):
            errors.append(field_error(key, "must be an array"))
            continue
        for i, row in enumerate(rows):
            if not isinstance(row, dict) or not isinstance(row.get(id_key), str):
                errors.append(field_error(f"{key}[{i}].{id_key}", "is required", "required"))
            elif not isinstance(row.get("quantity"), int) or isinstance(row["quantity"], bool) or row["quantity"] < 1:
                errors.append(field_error(f"{key}[{i}].quantity", "must be 1 or more", "out_of_range"))


def relay(channel: str):
    async def handler(request: Request) -> Response:
        state = require_public_store(request)
        body = await json_body(request)
        errors: list[dict[str, str]] = []
        identity = IDENTITY[channel]
        value = body.get(identity)
        if channel == "snackvideo":
            if not isinstance(value, str) or not value:
                errors.append(field_error(identity, "is required", "required"))
        elif not isinstance(value, dict):
            errors.append(field_error(identity, "is required", "required"))
        if channel == "tiktok" and not isinstance(body.get("event_source_url"), str):
            errors.append(field_error("event_source_url", "is required", "required"))
        events = body.get("events")
        if not isinstance(events, list) or not events:
            errors.append(field_error("events", "must be a non-empty array", "required"))
        else:
            for i, event in enumerate(events):
                for key in EVENT_KEYS[channel]:
                    if not isinstance(event, dict) or not isinstance(event.get(key), str) or not event[key]:
                        errors.append(field_error(f"events[{i}].{key}", "is required", "required"))
        check_items(body, errors)
        if errors:
            raise validation_failed(errors)
        state.record_event(channel, body, client_address(request), request.headers.get("user-agent"))
        return Response(status_code=204)

    return handler


routes = [
    Route("/public/analytics/meta/events", relay("meta"), methods=["POST"]),
    Route("/public/analytics/tiktok/events", relay("tiktok"), methods=["POST"]),
    Route("/public/analytics/snackvideo/events", relay("snackvideo"), methods=["POST"]),
]
