"""The sandbox's own routes, under ``/__sandbox__``: Scalev's paths all start with ``/v3``,
so nothing here can be mistaken for the real API.

The routes that change the store or read its mail need the header ``X-Sandbox-Control: 1``.
A web page can post a form to any address without asking first, but it cannot add a header
to a cross-origin call without a preflight, which the sandbox refuses for that header: so no
page a developer visits can reset the store, inject faults or read codes from the outbox.

- ``GET /health``; ``POST /reset`` (body: optional seed JSON to preview a merchant's catalog)
- ``GET /outbox``: mails sent (OTP codes, password-reset links)
- ``GET /events``: conversion events received by the relays
- ``POST /faults`` ``{path_contains?, method?, status?, latency_ms?, times?, body?, reset_in?}`` and
  ``{"expire_tokens": true}``; ``DELETE /faults``
- ``PATCH /variants/{id}`` ``{price}``: the merchant changes a variant's price, until the next reset
- ``POST /otp/expire``: every OTP sent so far stops working
- ``PATCH /store`` ``{is_customer_otp_required?, strict_two_step_paylink?, money_format?}``:
  switch a store setting (or how money is written) until the next reset
- ``POST /orders/{secret_slug}/pay``: settle an order as the payment provider would
- ``GET /pay/{secret_slug}``: the hosted payment page that e-wallet, card, invoice and
  PayLink instructions point to
- ``PUT /uploads/{key}`` and ``GET /files/{key}/{name}``: the transfer-proof storage
- ``GET /media/{name}.svg``: product pictures
"""

from __future__ import annotations

import html
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ..errors import ApiError, bad_request, not_found
from ..identity import sandbox
from ..media import picture_svg
from ..requests import json_body, read_capped
from ..seed import parse_seed
from ..wire import MONEY_FORMATS
from .orders import order_or_404

MAX_UPLOAD = 10 * 1024 * 1024
CONTROL_HEADER = "x-sandbox-control"
#: Fault rule keys and what each takes.
FAULT_KEYS: dict[str, type | tuple[type, ...]] = {
    "path_contains": str,
    "method": str,
    "status": int,
    "latency_ms": int,
    "times": int,
    "body": str,
    "reset_in": int,
}
METHODS = {"GET", "POST", "PATCH", "PUT", "DELETE"}


def require_control(request: Request) -> None:
    if request.headers.get(CONTROL_HEADER) != "1":
        raise ApiError(403, "Control routes need the header X-Sandbox-Control: 1", "control_header_required")


def checked_fault(rule: dict[str, Any]) -> dict[str, Any]:
    """A fault rule whose every key is known and of the right type and range, or a 400."""
    for key, value in rule.items():
        kind = FAULT_KEYS.get(key)
        if kind is None:
            raise bad_request(f"Unknown fault key {key!r}; known: {', '.join(FAULT_KEYS)}", "invalid_fault")
        if isinstance(value, bool) or not isinstance(value, kind):
            raise bad_request(f"Fault key {key!r} must be a {getattr(kind, '__name__', kind)}", "invalid_fault")
    status = rule.get("status")
    if status is not None and status != 429 and not 500 <= status <= 599:
        raise bad_request("A fault's status is 429 or a 5xx", "invalid_fault")
    if rule.get("method") is not None and rule["method"].upper() not in METHODS:
        raise bad_request(f"A fault's method is one of {', '.join(sorted(METHODS))}", "invalid_fault")
    if rule.get("body") not in (None, "text", "json"):
        raise bad_request("A fault's body is 'text' or 'json'", "invalid_fault")
    for key, high in (("latency_ms", 60_000), ("times", 10_000), ("reset_in", 3_600)):
        if rule.get(key) is not None and not 0 <= rule[key] <= high:
            raise bad_request(f"A fault's {key} is between 0 and {high}", "invalid_fault")
    return rule


async def health(request: Request) -> JSONResponse:
    state = sandbox(request)
    return JSONResponse({"ok": True, "store": state.seed.store.unique_id})


async def reset(request: Request) -> Response:
    require_control(request)
    raw = await read_capped(request, 16 * 1024 * 1024)
    seed = None
    if raw.strip():
        try:
            seed = json.loads(raw)
            parse_seed(seed)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            raise bad_request(f"Not a valid seed: {exc}", "invalid_seed") from None
    sandbox(request).reset(seed)
    return Response(status_code=204)


