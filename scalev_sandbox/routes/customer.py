"""The signed-in customer's area under ``/customers/me`` (Bearer JWT; no storefront key):
profile, addresses, cart, checkout, orders, subscriptions and courses."""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..auth import unauthorized
from ..checkout import EMAIL, PHONE, lines_from, location_from, place_order, totals_for
from ..errors import ApiError, not_found
from ..pagination import paginate
from ..pricing import shipping_options
from ..requests import as_int, field_error, json_body, optional_str, parse_item, validation_failed
from ..state import SandboxState
from ._common import client_address, image_resolver, origin_of, path_int

PROFILE_KEYS = {"name", "phone", "date_of_birth", "sex", "is_unsubscribe"}
ADDRESS_KEYS = ("name", "phone", "email", "location_id", "address", "postal_code", "notes")
CHECKOUT_KEYS = {
    "checkout_intent_token",
    "items",
    "cart_id",
    "address_id",
    "address",
    "location_id",
    "postal_code",
    "payment_method",
    "courier_service_id",
    "warehouse_unique_id",
    "courier_aggregator_code",
    "discount_code_code",
    "notes",
}


def me(request: Request) -> tuple[SandboxState, dict[str, Any]]:
    state: SandboxState = request.app.state.sandbox
    customer = state.auth.customer_for(request)
    if request.path_params.get("store_id") != state.seed.store.unique_id:
        raise unauthorized("Token is not valid for this store", "invalid_token")
    return state, customer


# -- profile ---------------------------------------------------------------------------------


def profile(state: SandboxState, customer: dict[str, Any]) -> dict[str, Any]:
    store = state.seed.store
    return {
        "customer": {
            "id": customer["id"],
            "email": customer["email"],
            "name": customer.get("name"),
            "phone": customer.get("phone"),
            "avatar": None,
            "bio_description": None,
            "date_of_birth": customer.get("date_of_birth"),
            "sex": customer.get("sex"),
            "confirmed_at": customer.get("created_at"),
            "created_at": customer.get("created_at"),
            "last_updated_at": customer.get("updated_at", customer.get("created_at")),
            "status": "active",
            "is_unsubscribe": bool(customer.get("is_unsubscribe")),
            "business_id": store.id,
        },
        "store": {
            "id": store.id,
            "unique_id": store.unique_id,
            "name": store.name,
            "is_customer_otp_required": bool(store.get("is_customer_otp_required")),
        },
        "is_generated_password_reset": bool(customer.get("is_generated_password_reset")),
    }


async def get_me(request: Request) -> JSONResponse:
    state, customer = me(request)
    return JSONResponse(profile(state, customer))


async def update_me(request: Request) -> JSONResponse:
    state, customer = me(request)
    body = await json_body(request)
    errors = [field_error(k, "cannot be changed here", "unknown_field") for k in sorted(set(body) - PROFILE_KEYS)]
    for key in ("name", "phone", "sex"):
        if key in body and body[key] is not None and not isinstance(body[key], str):
            errors.append(field_error(key, "must be a string"))
    if isinstance(body.get("name"), str) and not body["name"].strip():
        errors.append(field_error("name", "cannot be empty", "required"))
    if isinstance(body.get("phone"), str) and body["phone"] and not PHONE.match(body["phone"]):
        errors.append(field_error("phone", "is not a valid phone number", "format"))
    if body.get("date_of_birth") is not None:
        try:
            dt.date.fromisoformat(str(body["date_of_birth"]))
        except ValueError:
            errors.append(field_error("date_of_birth", "must be a date (YYYY-MM-DD)", "format"))
    if "is_unsubscribe" in body and not isinstance(body["is_unsubscribe"], bool):
        errors.append(field_error("is_unsubscribe", "must be true or false"))
    if errors:
        raise validation_failed(errors)
    customer.update({k: body[k] for k in PROFILE_KEYS if k in body})
    customer["updated_at"] = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    state.db.put("customer", customer["id"], customer)
    return JSONResponse(profile(state, customer))


