"""Checkout intents (abandoned-checkout capture) for the storefront: start or resume, then
save snapshots with the ``cit_`` token. Capture never blocks an order."""

from __future__ import annotations

import datetime as dt
import re
import secrets
import uuid
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..errors import ApiError, not_found
from ..identity import require_public_store
from ..ids import iso
from ..requests import field_error, json_body, validation_failed

TOKEN_HEADER = "X-Scalev-Checkout-Intent-Token"
UUID = re.compile(r"^[0-9a-fA-F-]{36}$")
FIELD_KEYS = {
    "customer_name",
    "customer_email",
    "customer_phone",
    "shipping_address",
    "shipping_province",
    "shipping_city",
    "shipping_subdistrict",
    "shipping_location_id",
    "shipping_postal_code",
    "payment_method",
    "sub_payment_method",
    "notes",
    "discount_code_code",
    "custom_fields",
}
START_KEYS = {
    "recaptcha_token",
    "client_session_id",
    "checkout_intent_prefill_token",
    "form_widget_id",
    "fields",
    "items",
    "attribution",
    "source_url",
    "cart_id",
}
UPDATE_KEYS = {"sequence", "fields", "items", "attribution", "source_url", "cart_id"}


def capture_view(intent: dict[str, Any]) -> dict[str, Any]:
    keys = (
        "id",
        "form_widget_id",
        "checkout_intent_token",
        "status",
        "last_sequence",
        "started_at",
        "last_activity_at",
        "expires_at",
    )
    return {k: intent[k] for k in keys}


def check_fields(body: dict[str, Any], allowed: set[str]) -> None:
    extra = set(body) - allowed
    if extra:
        raise ApiError(
            422,
            "Unknown checkout intent keys",
            "invalid_checkout_intent_fields",
            errors=[field_error(k, "is not accepted", "unknown_field") for k in sorted(extra)],
        )
    fields = body.get("fields")
    if fields is not None:
        if not isinstance(fields, dict) or set(fields) - FIELD_KEYS:
            raise ApiError(422, "Unknown checkout intent fields", "invalid_checkout_intent_fields")
    if body.get("items") is not None and (not isinstance(body["items"], list) or len(body["items"]) > 100):
        raise validation_failed([field_error("items", "must be an array of at most 100 items")])


def apply(intent: dict[str, Any], body: dict[str, Any]) -> None:
    for key, value in (body.get("fields") or {}).items():
        intent["fields"][key] = None if value == "" else value
    if body.get("items") is not None:
        intent["items"] = body["items"]
    if body.get("source_url") is not None:
        intent["source_url"] = body["source_url"]


async def start(request: Request) -> JSONResponse:
    state = require_public_store(request)
    body = await json_body(request)
    check_fields(body, START_KEYS)
    errors = [
        field_error(k, "is required", "required")
        for k in ("recaptcha_token", "client_session_id", "form_widget_id")
        if not isinstance(body.get(k), str) or not body[k]
    ]
    if not errors and not UUID.match(body["client_session_id"]):
        errors.append(field_error("client_session_id", "must be a UUID", "format"))
    if errors:
        raise validation_failed(errors)
    if not state.seed.store.get("checkout_intents_enabled", True):
        raise ApiError(403, "Checkout intents are not included in this store's plan", "checkout_intent_not_allowed")
    if body["recaptcha_token"] == "fail":
        raise ApiError(422, "reCAPTCHA verification failed", "recaptcha_failed")
    key = f"{body['client_session_id']}:{body['form_widget_id']}"
    link = state.db.get("intent_session", key)
    now = dt.datetime.now(dt.UTC)
    intent = state.db.get("checkout_intent", link["id"]) if link else None
    if intent and intent["status"] == "completed":
        raise ApiError(409, "This checkout session already has an order", "checkout_intent_completed")
    if intent is None:
        intent = {
            "id": str(uuid.uuid4()),
            "form_widget_id": body["form_widget_id"],
            "status": "active",
            "last_sequence": 0,
            "started_at": iso(now),
            "fields": {},
            "items": [],
            "order_id": None,
        }
        apply(intent, body)
        state.db.put("intent_session", key, {"id": intent["id"]})
    else:
        state.db.delete("intent_token", intent["checkout_intent_token"])
    intent.update(
        checkout_intent_token=f"cit_{secrets.token_urlsafe(24)}",
        last_activity_at=iso(now),
        expires_at=iso(now + dt.timedelta(hours=24)),
        status="active",
    )
    state.db.put("checkout_intent", intent["id"], intent)
    state.db.put("intent_token", intent["checkout_intent_token"], {"id": intent["id"]})
    return JSONResponse(capture_view(intent), status_code=201)


async def update(request: Request) -> Response:
    state = require_public_store(request)
    intent = state.db.get("checkout_intent", request.path_params["checkout_intent_id"])
    if intent is None:
        raise not_found("Checkout intent", "checkout_intent_not_found")
    token = request.headers.get(TOKEN_HEADER, "")
    expired = dt.datetime.fromisoformat(intent["expires_at"].replace("Z", "+00:00")) < dt.datetime.now(dt.UTC)
    if not token.startswith("cit_") or token != intent["checkout_intent_token"] or expired:
        raise ApiError(401, "Invalid checkout intent token", "invalid_checkout_intent_token")
    if intent["status"] == "completed":
        raise ApiError(409, "This checkout intent already has an order", "checkout_intent_completed")
    body = await json_body(request)
    check_fields(body, UPDATE_KEYS)
    sequence = body.get("sequence")
    if not isinstance(sequence, int) or isinstance(sequence, bool):
        raise validation_failed([field_error("sequence", "is required", "required")])
    if sequence > intent["last_sequence"]:
        apply(intent, body)
        intent.update(last_sequence=sequence, last_activity_at=iso(dt.datetime.now(dt.UTC)))
        state.db.put("checkout_intent", intent["id"], intent)
    return Response(status_code=204)


routes = [
    Route("/public/checkout-intents", start, methods=["POST"]),
    Route("/public/checkout-intents/{checkout_intent_id}", update, methods=["PATCH"]),
]
