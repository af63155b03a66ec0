"""Scalev's v3 error object, raised as an exception and rendered by one handler.

The body carries only the documented keys: ``error``, ``error_code``, ``message`` and ``errors``.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse


class ApiError(Exception):
    def __init__(
        self, status: int, error: str, error_code: str | None = None, *, message: str | None = None, errors: Any = None
    ) -> None:
        super().__init__(error)
        self.status = status
        self.body: dict[str, Any] = {"error": error}
        if error_code is not None:
            self.body["error_code"] = error_code
        if message is not None:
            self.body["message"] = message
        if errors is not None:
            self.body["errors"] = errors


def store_not_found() -> ApiError:
    """The one answer for an unknown store, a wrong or revoked key, and an ineligible plan."""
    return ApiError(404, "Store not found", "store_not_found")


def not_found(what: str, code: str) -> ApiError:
    return ApiError(404, f"{what} not found", code)


def bad_request(error: str, code: str, **kwargs: Any) -> ApiError:
    return ApiError(400, error, code, **kwargs)


async def api_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return JSONResponse(exc.body, status_code=exc.status)
