"""Guest checkout area: payment methods, shipping options, summary, discount check, order."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from ..catalog import money
from ..checkout import buyer_from, destination_of, lines_from, location_from, place_order, totals_for
from ..identity import require_public_store
from ..pricing import evaluate_discount, shipping_options
from ..requests import field_error, json_body, optional_str, validation_failed
from ._common import GUEST_HEADER, client_address, origin_of

PUBLIC_CHECKOUT_KEYS = {
    "checkout_intent_token",
    "items",
    "customer_name",
    "customer_email",
    "customer_phone",
    "shipping_address",
    "shipping_province",
    "shipping_city",
    "shipping_subdistrict",
    "shipping_postal_code",
    "shipping_location_id",
    "address",
    "location",
    "location_id",
    "postal_code",
    "payment_method",
    "courier_service_id",
    "warehouse_unique_id",
    "courier_aggregator_code",
    "discount_code_code",
    "notes",
}


def guest_cart(request: Request):
    return request.app.state.sandbox.carts.existing_for_token(request.headers.get(GUEST_HEADER))


def lines_and_destination(request: Request, state, body: dict):
    """The priced lines (direct items, else the guest cart) and the ``destination`` location."""
    lines, _ = lines_from(state, body, guest_cart(request))
    location_id, postal = destination_of(body)
    return lines, location_from(state, location_id, postal, "destination.location_id")


async def payment_methods(request: Request) -> JSONResponse:
    state = require_public_store(request)
    rows = [
        {
            "code": m["code"],
            "label": m["label"],
            "description": m.get("description"),
            "enabled": True,
            "requires_redirect": bool(m.get("requires_redirect")),
            "metadata": m.get("metadata"),
        }
        for m in state.seed.store.get("payment_methods", [])
        if m.get("enabled", True) and m["code"] != "no_payment"
    ]
    return JSONResponse({"data": rows, "is_paginated": False})


async def list_shipping_options(request: Request) -> JSONResponse:
    state = require_public_store(request)
    body = await json_body(request, required=False)
    lines, location = lines_and_destination(request, state, body)
    method = optional_str(body, "payment_method")
    rows = shipping_options(state.seed.store, state.seed.section("couriers"), lines, location, method)
    return JSONResponse({"data": rows, "is_paginated": False})


async def summary(request: Request) -> JSONResponse:
    state = require_public_store(request)
    body = await json_body(request, required=False)
    lines, location = lines_and_destination(request, state, body)
    totals, _ = totals_for(state, lines, location, body, location_field="destination", method_required=False)
    return JSONResponse(totals.summary())


async def check_discount(request: Request) -> JSONResponse:
    state = require_public_store(request)
    body = await json_body(request)
    code = body.get("code")
    if not isinstance(code, str) or not code.strip():
        raise validation_failed([field_error("code", "is required", "required")])
    lines, location = lines_and_destination(request, state, body)
    totals, method = totals_for(state, lines, location, body, location_field=None, method_required=False)
    result = evaluate_discount(
        state.seed.section("discount_codes"),
        state.discount_usage(),
        code,
        totals.product_price,
        totals.shipping_cost,
        method,
    )
    return JSONResponse(
        {
            "discount_code": discount_code_view(state, result.code) if result.code and result.eligible else None,
            "eligibility_details": result.details,
            "is_eligible": result.eligible,
            "discount_code_discount": money(result.amount),
        }
    )


def discount_code_view(state, code: dict) -> dict:
    return {
        "id": code["id"],
        "business_id": state.seed.store.id,
        "is_enabled": code.get("is_enabled", True),
        "code": code["code"],
        "applied_to": code["applied_to"],
        "amount_type": code["amount_type"],
        "percentage": code.get("percentage") or "0",
        "is_max_amount": bool(code.get("is_max_amount")),
        "max_amount": code.get("max_amount"),
        "amount": code.get("amount") or "0",
        "is_usage_limit": code.get("usage_limit") is not None,
        "usage_limit": code.get("usage_limit"),
        "current_usage": code.get("current_usage", 0) + state.discount_usage().get(code["code"], 0),
        "is_expiry": bool(code.get("expiry_time")),
        "expiry_time": code.get("expiry_time"),
        "is_limited_to_pages": False,
        "pages": [],
        "is_limited_to_payment_methods": bool(code.get("payment_methods")),
        "payment_methods": code.get("payment_methods") or [],
        "is_minimum_revenue": code.get("minimum_revenue") is not None,
        "minimum_revenue": code.get("minimum_revenue"),
        "inserted_at": "2026-05-01T00:00:00Z",
        "updated_at": "2026-05-01T00:00:00Z",
    }


async def create_checkout(request: Request) -> JSONResponse:
    state = require_public_store(request)
    body = await json_body(request)
    extra = set(body) - PUBLIC_CHECKOUT_KEYS
    if extra:
        raise validation_failed([field_error(key, "is not a checkout field", "unknown_field") for key in sorted(extra)])
    buyer = buyer_from(body)
    token = request.headers.get(GUEST_HEADER)
    cart = guest_cart(request)
    lines, used_cart = lines_from(state, body, cart)
    location_id = body.get("shipping_location_id", body.get("location_id"))
    postal = body.get("shipping_postal_code", body.get("postal_code"))
    address = body.get("shipping_address", body.get("address"))
    location = location_from(state, location_id, postal, "shipping_location_id")
    if any(line.physical for line in lines):
        missing = []
        if location is None:
            missing.append(field_error("shipping_location_id", "a delivery location is required", "required"))
        if not address:
            missing.append(field_error("shipping_address", "a street address is required", "required"))
        if missing:
            raise validation_failed(missing)
    totals, method = totals_for(
        state, lines, location, body, location_field="shipping_location_id", method_required=True
    )
    assert method is not None  # required above
    order, duplicate = place_order(
        state,
        lines=lines,
        totals=totals,
        method=method,
        buyer=buyer,
        location=location,
        postal_code=postal,
        address=address,
        notes=optional_str(body, "notes"),
        customer_id=None,
        origin=origin_of(request),
        client=client_address(request),
    )
    if cart is not None and not duplicate and (used_cart or body.get("items") is not None):
        state.carts.clear(cart)
    state.link_checkout_intent(body.get("checkout_intent_token"), order)
    headers = {GUEST_HEADER: token} if cart is not None and token else {}
    return JSONResponse(state.orders.public(order), status_code=201, headers=headers)


routes = [
    Route("/public/payment-methods", payment_methods),
    Route("/public/checkout/shipping-options", list_shipping_options, methods=["POST"]),
    Route("/public/checkout/summary", summary, methods=["POST"]),
    Route("/public/discount-codes/check", check_discount, methods=["POST"]),
    Route("/public/checkout", create_checkout, methods=["POST"]),
]
