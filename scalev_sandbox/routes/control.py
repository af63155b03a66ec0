"""The sandbox's own routes, under ``/__sandbox__``: Scalev's paths all start with ``/v3``,
so nothing here can be mistaken for the real API.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..identity import sandbox
from ..media import picture_svg


async def health(request: Request) -> JSONResponse:
    state = sandbox(request)
    return JSONResponse({"ok": True, "store": state.seed.store.unique_id})


async def reset(request: Request) -> Response:
    sandbox(request).reset()
    return Response(status_code=204)


async def media(request: Request) -> Response:
    name = request.path_params["name"]
    return Response(
        picture_svg(name),
        media_type="image/svg+xml",
        headers={"Cache-Control": "public, max-age=86400"},
    )


routes = [
    Route("/health", health),
    Route("/reset", reset, methods=["POST"]),
    Route("/media/{name}.svg", media),
]
