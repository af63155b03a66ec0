"""Checkout intents: the store's record of a checkout in progress, so a merchant can follow up
on one the shopper did not finish (CONTRACT §7.7).

- It starts once the shopper has given a way to be reached (a valid email or phone), with a
  reCAPTCHA token, a browser-persistent ``client_session_id`` and the form's fields and items.
- Later changes are sent as updates, at most one per ``DEBOUNCE`` seconds of quiet, each with
  a higher ``sequence``; only what changed since the last one goes.
- The order carries the intent's ``cit_`` token (the store links the two); after the order the
  session id is renewed, so the next checkout is a new intent.
- It never stands in the shopper's way: any failure (no reCAPTCHA, a plan without intents, the
  network) turns intents off for the visit, quietly; an expired token starts a new intent once;
  a completed session (``409``) renews the session id and starts again once.
"""

from __future__ import annotations

import asyncio
import dataclasses
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from .api import ApiError, StorefrontClient, StorefrontError
from .api.storage import Storage
from .checkout_form import CheckoutDraft, normalise_phone, valid_email, valid_phone
from .signals import Latest
from .stored import read_json, write_json

SESSION_KEY = "storefront_checkout_session"  # localStorage: the client_session_id
INTENT_KEY = "storefront_checkout_intent"  # sessionStorage: the intent of this tab's checkout
FORM_WIDGET_ID = "storefront-checkout"
DEBOUNCE = 1.5


def intent_fields(draft: CheckoutDraft, *, shipping: bool) -> dict[str, Any]:
    """The draft as the intent's ``fields`` (blank ones clear the stored value)."""
    phone = draft.phone.strip()
    fields: dict[str, Any] = {
        "customer_name": draft.name.strip()[:200],
        "customer_email": draft.email.strip()[:320],
        "customer_phone": (normalise_phone(phone) if valid_phone(phone) else phone)[:40],
        "payment_method": draft.payment_method[:100],
        "notes": draft.notes.strip()[:2000],
        "discount_code_code": draft.discount_code[:100],
    }
    if shipping:
        fields.update(
            shipping_address=draft.address.strip()[:2000],
            shipping_province=draft.province[:200],
            shipping_city=draft.city[:200],
            shipping_subdistrict=draft.subdistrict[:200],
            shipping_postal_code=draft.postal_code[:20],
            shipping_location_id=draft.location_id,
        )
    return fields


def reachable(draft: CheckoutDraft) -> bool:
    """Whether the shopper can be followed up: a valid email or phone."""
    return valid_email(draft.email) or valid_phone(draft.phone)


@dataclasses.dataclass
class Intent:
    id: str
    token: str
    sequence: int
    sent: dict[str, Any]  # the fields and items as the store last heard them


class IntentTracker:
    def __init__(
        self,
        client: StorefrontClient,
        local: Storage,
        session: Storage,
        recaptcha: Callable[[], Awaitable[str]] | None,
        *,
        new_id: Callable[[], str] = lambda: str(uuid.uuid4()),
    ) -> None:
        self.client, self.local, self.session = client, local, session
        self.recaptcha = recaptcha
        self.new_id = new_id
        self.off = recaptcha is None  # no reCAPTCHA key: Scalev would refuse every start
        self.turn = Latest()
        self.latest: dict[str, Any] | None = None
        self.attribution: dict[str, str] = {}
        self.source_url: str | None = None
        self.sending = asyncio.Lock()
        self.waiting: set[asyncio.Future[None]] = set()  # kept referenced until they finish

    # -- what the checkout tells it -----------------------------------------------------------

    def changed(self, draft: CheckoutDraft, items: list[dict[str, Any]], *, shipping: bool) -> None:
        """The form or the cart changed; sent after ``DEBOUNCE`` seconds of quiet."""
        if self.off:
            return
        self.latest = {"fields": intent_fields(draft, shipping=shipping), "items": items[:100]}
        if self.intent() is None and not reachable(draft):
            return
        later = asyncio.ensure_future(self._later(self.turn.take()))
        self.waiting.add(later)
        later.add_done_callback(self.waiting.discard)

    def order_token(self) -> str | None:
        """The ``cit_`` token for the order body, when an intent was started."""
        intent = self.intent()
        return intent.token if intent else None

    def ordered(self) -> None:
        """The order went through: the next checkout is a new intent."""
        self.session.remove(INTENT_KEY)
        self.local.remove(SESSION_KEY)
        self.latest = None
        self.turn.take()

    # -- sending -------------------------------------------------------------------------------

    async def _later(self, turn: int) -> None:
        await self.client.clock.sleep(DEBOUNCE)
        if self.turn.is_current(turn):
            await self.flush()

    async def flush(self) -> None:
        """Sends what changed (starting the intent first, when needed)."""
        async with self.sending:
            if self.off or self.latest is None:
                return
            try:
                await self._send(self.latest)
            except StorefrontError:
                self.off = True  # not this visit: checkout goes on without it

    async def _send(self, latest: dict[str, Any], *, again: bool = True) -> None:
        intent = self.intent()
        if intent is None:
            await self._start(latest, again=again)
            return
        changes = {
            "fields": {k: v for k, v in latest["fields"].items() if intent.sent.get("fields", {}).get(k) != v},
            "items": latest["items"] if latest["items"] != intent.sent.get("items") else None,
        }
        body: dict[str, Any] = {key: value for key, value in changes.items() if value}
        if not body:
            return
        body["sequence"] = intent.sequence + 1
        try:
            await self.client.update_checkout_intent(intent.id, intent.token, body)
        except ApiError as exc:
            if exc.status in (401, 403, 404, 410) and again:  # the token expired: a new intent, once
                self.session.remove(INTENT_KEY)
                await self._send(latest, again=False)
                return
            raise
        self._keep(Intent(intent.id, intent.token, body["sequence"], latest))

    async def _start(self, latest: dict[str, Any], *, again: bool) -> None:
        assert self.recaptcha is not None
        body: dict[str, Any] = {
            "recaptcha_token": await self.recaptcha(),
            "client_session_id": self.session_id(),
            "form_widget_id": FORM_WIDGET_ID,
            "fields": {k: v for k, v in latest["fields"].items() if v not in ("", None)},
            "items": latest["items"],
        }
        if self.attribution:
            body["attribution"] = self.attribution
        if self.source_url:
            body["source_url"] = self.source_url
        try:
            started = await self.client.start_checkout_intent(body)
        except ApiError as exc:
            if exc.status == 409 and again:  # this session already ordered: a new session, once
                self.local.remove(SESSION_KEY)
                await self._start(latest, again=False)
                return
            raise
        self._keep(Intent(str(started["id"]), str(started["checkout_intent_token"]), 0, latest))

    # -- what is kept ----------------------------------------------------------------------------

    def session_id(self) -> str:
        known = self.local.get(SESSION_KEY)
        if known:
            try:
                return str(uuid.UUID(known))
            except ValueError:
                pass
        made = self.new_id()
        self.local.set(SESSION_KEY, made)
        return made

    def intent(self) -> Intent | None:
        stored = read_json(self.session, INTENT_KEY)
        if stored is None:
            return None
        try:
            return Intent(str(stored["id"]), str(stored["token"]), int(stored["sequence"]), dict(stored["sent"]))
        except (KeyError, TypeError, ValueError):
            self.session.remove(INTENT_KEY)
            return None

    def _keep(self, intent: Intent) -> None:
        write_json(self.session, INTENT_KEY, dataclasses.asdict(intent))
