"""The sandbox's own routes, under ``/__sandbox__``: Scalev's paths all start with ``/v3``,
so nothing here can be mistaken for the real API.

- ``GET /health``; ``POST /reset`` (body: optional seed JSON to preview a merchant's catalog)
- ``GET /outbox``: mails sent (OTP codes, password-reset links)
- ``GET /events``: conversion events received by the relays
- ``POST /faults`` ``{path_contains?, method?, status?, latency_ms?, times?, body?, reset_in?}`` and
  ``{"expire_tokens": true}``; ``DELETE /faults``
- ``POST /otp/expire``: every OTP sent so far stops working
- ``PATCH /store`` ``{is_customer_otp_required?, strict_two_step_paylink?}``: switch a store
  setting until the next reset
- ``POST /orders/{secret_slug}/pay``: settle an order as the payment provider would
- ``GET /pay/{secret_slug}``: the hosted payment page that e-wallet, card, invoice and
  PayLink instructions point to
- ``PUT /uploads/{key}`` and ``GET /files/{key}/{name}``: the transfer-proof storage
- ``GET /media/{name}.svg``: product pictures
"""

from __future__ import annotations

import html
import json

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ..errors import ApiError, bad_request, not_found
from ..identity import sandbox
from ..media import picture_svg
from ..seed import parse_seed
from .orders import order_or_404

MAX_UPLOAD = 10 * 1024 * 1024


async def health(request: Request) -> JSONResponse:
    state = sandbox(request)
    return JSONResponse({"ok": True, "store": state.seed.store.unique_id})


async def reset(request: Request) -> Response:
    raw = await request.body()
    seed = None
    if raw.strip():
        try:
            seed = json.loads(raw)
            parse_seed(seed)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise bad_request(f"Not a valid seed: {exc}", "invalid_seed") from None
    sandbox(request).reset(seed)
    return Response(status_code=204)


async def outbox(request: Request) -> JSONResponse:
    return JSONResponse({"data": sandbox(request).db.all("mail")})


async def events(request: Request) -> JSONResponse:
    return JSONResponse({"data": sandbox(request).db.all("event")})


async def add_fault(request: Request) -> JSONResponse:
    state = sandbox(request)
    try:
        rule = json.loads(await request.body() or b"{}")
    except ValueError:
        raise bad_request("Body must be JSON", "invalid_json") from None
    if not isinstance(rule, dict):
        raise bad_request("Body must be an object", "invalid_body")
    if "expire_tokens" in rule:
        state.faults.expire_tokens = bool(rule.pop("expire_tokens"))
    if rule:
        state.faults.rules.append(rule)
    return JSONResponse({"rules": state.faults.rules, "expire_tokens": state.faults.expire_tokens})


async def clear_faults(request: Request) -> Response:
    state = sandbox(request)
    state.faults.rules.clear()
    state.faults.expire_tokens = False
    return Response(status_code=204)


#: Store settings a test may switch without a new seed, and the type each takes.
STORE_SETTINGS = {"is_customer_otp_required": bool, "strict_two_step_paylink": bool}


async def store_settings(request: Request) -> JSONResponse:
    state = sandbox(request)
    try:
        changes = json.loads(await request.body() or b"{}")
    except ValueError:
        raise bad_request("Body must be JSON", "invalid_json") from None
    if not isinstance(changes, dict) or not changes:
        raise bad_request("Body must be an object naming at least one setting", "invalid_body")
    for key, value in changes.items():
        if key not in STORE_SETTINGS:
            raise bad_request(f"Unknown setting {key!r}; known: {', '.join(STORE_SETTINGS)}", "unknown_setting")
        if not isinstance(value, STORE_SETTINGS[key]):
            raise bad_request(f"{key} must be a {STORE_SETTINGS[key].__name__}", "invalid_setting")
    state.seed.store.raw.update(changes)
    return JSONResponse({key: state.seed.store.get(key) for key in STORE_SETTINGS})


async def expire_otp(request: Request) -> JSONResponse:
    return JSONResponse({"expired": sandbox(request).auth.expire_codes()})


async def pay(request: Request) -> JSONResponse:
    state = sandbox(request)
    order = state.orders.mark_paid(order_or_404(request))
    return JSONResponse(state.orders.public(order))


async def hosted_payment(request: Request) -> Response:
    """A stand-in for the provider's page: one button that settles the order."""
    state = sandbox(request)
    order = order_or_404(request)
    if request.method == "POST":
        order = state.orders.mark_paid(order)
        target = order.get("post_payment_redirect_url") or order["public_order_url"]
        return RedirectResponse(target, status_code=303)
    amount = html.escape(order["gross_revenue"])
    title = html.escape(f"Pembayaran {order['order_id']}")
    return HTMLResponse(
        f"<!doctype html><html lang=id><meta charset=utf-8><title>{title}</title>"
        f"<body style='font-family:sans-serif;max-width:30rem;margin:3rem auto'>"
        f"<h1>{title}</h1><p>Metode: {html.escape(order['payment_method'])}</p><p>Total: Rp {amount}</p>"
        f"<form method=post><button type=submit>Bayar sekarang</button></form></body></html>"
    )


async def upload(request: Request) -> Response:
    state = sandbox(request)
    key = request.path_params["key"]
    record = state.db.get("upload", key)
    if record is None:
        raise not_found("Upload", "upload_not_found")
    content_type = request.headers.get("content-type", "").split(";")[0].strip()
    if content_type != record["content_type"]:
        raise ApiError(400, f"Content-Type must be {record['content_type']}", "content_type_mismatch")
    data = await request.body()
    if not data or len(data) > min(record["size"], MAX_UPLOAD):
        raise ApiError(400, "Body is empty or larger than announced", "size_mismatch")
    state.db.put_blob(key, content_type, data)
    record["received"] = True
    state.db.put("upload", key, record)
    return Response(status_code=200)


async def file(request: Request) -> Response:
    blob = sandbox(request).db.get_blob(request.path_params["key"])
    if blob is None:
        raise not_found("File", "file_not_found")
    return Response(blob[1], media_type=blob[0])


async def media(request: Request) -> Response:
    return Response(
        picture_svg(request.path_params["name"]),
        media_type="image/svg+xml",
        headers={"Cache-Control": "public, max-age=86400"},
    )


routes = [
    Route("/health", health),
    Route("/reset", reset, methods=["POST"]),
    Route("/outbox", outbox),
    Route("/events", events),
    Route("/faults", add_fault, methods=["POST"]),
    Route("/faults", clear_faults, methods=["DELETE"]),
    Route("/store", store_settings, methods=["PATCH"]),
    Route("/otp/expire", expire_otp, methods=["POST"]),
    Route("/orders/{secret_slug}/pay", pay, methods=["POST"]),
    Route("/pay/{secret_slug}", hosted_payment, methods=["GET", "POST"]),
    Route("/uploads/{key:path}", upload, methods=["PUT"]),
    Route("/files/{key:path}/{name}", file, methods=["GET"]),
    Route("/media/{name}.svg", media),
]