async def set_new_password(request: Request) -> JSONResponse:
    state, customer = me(request)
    body = await json_body(request)
    password = body.get("password")
    if not isinstance(password, str):
        raise validation_failed([field_error("password", "is required", "required")])
    customer = state.auth.set_password(customer, password)
    return JSONResponse(profile(state, customer))


# -- addresses -------------------------------------------------------------------------------


def address_view(state: SandboxState, address: dict[str, Any]) -> dict[str, Any]:
    location = state.locations.get(address.get("location_id"))
    return {
        "id": address["id"],
        "name": address.get("name"),
        "phone": address.get("phone"),
        "email": address.get("email"),
        "location": (
            {
                "id": location["id"],
                "subdistrict_name": location["subdistrict_name"],
                "city_name": location["city_name"],
                "province_name": location["province_name"],
            }
            if location
            else None
        ),
        "address": address.get("address"),
        "postal_code": address.get("postal_code"),
        "notes": address.get("notes"),
    }


def addresses_of(state: SandboxState, customer: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for a in state.db.all("address") if a["customer_id"] == customer["id"]]


def address_or_404(state: SandboxState, customer: dict[str, Any], address_id: Any) -> dict[str, Any]:
    try:
        address = state.db.get("address", int(address_id))
    except (TypeError, ValueError):
        address = None
    if address is None or address["customer_id"] != customer["id"]:
        raise not_found("Address", "address_not_found")
    return address


def apply_address(
    state: SandboxState, address: dict[str, Any], body: dict[str, Any], *, creating: bool
) -> dict[str, Any]:
    errors = []
    for key in ADDRESS_KEYS:
        if key in body and body[key] is not None and key != "location_id" and not isinstance(body[key], str):
            errors.append(field_error(key, "must be a string"))
    if creating:
        errors += [
            field_error(k, "is required", "required")
            for k in ("name", "location_id", "address", "postal_code")
            if body.get(k) in (None, "")
        ]
    if isinstance(body.get("email"), str) and body["email"] and not EMAIL.match(body["email"]):
        errors.append(field_error("email", "is not a valid email address", "format"))
    if isinstance(body.get("phone"), str) and body["phone"] and not PHONE.match(body["phone"]):
        errors.append(field_error("phone", "is not a valid phone number", "format"))
    if errors:
        raise validation_failed(errors)
    merged = {**address, **{k: body[k] for k in ADDRESS_KEYS if k in body}}
    location = location_from(state, merged.get("location_id"), merged.get("postal_code"), "location_id")
    if location is not None:
        merged["location_id"] = location["id"]
    return state.save_address(merged)


async def list_addresses(request: Request) -> JSONResponse:
    state, customer = me(request)
    rows = [address_view(state, a) for a in addresses_of(state, customer)]
    page, envelope = paginate(rows, request.query_params, default_size=25, max_size=100)
    return JSONResponse({"data": page, **envelope})


async def create_address(request: Request) -> JSONResponse:
    state, customer = me(request)
    body = await json_body(request)
    address = {"id": state.db.next_id("address", 7101), "customer_id": customer["id"]}
    return JSONResponse(address_view(state, apply_address(state, address, body, creating=True)))


async def get_address(request: Request) -> JSONResponse:
    state, customer = me(request)
    return JSONResponse(address_view(state, address_or_404(state, customer, request.path_params["address_id"])))


async def update_address(request: Request) -> JSONResponse:
    state, customer = me(request)
    address = address_or_404(state, customer, request.path_params["address_id"])
    body = await json_body(request)
    return JSONResponse(address_view(state, apply_address(state, address, body, creating=False)))


async def delete_address(request: Request) -> Response:
    state, customer = me(request)
    address = address_or_404(state, customer, request.path_params["address_id"])
    state.db.delete("address", address["id"])
    return Response(status_code=204)


# -- cart ------------------------------------------------------------------------------------


def cart_json(request: Request, state: SandboxState, cart: dict[str, Any], status: int = 200) -> JSONResponse:
    return JSONResponse(state.carts.render(cart, image_resolver(request, state)), status_code=status)


async def get_cart(request: Request) -> JSONResponse:
    state, customer = me(request)
    return cart_json(request, state, state.carts.for_customer(customer["id"]))


