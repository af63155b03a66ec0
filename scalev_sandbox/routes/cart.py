"""Guest cart area: read, add, update, remove, and merge into a signed-in customer's cart.

Every answer carries ``X-Scalev-Guest-Token``: the one sent, or a new one when it was missing
or unknown.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from ..errors import not_found
from ..identity import require_public_store
from ..requests import as_int, json_body, parse_item
from ._common import GUEST_HEADER, image_resolver, path_int


def cart_response(request: Request, cart: dict, token: str, status: int = 200) -> JSONResponse:
    state = request.app.state.sandbox
    body = state.carts.render(cart, image_resolver(request, state))
    return JSONResponse(body, status_code=status, headers={GUEST_HEADER: token})


async def get_cart(request: Request) -> JSONResponse:
    state = require_public_store(request)
    cart, token = state.carts.for_token(request.headers.get(GUEST_HEADER))
    return cart_response(request, cart, token)


async def add_item(request: Request) -> JSONResponse:
    state = require_public_store(request)
    body = await json_body(request)
    kind, item_id, quantity = parse_item(body, "item", max_quantity=None)
    cart, token = state.carts.for_token(request.headers.get(GUEST_HEADER))
    cart = state.carts.add(cart, kind, item_id, quantity)
    return cart_response(request, cart, token, status=201)


async def update_item(request: Request) -> JSONResponse:
    state = require_public_store(request)
    item_id = path_int(request, "item_id")
    body = await json_body(request)
    if "quantity" not in body:
        from ..requests import field_error, validation_failed

        raise validation_failed([field_error("quantity", "is required", "required")])
    quantity = as_int(body["quantity"], "quantity", minimum=1)
    cart, token = state.carts.for_token(request.headers.get(GUEST_HEADER))
    if item_id is None:
        raise not_found("Cart item", "cart_item_not_found")
    return cart_response(request, state.carts.update(cart, item_id, quantity), token)


async def remove_item(request: Request) -> JSONResponse:
    state = require_public_store(request)
    item_id = path_int(request, "item_id")
    cart, token = state.carts.for_token(request.headers.get(GUEST_HEADER))
    if item_id is None:
        raise not_found("Cart item", "cart_item_not_found")
    return cart_response(request, state.carts.remove(cart, item_id), token)


async def merge(request: Request) -> JSONResponse:
    state = require_public_store(request)
    customer = state.auth.customer_for(request)
    guest, token = state.carts.for_token(request.headers.get(GUEST_HEADER))
    target = state.carts.for_customer(customer["id"])
    return cart_response(request, state.carts.merge(guest, target), token)


routes = [
    Route("/public/cart", get_cart, methods=["GET"]),
    Route("/public/cart/items", add_item, methods=["POST"]),
    Route("/public/cart/items/{item_id}", update_item, methods=["PATCH"]),
    Route("/public/cart/items/{item_id}", remove_item, methods=["DELETE"]),
    Route("/public/cart/merge", merge, methods=["POST"]),
]
