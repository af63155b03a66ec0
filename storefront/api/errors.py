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


class BadAnswer(StorefrontError):
    """A 2xx answer that could not be read: not JSON, or not the shape the spec gives (the
    store changed, or something between rewrote it)."""

    def __init__(self, message: str, request_id: str | None = None) -> None:
        super().__init__(message)
        self.request_id = request_id


class ApiError(StorefrontError):
    """Scalev answered with a status outside 2xx. The details are read from its error object
    (``error``, ``error_code``, ``message``, ``errors``); a plain-text body is the ``error``."""

    def __init__(self, status: int, body: dict[str, Any] | str | None = None, request_id: str | None = None) -> None:
        self.status = status
        self.body = body if isinstance(body, dict) else {"error": body or f"HTTP {status}"}
        #: Scalev's id for the request (``X-Request-Id``), for the merchant to quote to support.
        self.request_id = request_id
        super().__init__(self.message or self.error)

    def _text(self, key: str) -> str | None:
        value = self.body.get(key)
        return value if isinstance(value, str) else None

    @property
    def error(self) -> str:
        return self._text("error") or f"HTTP {self.status}"

    @property
    def error_code(self) -> str | None:
        return self._text("error_code")

    @property
    def message(self) -> str | None:
        return self._text("message")

    @property
    def is_rate_limited(self) -> bool:
        return self.status == 429

    def _field_items(self) -> list[dict[str, Any]]:
        errors = self.body.get("errors")
        if isinstance(errors, dict):  # {field: message or [messages]}
            return [
                {"field": f, "message": m} for f, ms in errors.items() for m in (ms if isinstance(ms, list) else [ms])
            ]
        return (
            [item for item in errors if isinstance(item, dict) and item.get("field")]
            if isinstance(errors, list)
            else []
        )

    @property
    def field_errors(self) -> dict[str, list[str]]:
        """A request field → its messages, when the answer names fields."""
        found: dict[str, list[str]] = {}
        for item in self._field_items():
            found.setdefault(str(item["field"]), []).append(str(item.get("message") or ""))
        return found

    @property
    def field_codes(self) -> dict[str, list[str]]:
        """A request field → Scalev's codes for what is wrong with it (``required``, ``out_of_stock``…)."""
        found: dict[str, list[str]] = {}
        for item in self._field_items():
            if isinstance(item.get("code"), str):
                found.setdefault(str(item["field"]), []).append(item["code"])
        return found

    @property
    def codes(self) -> list[str]:
        """Every code the answer carries, the error's own first, then its fields' in order."""
        found = [self.error_code] if self.error_code else []
        return found + [code for codes in self.field_codes.values() for code in codes]


def uncertain(error: Exception) -> bool:
    """A failure that leaves open whether the store acted on a write: no answer, a 5xx, or a
    2xx that could not be read (a 4xx is a refusal: nothing was done)."""
    return isinstance(error, (NetworkError, BadAnswer)) or (isinstance(error, ApiError) and error.status >= 500)


def error_from_response(response: HttpResponse) -> ApiError:
    """Reads Scalev's error object, or a plain-text or empty body, into an ``ApiError``."""
    request_id = response.request_id
    try:
        body = json.loads(response.text) if response.text else None
    except ValueError:
        body = None
    if isinstance(body, dict):
        return ApiError(response.status, body, request_id)
    return ApiError(response.status, response.text.strip() or None, request_id)