async def add_cart_item(request: Request) -> JSONResponse:
    state, customer = me(request)
    kind, item_id, quantity = parse_item(await json_body(request), "item", max_quantity=None)
    cart = state.carts.add(state.carts.for_customer(customer["id"]), kind, item_id, quantity)
    return cart_json(request, state, cart, status=201)


async def update_cart_item(request: Request) -> JSONResponse:
    state, customer = me(request)
    body = await json_body(request)
    if "quantity" not in body:
        raise validation_failed([field_error("quantity", "is required", "required")])
    quantity = as_int(body["quantity"], "quantity", minimum=1)
    item_id = path_int(request, "item_id")
    if item_id is None:
        raise not_found("Cart item", "cart_item_not_found")
    cart = state.carts.update(state.carts.for_customer(customer["id"]), item_id, quantity)
    return cart_json(request, state, cart)


async def remove_cart_item(request: Request) -> JSONResponse:
    state, customer = me(request)
    item_id = path_int(request, "item_id")
    if item_id is None:
        raise not_found("Cart item", "cart_item_not_found")
    return cart_json(request, state, state.carts.remove(state.carts.for_customer(customer["id"]), item_id))


# -- checkout --------------------------------------------------------------------------------


def customer_cart(state: SandboxState, customer: dict[str, Any], body: dict[str, Any]) -> dict[str, Any] | None:
    """The cart named by ``cart_id`` (which must be the customer's own), else their cart."""
    if body.get("cart_id") in (None, ""):
        return state.carts.for_customer(customer["id"])
    cart_id = as_int(body["cart_id"], "cart_id")
    cart = state.db.get("cart", cart_id)
    if cart is None or cart.get("customer_id") != customer["id"]:
        raise validation_failed([field_error("cart_id", "is not your cart", "not_found")])
    return cart


async def checkout_addresses(request: Request) -> JSONResponse:
    state, customer = me(request)
    return JSONResponse(
        {"data": [address_view(state, a) for a in addresses_of(state, customer)], "is_paginated": False}
    )


async def checkout_payment_methods(request: Request) -> JSONResponse:
    state, _ = me(request)
    store = state.seed.store
    return JSONResponse(
        {
            "payment_methods": [m["code"] for m in store.get("payment_methods", []) if m.get("enabled", True)],
            "payment_accounts": [
                {
                    "id": a["id"],
                    "method": a["method"],
                    "account_number": a["account_number"],
                    "account_holder": a["account_holder"],
                    "financial_entity_code": a["financial_entity"]["code"],
                    "financial_entity_name": a["financial_entity"]["name"],
                }
                for a in store.get("payment_accounts", [])
            ],
        }
    )


async def checkout_shipping_options(request: Request) -> JSONResponse:
    state, customer = me(request)
    body = await json_body(request, required=False)
    lines, _ = lines_from(state, body, customer_cart(state, customer, body))
    location = location_from(state, body.get("location_id"), body.get("postal_code"), "location_id")
    rows = shipping_options(
        state.seed.store, state.seed.section("couriers"), lines, location, optional_str(body, "payment_method")
    )
    return JSONResponse({"data": rows, "is_paginated": False})


async def checkout_summary(request: Request) -> JSONResponse:
    state, customer = me(request)
    body = await json_body(request, required=False)
    lines, _ = lines_from(state, body, customer_cart(state, customer, body))
    location = location_from(state, body.get("location_id"), body.get("postal_code"), "location_id")
    totals, _ = totals_for(state, lines, location, body, location_field="location_id", method_required=False)
    return JSONResponse(totals.summary())


