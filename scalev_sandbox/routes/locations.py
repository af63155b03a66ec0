"""Location area: the province → city → subdistrict cascade, search, and postal codes."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from ..errors import not_found
from ..identity import require_public_store
from ..pagination import paginate
from ._common import path_int, query_int


async def provinces(request: Request) -> JSONResponse:
    state = require_public_store(request)
    rows = state.locations.list_provinces(request.query_params.get("search"))
    return JSONResponse({"data": rows, "is_paginated": False})


async def cities(request: Request) -> JSONResponse:
    state = require_public_store(request)
    rows = state.locations.list_cities(query_int(request, "province_id"), request.query_params.get("search"))
    return JSONResponse({"data": rows, "is_paginated": False})


async def subdistricts(request: Request) -> JSONResponse:
    state = require_public_store(request)
    rows = state.locations.list_subdistricts(query_int(request, "city_id"), request.query_params.get("search"))
    return JSONResponse({"data": rows, "is_paginated": False})


async def search(request: Request) -> JSONResponse:
    state = require_public_store(request)
    rows = state.locations.search(request.query_params.get("search"))
    page, envelope = paginate(rows, request.query_params, default_size=20, max_size=100)
    return JSONResponse({"data": page, **envelope})


async def postal_codes(request: Request) -> JSONResponse:
    state = require_public_store(request)
    location_id = path_int(request, "location_id")
    rows = state.locations.postal_codes(location_id, request.query_params.get("search")) if location_id else None
    if rows is None:
        raise not_found("Location", "location_not_found")
    return JSONResponse({"data": rows, "is_paginated": False})


routes = [
    Route("/public/locations", search),
    Route("/public/locations/provinces", provinces),
    Route("/public/locations/cities", cities),
    Route("/public/locations/subdistricts", subdistricts),
    Route("/public/locations/{location_id}/postal-codes", postal_codes),
]
