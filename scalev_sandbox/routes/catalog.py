"""Catalog area: items, item count, product and bundle detail, categories, variant pricing
and availability, payment methods come later with checkout."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from ..errors import bad_request, not_found
from ..identity import require_public_store
from ..pagination import paginate
from ._common import image_resolver, path_int


async def list_items(request: Request) -> JSONResponse:
    state = require_public_store(request)
    cards = state.catalog.item_cards(image_resolver(request, state))
    page, envelope = paginate(cards, request.query_params, default_size=25, max_size=100)
    return JSONResponse({"data": page, **envelope})


async def count_items(request: Request) -> JSONResponse:
    state = require_public_store(request)
    return JSONResponse({"total": len(state.catalog.item_cards(lambda name: name))})


async def product_detail(request: Request) -> JSONResponse:
    state = require_public_store(request)
    detail = state.catalog.product_detail(request.path_params["slug"], image_resolver(request, state))
    if detail is None:
        raise not_found("Product", "product_not_found")
    return JSONResponse(detail)


async def bundle_option_detail(request: Request) -> JSONResponse:
    state = require_public_store(request)
    detail = state.catalog.option_detail(request.path_params["slug"], image_resolver(request, state))
    if detail is None:
        raise not_found("Bundle price option", "bundle_price_option_not_found")
    return JSONResponse(detail)


async def list_categories(request: Request) -> JSONResponse:
    state = require_public_store(request)
    return JSONResponse({"data": state.catalog.category_list(), "is_paginated": False})


async def variant_pricing(request: Request) -> JSONResponse:
    state = require_public_store(request)
    raw = request.query_params.get("ids", "")
    try:
        ids = [int(part) for part in raw.split(",") if part.strip()]
    except ValueError:
        raise bad_request("ids must be comma-separated variant ids", "invalid_ids") from None
    if len(ids) > 100:
        raise bad_request("At most 100 variant ids per request", "invalid_ids")
    return JSONResponse({"data": state.catalog.pricing(ids), "is_paginated": False})


async def variant_availability(request: Request) -> JSONResponse:
    state = require_public_store(request)
    variant_id = path_int(request, "variant_id")
    body = state.catalog.availability(variant_id) if variant_id is not None else None
    if body is None:
        raise not_found("Variant", "variant_not_found")
    return JSONResponse(body)


routes = [
    Route("/public/items", list_items),
    Route("/public/items/count", count_items),
    Route("/public/products/{slug}", product_detail),
    Route("/public/bundle-price-options/{slug}", bundle_option_detail),
    Route("/public/categories", list_categories),
    Route("/public/variants/pricing", variant_pricing),
    Route("/public/variants/{variant_id}/availability", variant_availability),
]