async def create_checkout(request: Request) -> JSONResponse:
    state, customer = me(request)
    body = await json_body(request)
    extra = set(body) - CHECKOUT_KEYS
    if extra:
        raise validation_failed([field_error(k, "is not a checkout field", "unknown_field") for k in sorted(extra)])
    cart = customer_cart(state, customer, body)
    lines, used_cart = lines_from(state, body, cart)
    saved = address_or_404(state, customer, body["address_id"]) if body.get("address_id") not in (None, "") else {}
    location_id = body.get("location_id") or saved.get("location_id")
    postal = body.get("postal_code") or saved.get("postal_code")
    street = body.get("address") or saved.get("address")
    location = location_from(state, location_id, postal, "location_id")
    if any(line.physical for line in lines) and (location is None or not street):
        raise validation_failed(
            [field_error("address_id", "choose a saved address or send location_id and address", "required")]
        )
    totals, method = totals_for(state, lines, location, body, location_field="location_id", method_required=True)
    buyer = {
        "name": saved.get("name") or customer.get("name") or customer["email"],
        "email": customer["email"],
        "phone": saved.get("phone") or customer.get("phone"),
    }
    assert method is not None  # required above
    order, duplicate = place_order(
        state,
        lines=lines,
        totals=totals,
        method=method,
        buyer=buyer,
        location=location,
        postal_code=postal,
        address=street,
        notes=optional_str(body, "notes"),
        customer_id=customer["id"],
        origin=origin_of(request),
        client=client_address(request),
    )
    if cart is not None and not duplicate and (used_cart or body.get("cart_id") not in (None, "")):
        state.carts.clear(cart)
    state.link_checkout_intent(body.get("checkout_intent_token"), order)
    return JSONResponse(state.orders.public(order), status_code=201)


# -- orders ----------------------------------------------------------------------------------


async def list_orders(request: Request) -> JSONResponse:
    state, customer = me(request)
    orders = [o for o in state.db.all("order") if o.get("customer_id") == customer["id"]]
    orders.sort(key=lambda o: o["created_at"], reverse=True)
    page, envelope = paginate(orders, request.query_params, default_size=10, max_size=50)
    return JSONResponse({"data": [state.orders.customer_facing(o) for o in page], **envelope})


async def get_order(request: Request) -> JSONResponse:
    state, customer = me(request)
    order = state.db.get("order", request.path_params["id"])
    if order is None or order.get("customer_id") != customer["id"]:
        raise not_found("Order", "order_not_found")
    return JSONResponse(state.orders.customer_facing(order))


# -- subscriptions ---------------------------------------------------------------------------


async def list_subscriptions(request: Request) -> JSONResponse:
    state, customer = me(request)
    status = request.query_params.get("status")
    if status and status not in {"unactivated", "active", "canceled", "expired", "failed"}:
        raise ApiError(400, "Unknown subscription status", "invalid_status")
    rows = [s for s in state.subscriptions.of(customer["id"]) if not status or s["status"] == status]
    page, envelope = paginate(rows, request.query_params, default_size=25, max_size=25)
    return JSONResponse({"data": [state.subscriptions.summary(s) for s in page], **envelope})


async def get_subscription(request: Request) -> JSONResponse:
    state, customer = me(request)
    doc = state.subscriptions.get(customer["id"], request.path_params["id"])
    return JSONResponse(state.subscriptions.detail(doc))


async def cancel_subscription(request: Request) -> JSONResponse:
    state, customer = me(request)
    doc = state.subscriptions.get(customer["id"], request.path_params["id"])
    return JSONResponse(state.subscriptions.detail(state.subscriptions.cancel(doc)))


async def resume_subscription(request: Request) -> JSONResponse:
    state, customer = me(request)
    doc = state.subscriptions.get(customer["id"], request.path_params["id"])
    return JSONResponse(state.subscriptions.detail(state.subscriptions.resume(doc)))


def item_options(direction: str):
    async def options(request: Request) -> JSONResponse:
        state, customer = me(request)
        _, item = state.subscriptions.item(customer["id"], request.path_params["id"])
        rows = [state.subscriptions.variant_option(v) for v in state.subscriptions.options(item, direction)]
        return JSONResponse({"data": rows, "is_paginated": False})

    async def change(request: Request) -> JSONResponse:
        state, customer = me(request)
        doc, item = state.subscriptions.item(customer["id"], request.path_params["id"])
        body = await json_body(request)
        if "variant_id" not in body:
            raise validation_failed([field_error("variant_id", "is required", "required")])
        variant_id = as_int(body["variant_id"], "variant_id")
        return JSONResponse(state.subscriptions.detail(state.subscriptions.change(doc, item, variant_id, direction)))

    return options, change


