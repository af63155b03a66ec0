"""What every answer carries on the wire, whatever the route: a request id, and money in the
form the sandbox is set to speak.

Scalev's documents show money as two-decimal strings (``"125000.00"``), whole strings
(``"12000"``) and plain numbers (``cost: 12000``); the schema allows all three
(``StorefrontMoneyValue``). The sandbox writes two-decimal strings and, set to ``plain`` or
``number`` (``SANDBOX_MONEY_FORMAT``, or ``PATCH /__sandbox__/store``), rewrites every money field of
its JSON answers, so a shop is tested against each form.
"""

from __future__ import annotations

import json
import re
import uuid
from decimal import Decimal
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MONEY_FORMATS = ("decimal", "plain", "number")
#: Fields typed ``StorefrontMoneyValue`` in Scalev's spec, and the cart's and price range's own.
MONEY_KEYS = frozenset(
    {
        "amount",
        "cost",
        "discount",
        "discount_code_discount",
        "discount_rate",
        "gross_revenue",
        "gross_revenue_for_dropshipper",
        "max_amount",
        "minimum_revenue",
        "net_product_price",
        "other_income",
        "payment_link_income",
        "percentage",
        "price",
        "product_discount",
        "product_price",
        "service_fee",
        "shipping_cost",
        "shipping_discount",
        "unique_code_discount",
        "variant_price",
        "min",
        "max",
        "total",
        "unit_price",
        "line_total",
    }
)
DECIMAL_TEXT = re.compile(r"^-?\d+\.\d+$")


def respell(value: Any, form: str) -> Any:
    """A two-decimal money string in ``form``: ``"7000"`` (plain) or ``7000`` (number)."""
    if not isinstance(value, str) or not DECIMAL_TEXT.match(value):
        return value
    amount = Decimal(value)
    whole = amount == amount.to_integral_value()
    if form == "plain":
        return str(int(amount)) if whole else value
    return int(amount) if whole else float(amount)


def rewrite(node: Any, form: str) -> Any:
    if isinstance(node, dict):
        return {k: respell(v, form) if k in MONEY_KEYS else rewrite(v, form) for k, v in node.items()}
    if isinstance(node, list):
        return [rewrite(item, form) for item in node]
    return node


class WireMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = f"req_{uuid.uuid4().hex[:20]}"
        form = scope["app"].state.sandbox.money_format
        rewriting = form != "decimal" and scope.get("path", "").startswith("/v3/")
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def send_wire(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["X-Request-Id"] = request_id
                content_type = MutableHeaders(scope=message).get("content-type", "")
                if rewriting and content_type.startswith("application/json"):
                    start.update(message)
                    return
            elif start and message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                body = json.dumps(rewrite(json.loads(b"".join(chunks)), form), separators=(",", ":")).encode()
                headers = MutableHeaders(scope=start)
                headers["content-length"] = str(len(body))
                await send(start)
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        await self.app(scope, receive, send_wire)
