"""What can go wrong talking to Scalev, as exceptions a view can explain to a shopper."""

from __future__ import annotations

import json
from typing import Any

from .http import HttpResponse


class StorefrontError(Exception):
    """Base of every error the client raises."""


class NetworkError(StorefrontError):
    """The request never got an answer: offline, DNS, CORS refusal or connection reset."""


class RequestTimeout(NetworkError):
    """No answer within the request's timeout."""


class SessionExpired(StorefrontError):
    """The customer's session could not be renewed; they are signed out (the cart stays)."""


class ApiError(StorefrontError):
    """Scalev answered with a status outside 2xx.

    ``field_errors`` maps a request field to its messages when the body names fields.
    """

    def __init__(
        self,
        status: int,
        error: str,
        *,
        error_code: str | None = None,
        message: str | None = None,
        field_errors: dict[str, list[str]] | None = None,
        body: Any = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message or error)
        self.status = status
        self.error = error
        self.error_code = error_code
        self.message = message
        self.field_errors = field_errors or {}
        #: Field → Scalev's codes for what is wrong with it (``required``, ``out_of_stock``…).
        self.field_codes: dict[str, list[str]] = {}
        self.body = body
        #: Scalev's id for the request (``X-Request-Id``), for the merchant to quote to support.
        self.request_id = request_id

    @property
    def is_rate_limited(self) -> bool:
        return self.status == 429

    @property
    def codes(self) -> list[str]:
        """Every code the answer carries, the error's own first, then its fields' in order."""
        found = [self.error_code] if self.error_code else []
        return found + [code for codes in self.field_codes.values() for code in codes if code]


def _field_codes(errors: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in errors if isinstance(errors, list) else ():
        if isinstance(item, dict) and item.get("field") and isinstance(item.get("code"), str):
            found.setdefault(str(item["field"]), []).append(item["code"])
    return found


def _field_errors(errors: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    if isinstance(errors, list):
        for item in errors:
            if isinstance(item, dict) and item.get("field"):
                found.setdefault(str(item["field"]), []).append(str(item.get("message") or ""))
    elif isinstance(errors, dict):
        for field, messages in errors.items():
            items = messages if isinstance(messages, list) else [messages]
            found[str(field)] = [str(m) for m in items]
    return found


def error_from_response(response: HttpResponse) -> ApiError:
    """Reads Scalev's error object, or a plain-text or empty body, into an ``ApiError``."""
    request_id = response.header("x-request-id") or response.header("x-scalev-request-id")
    try:
        body = json.loads(response.text) if response.text else None
    except ValueError:
        body = None
    if isinstance(body, dict):
        error = body.get("error")
        text = error if isinstance(error, str) else (response.text or f"HTTP {response.status}")
        found = ApiError(
            response.status,
            text,
            error_code=body.get("error_code") if isinstance(body.get("error_code"), str) else None,
            message=body.get("message") if isinstance(body.get("message"), str) else None,
            field_errors=_field_errors(body.get("errors")),
            body=body,
            request_id=request_id,
        )
        found.field_codes = _field_codes(body.get("errors"))
        return found
    text = response.text.strip() or f"HTTP {response.status}"
    return ApiError(response.status, text, body=response.text or None, request_id=request_id)