upgrade_options, upgrade_item = item_options("upgrade")
downgrade_options, downgrade_item = item_options("downgrade")


# -- courses ---------------------------------------------------------------------------------


async def variant_course(request: Request) -> JSONResponse:
    state, customer = me(request)
    return JSONResponse(state.courses.course_for_variant_uuid(customer, request.path_params["uuid"]))


async def course_section(request: Request) -> JSONResponse:
    state, customer = me(request)
    return JSONResponse(state.courses.section(customer, request.path_params["uuid"]))


async def course_content(request: Request) -> JSONResponse:
    state, customer = me(request)
    return JSONResponse(state.courses.content(customer, request.path_params["uuid"]))


async def course_progress(request: Request) -> JSONResponse:
    state, customer = me(request)
    body = await json_body(request)
    progress = body.get("progress")
    if isinstance(progress, bool) or not isinstance(progress, (int, float)) or not 0 <= progress <= 100:
        raise validation_failed([field_error("progress", "must be a number from 0 to 100", "out_of_range")])
    return JSONResponse(state.courses.set_progress(customer, request.path_params["uuid"], float(progress)))


routes = [
    Route("/customers/me", get_me, methods=["GET"]),
    Route("/customers/me", update_me, methods=["PATCH"]),
    Route("/customers/me/set-new-password", set_new_password, methods=["POST"]),
    Route("/customers/me/addresses", list_addresses, methods=["GET"]),
    Route("/customers/me/addresses", create_address, methods=["POST"]),
    Route("/customers/me/addresses/{address_id}", get_address, methods=["GET"]),
    Route("/customers/me/addresses/{address_id}", update_address, methods=["PATCH"]),
    Route("/customers/me/addresses/{address_id}", delete_address, methods=["DELETE"]),
    Route("/customers/me/cart", get_cart, methods=["GET"]),
    Route("/customers/me/cart/items", add_cart_item, methods=["POST"]),
    Route("/customers/me/cart/items/{item_id}", update_cart_item, methods=["PATCH"]),
    Route("/customers/me/cart/items/{item_id}", remove_cart_item, methods=["DELETE"]),
    Route("/customers/me/checkout/addresses", checkout_addresses, methods=["GET"]),
    Route("/customers/me/checkout/payment-methods", checkout_payment_methods, methods=["GET"]),
    Route("/customers/me/checkout/shipping-options", checkout_shipping_options, methods=["POST"]),
    Route("/customers/me/checkout/summary", checkout_summary, methods=["POST"]),
    Route("/customers/me/checkout", create_checkout, methods=["POST"]),
    Route("/customers/me/orders", list_orders, methods=["GET"]),
    Route("/customers/me/orders/{id}", get_order, methods=["GET"]),
    Route("/customers/me/subscriptions", list_subscriptions, methods=["GET"]),
    Route("/customers/me/subscriptions/{id}", get_subscription, methods=["GET"]),
    Route("/customers/me/subscriptions/{id}/cancel", cancel_subscription, methods=["POST"]),
    Route("/customers/me/subscriptions/{id}/resume", resume_subscription, methods=["POST"]),
    Route("/customers/me/subscription-items/{id}/upgrade", upgrade_options, methods=["GET"]),
    Route("/customers/me/subscription-items/{id}/upgrade", upgrade_item, methods=["POST"]),
    Route("/customers/me/subscription-items/{id}/downgrade", downgrade_options, methods=["GET"]),
    Route("/customers/me/subscription-items/{id}/downgrade", downgrade_item, methods=["POST"]),
    Route("/customers/me/variants/{uuid}/course", variant_course, methods=["GET"]),
    Route("/customers/me/course-sections/{uuid}", course_section, methods=["GET"]),
    Route("/customers/me/course-contents/{uuid}", course_content, methods=["GET"]),
    Route("/customers/me/course-contents/{uuid}", course_progress, methods=["PATCH"]),
]
