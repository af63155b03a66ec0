"""Public order area, addressed by the secret slug: read, buyer update, payment instructions,
and the transfer-proof upload (a presigned-style URL on the sandbox that takes a ``PUT``)."""

from __future__ import annotations

import uuid

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from ..errors import ApiError, not_found
from ..identity import require_public_store
from ..ids import now_iso
from ..requests import as_int, field_error, json_body, validation_failed
from ._common import base_url, storage_url

MAX_PROOF_BYTES = 10 * 1024 * 1024
PROOF_TYPES = {"image/jpeg", "image/png", "image/webp"}
UPDATABLE = (
    "transferproof_url",
    "transfer_time",
    "financial_entity_id",
    "payment_account",
    "payment_account_holder",
    "payment_account_number",
    "notes",
)


def order_or_404(request: Request):
    state = request.app.state.sandbox
    order = state.orders.by_slug(request.path_params["secret_slug"])
    if order is None:
        raise not_found("Order", "order_not_found")
    return order


async def get_order(request: Request) -> JSONResponse:
    state = require_public_store(request)
    return JSONResponse(state.orders.public(order_or_404(request)))


async def update_order(request: Request) -> JSONResponse:
    state = require_public_store(request)
    order = order_or_404(request)
    body = await json_body(request)
    errors = []
    for key in UPDATABLE:
        if key in body and body[key] is not None and key != "financial_entity_id" and not isinstance(body[key], str):
            errors.append(field_error(key, "must be a string"))
    if body.get("financial_entity_id") is not None:
        entity = as_int(body["financial_entity_id"], "financial_entity_id")
        accounts = state.seed.store.get("payment_accounts", [])
        account = next((a for a in accounts if a["financial_entity"]["id"] == entity), None)
        if account is None:
            errors.append(field_error("financial_entity_id", "is not one of the store's payment accounts", "not_found"))
        else:
            order["financial_entity_id"] = entity
            order["payment_account_holder"] = account["account_holder"]
            order["payment_account_number"] = account["account_number"]
    if body.get("transfer_time"):
        import datetime as dt

        try:
            dt.datetime.fromisoformat(str(body["transfer_time"]).replace("Z", "+00:00"))
        except ValueError:
            errors.append(field_error("transfer_time", "must be an ISO 8601 date-time", "format"))
    if errors:
        raise validation_failed(errors)
    if order["payment_status"] == "paid" and body.get("transferproof_url"):
        raise ApiError(400, "This order is already paid", "order_already_paid")
    for key in ("transferproof_url", "transfer_time", "payment_account_holder", "payment_account_number", "notes"):
        if key in body:
            order[key] = body[key]
    if body.get("transferproof_url") and not order.get("transfer_time"):
        order["transfer_time"] = now_iso()
    return JSONResponse(state.orders.public(state.orders.save(order)))


async def create_payment(request: Request) -> JSONResponse:
    state = require_public_store(request)
    order = order_or_404(request)
    if order["status"] == "canceled":
        raise ApiError(400, "This order was canceled", "order_canceled")
    order = state.orders.ensure_payment(order, base_url(request, state))
    return JSONResponse(state.orders.public(order))


async def transfer_proof_upload(request: Request) -> JSONResponse:
    state = require_public_store(request)
    order = order_or_404(request)
    body = await json_body(request)
    errors = []
    extra = set(body) - {"filename", "content_type", "content_length"}
    if extra:
        errors.append(field_error("body", f"unexpected keys: {', '.join(sorted(extra))}"))
    filename = body.get("filename")
    if not isinstance(filename, str) or not filename.strip() or "/" in filename:
        errors.append(field_error("filename", "is required", "required"))
    if body.get("content_type") not in PROOF_TYPES:
        errors.append(
            field_error("content_type", "must be image/jpeg, image/png or image/webp", "invalid_content_type")
        )
    length = body.get("content_length")
    if not isinstance(length, int) or isinstance(length, bool) or not 1 <= length <= MAX_PROOF_BYTES:
        errors.append(field_error("content_length", "must be between 1 and 10485760 bytes", "out_of_range"))
    if errors:
        raise validation_failed(errors)
    if order["payment_method"] != "bank_transfer":
        raise ApiError(400, "Transfer proof is only for bank transfer orders", "transfer_proof_not_applicable")
    key = f"transfer-proofs/{order['secret_slug'][:12]}/{uuid.uuid4()}"
    base = storage_url(request, state)
    state.db.put(
        "upload",
        key,
        {
            "key": key,
            "filename": filename,
            "content_type": body["content_type"],
            "size": length,
            "order": order["secret_slug"],
            "received": False,
        },
    )
    return JSONResponse(
        {
            "key": key,
            "filename": filename,
            "content_type": body["content_type"],
            "size_in_bytes": length,
            "file_url": f"{base}/__sandbox__/files/{key}/{filename}",
            "upload_url": f"{base}/__sandbox__/uploads/{key}",
        }
    )


routes = [
    Route("/public/orders/{secret_slug}", get_order, methods=["GET"]),
    Route("/public/orders/{secret_slug}", update_order, methods=["PATCH"]),
    Route("/public/orders/{secret_slug}/payment", create_payment, methods=["POST"]),
    Route("/public/orders/{secret_slug}/transfer-proof-upload", transfer_proof_upload, methods=["POST"]),
]