async def outbox(request: Request) -> JSONResponse:
    require_control(request)
    return JSONResponse({"data": sandbox(request).db.all("mail")})


async def events(request: Request) -> JSONResponse:
    require_control(request)
    return JSONResponse({"data": sandbox(request).db.all("event")})


async def add_fault(request: Request) -> JSONResponse:
    require_control(request)
    state = sandbox(request)
    rule = await json_body(request)
    expire = rule.pop("expire_tokens", None)
    if expire is not None and not isinstance(expire, bool):
        raise bad_request("expire_tokens must be true or false", "invalid_fault")
    if rule:
        state.faults.rules.append(checked_fault(rule))
    if expire is not None:
        state.faults.expire_tokens = expire
    return JSONResponse({"rules": state.faults.rules, "expire_tokens": state.faults.expire_tokens})


async def clear_faults(request: Request) -> Response:
    require_control(request)
    state = sandbox(request)
    state.faults.rules.clear()
    state.faults.expire_tokens = False
    return Response(status_code=204)


#: Store settings a test may switch without a new seed, and the type each takes.
STORE_SETTINGS = {
    "is_customer_otp_required": bool,
    "strict_two_step_paylink": bool,
    "money_format": str,
    "spam_emails": list,  # buyers whose orders Scalev would mark as probable spam
}


async def store_settings(request: Request) -> JSONResponse:
    require_control(request)
    state = sandbox(request)
    changes = await json_body(request)
    if not changes:
        raise bad_request("Body must be an object naming at least one setting", "invalid_body")
    for key, value in changes.items():
        if key not in STORE_SETTINGS:
            raise bad_request(f"Unknown setting {key!r}; known: {', '.join(STORE_SETTINGS)}", "unknown_setting")
        if not isinstance(value, STORE_SETTINGS[key]):
            raise bad_request(f"{key} must be a {STORE_SETTINGS[key].__name__}", "invalid_setting")
    if changes.get("money_format", "decimal") not in MONEY_FORMATS:
        raise bad_request(f"money_format is one of {', '.join(MONEY_FORMATS)}", "invalid_setting")
    if not all(isinstance(email, str) for email in changes.get("spam_emails", [])):
        raise bad_request("spam_emails is a list of email addresses", "invalid_setting")
    state.money_format = changes.pop("money_format", state.money_format)
    if "spam_emails" in changes:
        state.spam_emails = frozenset(email.strip().lower() for email in changes.pop("spam_emails"))
    state.seed.store.raw.update(changes)
    settings = {key: state.seed.store.get(key) for key in STORE_SETTINGS}
    return JSONResponse({**settings, "money_format": state.money_format, "spam_emails": sorted(state.spam_emails)})


async def variant_price(request: Request) -> JSONResponse:
    require_control(request)
    state = sandbox(request)
    body = await json_body(request)
    price = body.get("price") if isinstance(body, dict) else None
    if not (isinstance(price, str) and price.isdigit()):
        raise bad_request("price is a whole number of rupiah, as a string", "invalid_price")
    wanted = request.path_params["variant_id"]
    for product in state.seed.products:
        for variant in product.get("variants", []):
            if str(variant["id"]) == wanted:
                variant["price"] = price
                return JSONResponse({"id": variant["id"], "price": price})
    raise not_found("Variant", "variant_not_found")


async def expire_otp(request: Request) -> JSONResponse:
    require_control(request)
    return JSONResponse({"expired": sandbox(request).auth.expire_codes()})


async def pay(request: Request) -> JSONResponse:
    require_control(request)
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
    try:
        data = await read_capped(request, min(record["size"], MAX_UPLOAD))
    except ApiError:
        raise ApiError(400, "Body is larger than announced", "size_mismatch") from None
    if not data:
        raise ApiError(400, "Body is empty", "size_mismatch")
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
    Route("/variants/{variant_id}", variant_price, methods=["PATCH"]),
    Route("/orders/{secret_slug}/pay", pay, methods=["POST"]),
    Route("/pay/{secret_slug}", hosted_payment, methods=["GET", "POST"]),
    Route("/uploads/{key:path}", upload, methods=["PUT"]),
    Route("/files/{key:path}/{name}", file, methods=["GET"]),
    Route("/media/{name}.svg", media),
]
