"""The ASGI application: Scalev's paths under ``/v3/stores/{store_id}``, the sandbox's own
under ``/__sandbox__``."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount

from .config import SandboxConfig
from .cors import StoreCorsMiddleware
from .errors import ApiError, api_error_handler
from .limits import LimitsMiddleware
from .routes import analytics, auth, cart, catalog, checkout, control, customer, intents, locations, orders
from .state import SandboxState
from .wire import WireMiddleware


async def unknown_route(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"error": "Not found", "error_code": "not_found"}, status_code=404)


async def method_not_allowed(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"error": "Method not allowed", "error_code": "method_not_allowed"}, status_code=405)


def create_app(config: SandboxConfig | None = None) -> Starlette:
    config = config or SandboxConfig.from_env()
    app = Starlette(
        routes=[
            Mount(
                "/v3/stores/{store_id}",
                routes=[
                    *catalog.routes,
                    *locations.routes,
                    *cart.routes,
                    *checkout.routes,
                    *orders.routes,
                    *analytics.routes,
                    *auth.routes,
                    *intents.routes,
                    *customer.routes,
                ],
            ),
            Mount("/__sandbox__", routes=control.routes),
        ],
        middleware=[Middleware(WireMiddleware), Middleware(StoreCorsMiddleware), Middleware(LimitsMiddleware)],
        exception_handlers={ApiError: api_error_handler, 404: unknown_route, 405: method_not_allowed},
    )
    app.state.sandbox = SandboxState.from_config(config)
    return app
