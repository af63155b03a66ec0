"""Customer sign-in helpers under ``/public/auth`` (storefront key required)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..checkout import EMAIL
from ..identity import require_public_store
from ..requests import field_error, json_body, validation_failed


def required_strings(body: dict, *keys: str) -> list[str]:
    errors = [
        field_error(k, "is required", "required") for k in keys if not isinstance(body.get(k), str) or not body[k]
    ]
    if errors:
        raise validation_failed(errors)
    return [body[k] for k in keys]


def check_email(email: str) -> None:
    if not EMAIL.match(email.strip()):
        raise validation_failed([field_error("email", "is not a valid email address", "format")])


def check_login_as(body: dict) -> None:
    if body.get("login_as") not in (None, "customer", "owner"):
        raise validation_failed([field_error("login_as", "must be customer or owner")])


async def login(request: Request) -> JSONResponse:
    state = require_public_store(request)
    body = await json_body(request)
    email, password = required_strings(body, "email", "password")
    check_email(email)
    check_login_as(body)
    return JSONResponse(state.auth.login(email, password))


async def verify_otp(request: Request) -> JSONResponse:
    state = require_public_store(request)
    body = await json_body(request)
    email, otp = required_strings(body, "email", "otp")
    check_email(email)
    check_login_as(body)
    return JSONResponse(state.auth.verify_otp(email, otp))


async def refresh(request: Request) -> JSONResponse:
    state = require_public_store(request)
    body = await json_body(request)
    (token,) = required_strings(body, "refresh")
    return JSONResponse(state.auth.refresh(token))


async def blacklist(request: Request) -> Response:
    state = require_public_store(request)
    body = await json_body(request)
    tokens = body.get("tokens")
    if not isinstance(tokens, list) or not all(isinstance(t, str) for t in tokens):
        raise validation_failed([field_error("tokens", "must be a list of token strings", "required")])
    state.auth.blacklist(tokens)
    return Response(status_code=204)


async def forget_password(request: Request) -> Response:
    state = require_public_store(request)
    body = await json_body(request)
    (email,) = required_strings(body, "email")
    check_email(email)
    state.auth.start_reset(email, request.headers.get("origin"))
    return Response(status_code=204)


async def save_password(request: Request) -> Response:
    state = require_public_store(request)
    body = await json_body(request)
    token, password = required_strings(body, "token", "password")
    state.auth.save_password(token, password)
    return Response(status_code=204)


routes = [
    Route("/public/auth/login", login, methods=["POST"]),
    Route("/public/auth/otp/verify", verify_otp, methods=["POST"]),
    Route("/public/auth/jwt/refresh", refresh, methods=["POST"]),
    Route("/public/auth/jwt/blacklist", blacklist, methods=["POST"]),
    Route("/public/auth/forget-password", forget_password, methods=["POST"]),
    Route("/public/auth/save-password", save_password, methods=["POST"]),
]
