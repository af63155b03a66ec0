"""``StorefrontClient``: one method per Storefront API operation, returning parsed models.

Every call goes through one flow:

- **Identity.** The storefront key, the guest token, or the customer's bearer token, as the
  operation needs.
- **Fresh token.** A bearer token is refreshed shortly before it expires, and once more after
  a 401. Only one refresh runs at a time across calls and tabs, and a failed refresh signs the
  customer out but keeps the guest cart.
- **Rate limits.** Reads wait out an empty bucket; writes surface it.
- **Retries.** Reads are retried on network errors and 5xx with jittered backoff. Writes,
  order creation above all, are never retried.
- **Guest token.** A token the API sends back is adopted.

Request building and parsing do no I/O; the only I/O is the ``transport`` call, so the same
client runs in Pyodide (``fetch``) and in CPython tests (httpx).
"""

from __future__ import annotations

import asyncio
import enum
import json
import math
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote, urlencode

from ..config import SiteConfig
from ..money import parse_money
from .cache import ReadCache, SingleFlight
from .clock import Clock, SystemClock
from .errors import ApiError, NetworkError, SessionExpired, error_from_response
from .http import HttpRequest, HttpResponse, Transport
from .models import (
    Address,
    Availability,
    BundleDetail,
    Cart,
    Category,
    CheckoutSummary,
    City,
    CustomerOrder,
    DiscountCheck,
    ItemCard,
    Location,
    Order,
    OtpChallenge,
    Page,
    PaymentMethod,
    ProductDetail,
    Profile,
    Province,
    ShippingOption,
    Subscription,
    TransferProofUpload,
    VariantPricing,
)
from .policy import RateLimitState, RetryPolicy
from .session import Session
from .shapes import (
    CustomerCheckout,
    Destination,
    GuestCheckout,
    Item,
    ShippingChoice,
    compact,
    items_json,
)
from .storage import MemoryStorage, Storage

KEY_HEADER = "X-Scalev-Storefront-Api-Key"
GUEST_HEADER = "X-Scalev-Guest-Token"


class Auth(enum.Flag):
    KEY = enum.auto()
    GUEST = enum.auto()
    BEARER = enum.auto()


PUBLIC = Auth.KEY
GUEST = Auth.KEY | Auth.GUEST
CUSTOMER = Auth.BEARER
MERGE = Auth.KEY | Auth.GUEST | Auth.BEARER


class RefreshLock:
    """Serialises token refreshes. The browser swaps in a Web Locks version so that tabs
    take turns too; here an asyncio lock covers concurrent calls in one process."""

    def __init__(self) -> None:
        self._lock = asyncio.Lock()

    async def run(self, job: Callable[[], Awaitable[None]]) -> None:
        async with self._lock:
            await job()


class StorefrontClient:
    def __init__(
        self,
        config: SiteConfig,
        transport: Transport,
        *,
        storage: Storage | None = None,
        cache_storage: Storage | None = None,
        clock: Clock | None = None,
        retry: RetryPolicy | None = None,
        refresh_lock: RefreshLock | None = None,
        cache_ttl: float = 120.0,
    ) -> None:
        self.config = config
        self.transport = transport
        self.clock = clock or SystemClock()
        self.session = Session(storage if storage is not None else MemoryStorage())
        self.retry = retry or RetryPolicy()
        self.rate = RateLimitState()
        self.cache = ReadCache(self.clock.now, cache_storage, ttl=cache_ttl)
        self.flights = SingleFlight()
        self.refresh_lock = refresh_lock or RefreshLock()
        #: Called with no argument after a failed refresh signed the customer out.
        self.on_signed_out: Callable[[], None] | None = None
        #: Every request sent, for diagnostics and the journey benchmark.
        self.sent: list[HttpRequest] = []

    # -- building ----------------------------------------------------------------------------

    def build(
        self,
        method: str,
        path: str,
        *,
        query: dict[str, Any] | None = None,
        body: Any = None,
        auth: Auth = PUBLIC,
    ) -> HttpRequest:
        """The request for ``path`` under the store root, with the identity ``auth`` names."""
        url = self.config.store_root + path
        params = {k: v for k, v in (query or {}).items() if v is not None and v != ""}
        if params:
            url += "?" + urlencode(params)
        headers = {"Accept": "application/json"}
        if Auth.KEY in auth:
            headers[KEY_HEADER] = self.config.storefront_api_key
        if Auth.GUEST in auth and self.session.guest_token:
            headers[GUEST_HEADER] = self.session.guest_token
        if Auth.BEARER in auth and self.session.access:
            headers["Authorization"] = f"Bearer {self.session.access}"
        text = None
        if body is not None:
            headers["Content-Type"] = "application/json"
            text = json.dumps(body, separators=(",", ":"))
        return HttpRequest(method, url, headers, text)

    # -- the flow ----------------------------------------------------------------------------

    async def call(
        self,
        method: str,
        path: str,
        *,
        query: dict[str, Any] | None = None,
        body: Any = None,
        auth: Auth = PUBLIC,
        cache: bool = False,
    ) -> Any:
        """Sends one operation and returns its decoded JSON (None for 204)."""
        if method != "GET":
            return (await self.send(method, path, query=query, body=body, auth=auth)).json()
        key = self.build(method, path, query=query, auth=auth).url + ("|bearer" if Auth.BEARER in auth else "")
        if cache:
            cached = self.cache.get(key)
            if cached is not None:
                return cached

        async def fetch() -> Any:
            data = (await self.send(method, path, query=query, auth=auth)).json()
            if cache:
                self.cache.put(key, data)
            return data

        return await self.flights.run(key, fetch)

    async def send(
        self, method: str, path: str, *, query: dict[str, Any] | None = None, body: Any = None, auth: Auth = PUBLIC
    ) -> HttpResponse:
        read = method == "GET"
        if Auth.BEARER in auth and not self.session.signed_in:
            raise SessionExpired("Not signed in")  # nothing to send: Scalev would answer 401
        attempt = 0
        refreshed = False
        while True:
            attempt += 1
            await self._respect_rate_limit(read)
            if Auth.BEARER in auth:
                await self.ensure_fresh_token()
            request = self.build(method, path, query=query, body=body, auth=auth)
            self.sent.append(request)
            try:
                response = await self.transport(request)
            except NetworkError:
                if read and attempt < self.retry.attempts:
                    await self.clock.sleep(self.retry.backoff(attempt))
                    continue
                raise
            self.rate.update(response.headers)
            self.session.adopt_guest_token(response.header(GUEST_HEADER))
            if response.status == 429:
                self.rate.exhausted(self.clock.now())
                if read and attempt < self.retry.attempts:
                    continue  # the gate above waits for the reset
                raise error_from_response(response)
            if response.status >= 500 and read and attempt < self.retry.attempts:
                await self.clock.sleep(self.retry.backoff(attempt))
                continue
            if response.status == 401 and Auth.BEARER in auth and not refreshed and self.session.signed_in:
                refreshed = True
                attempt -= 1
                await self.refresh_tokens(stale_access=request.headers.get("Authorization", "")[7:])
                continue
            if not response.ok:
                raise error_from_response(response)
            return response

    async def _respect_rate_limit(self, read: bool) -> None:
        wait = self.rate.wait_seconds(self.clock.now())
        if wait <= 0:
            return
        if read and wait <= self.retry.max_rate_limit_wait:
            await self.clock.sleep(wait)
            return
        raise ApiError(429, "Too many requests", error_code="rate_limited",
                       message=f"Too many requests; try again in {math.ceil(wait)} s")

    # -- the customer's tokens ---------------------------------------------------------------

    async def ensure_fresh_token(self) -> None:
        if self.session.signed_in and self.session.needs_refresh(self.clock.now()):
            await self.refresh_tokens(stale_access=self.session.access)

    async def refresh_tokens(self, stale_access: str | None) -> None:
        """Rotates the single-use refresh token, unless another call or tab just did."""

        async def job() -> None:
            if self.session.access and self.session.access != stale_access and not self.session.needs_refresh(
                self.clock.now()
            ):
                return  # someone else refreshed while we waited for the lock
            refresh = self.session.refresh
            if refresh is None:
                raise SessionExpired("Not signed in")
            request = self.build("POST", "/public/auth/jwt/refresh", body={"refresh": refresh})
            self.sent.append(request)
            response = await self.transport(request)  # never retried: the token is single-use
            self.rate.update(response.headers)
            if response.status in (400, 401):
                self.session.sign_out()
                if self.on_signed_out:
                    self.on_signed_out()
                raise SessionExpired("Your session has ended; please sign in again")
            if not response.ok:
                raise error_from_response(response)
            self.session.store_tokens(response.json(), self.clock.now())

        await self.refresh_lock.run(job)

    # -- catalog -----------------------------------------------------------------------------

    async def count_items(self) -> int:
        return int((await self.call("GET", "/public/items/count", cache=True))["total"])

    async def list_items(self, *, page_size: int | None = None, cursor: str | None = None,
                         previous_cursor: str | None = None) -> Page:
        query = {"page_size": page_size, "next_cursor": cursor, "previous_cursor": previous_cursor}
        return Page.parse(await self.call("GET", "/public/items", query=query, cache=True), ItemCard.parse)

    async def get_product(self, slug: str) -> ProductDetail:
        return ProductDetail.parse(await self.call("GET", f"/public/products/{quote(slug, safe='')}", cache=True))

    async def get_bundle(self, slug: str) -> BundleDetail:
        data = await self.call("GET", f"/public/bundle-price-options/{quote(slug, safe='')}", cache=True)
        return BundleDetail.parse(data)

    async def list_categories(self) -> list[Category]:
        data = await self.call("GET", "/public/categories", cache=True)
        return [Category(int(c["id"]), c.get("name"), c["full_path"]) for c in data["data"]]

    async def variant_pricing(self, variant_ids: list[int]) -> list[VariantPricing]:
        data = await self.call("GET", "/public/variants/pricing", query={"ids": ",".join(map(str, variant_ids))})
        return [VariantPricing(int(r["variant_id"]), parse_money(r.get("price")), r.get("currency"),
                               bool(r["available"]), r.get("available_qty")) for r in data["data"]]

    async def variant_availability(self, variant_id: int) -> Availability:
        r = await self.call("GET", f"/public/variants/{variant_id}/availability")
        return Availability(int(r["variant_id"]), bool(r["available"]), r.get("available_qty"), r["stock_status"])

    async def list_payment_methods(self) -> list[PaymentMethod]:
        data = await self.call("GET", "/public/payment-methods", cache=True)
        return [PaymentMethod(m["code"], m["label"], m.get("description"), bool(m.get("requires_redirect")))
                for m in data["data"] if m.get("enabled", True) is not False and m["code"] != "no_payment"]

    # -- locations ---------------------------------------------------------------------------

    async def list_provinces(self, search: str | None = None) -> list[Province]:
        data = await self.call("GET", "/public/locations/provinces", query={"search": search}, cache=True)
        return [Province(int(p["province_id"]), p["province_name"]) for p in data["data"]]

    async def list_cities(self, province_id: int, search: str | None = None) -> list[City]:
        data = await self.call("GET", "/public/locations/cities", query={"province_id": province_id, "search": search},
                               cache=True)
        return [City(int(c["city_id"]), c["city_name"]) for c in data["data"]]

    async def list_subdistricts(self, city_id: int, search: str | None = None) -> list[Location]:
        data = await self.call("GET", "/public/locations/subdistricts", query={"city_id": city_id, "search": search},
                               cache=True)
        return [Location.parse(row) for row in data["data"]]

    async def search_locations(self, search: str, *, page_size: int | None = None, cursor: str | None = None) -> Page:
        query = {"search": search, "page_size": page_size, "next_cursor": cursor}
        return Page.parse(await self.call("GET", "/public/locations", query=query, cache=True), Location.parse)

    async def list_postal_codes(self, location_id: int, search: str | None = None) -> list[str]:
        data = await self.call("GET", f"/public/locations/{location_id}/postal-codes", query={"search": search},
                               cache=True)
        return [row["postal_code"] for row in data["data"]]

    # -- guest cart --------------------------------------------------------------------------

    async def get_cart(self) -> Cart:
        return Cart.parse(await self.call("GET", "/public/cart", auth=GUEST))

    async def add_to_cart(self, item: Item) -> Cart:
        return Cart.parse(await self.call("POST", "/public/cart/items", body=item.to_json(), auth=GUEST))

    async def update_cart_item(self, item_id: int, quantity: int) -> Cart:
        return Cart.parse(await self.call("PATCH", f"/public/cart/items/{item_id}", body={"quantity": quantity},
                                          auth=GUEST))

    async def remove_cart_item(self, item_id: int) -> Cart:
        return Cart.parse(await self.call("DELETE", f"/public/cart/items/{item_id}", auth=GUEST))

    async def merge_guest_cart(self) -> Cart:
        return Cart.parse(await self.call("POST", "/public/cart/merge", auth=MERGE))

    # -- guest checkout ----------------------------------------------------------------------

    @staticmethod
    def preparation_body(items: list[Item] | None, destination: Destination | None, courier: ShippingChoice | None,
                         **extra: Any) -> dict[str, Any]:
        """The body shared by shipping options, summary and discount check (guest side)."""
        body = {**items_json(items), **compact(**extra)}
        if destination:
            body["destination"] = destination.to_json()
        if courier:
            body.update(courier.to_json())
        return body

    async def shipping_options(self, destination: Destination, *, items: list[Item] | None = None,
                               payment_method: str | None = None) -> list[ShippingOption]:
        body = self.preparation_body(items, destination, None, payment_method=payment_method)
        data = await self.call("POST", "/public/checkout/shipping-options", body=body, auth=GUEST)
        return [ShippingOption.parse(row) for row in data["data"]]

    async def checkout_summary(self, *, items: list[Item] | None = None, destination: Destination | None = None,
                               courier: ShippingChoice | None = None, payment_method: str | None = None,
                               discount_code: str | None = None) -> CheckoutSummary:
        body = self.preparation_body(items, destination, courier, payment_method=payment_method,
                                     discount_code_code=discount_code)
        return CheckoutSummary.parse(await self.call("POST", "/public/checkout/summary", body=body, auth=GUEST))

    async def check_discount(self, code: str, *, items: list[Item] | None = None,
                             destination: Destination | None = None, courier: ShippingChoice | None = None,
                             payment_method: str | None = None) -> DiscountCheck:
        body = {"code": code, **self.preparation_body(items, destination, courier, payment_method=payment_method)}
        data = await self.call("POST", "/public/discount-codes/check", body=body, auth=GUEST)
        found = data.get("discount_code") or {}
        return DiscountCheck(code, bool(data["is_eligible"]), parse_money(data["discount_code_discount"]) or 0,
                             found.get("applied_to"), data.get("eligibility_details") or {})

    async def place_order(self, checkout: GuestCheckout) -> Order:
        """Creates the order. Never retried: a lost answer must not become a second order."""
        return Order.parse(await self.call("POST", "/public/checkout", body=checkout.to_json(), auth=GUEST))

    # -- orders and payment ------------------------------------------------------------------

    async def get_order(self, secret_slug: str) -> Order:
        return Order.parse(await self.call("GET", f"/public/orders/{quote(secret_slug, safe='')}"))

    async def update_order(self, secret_slug: str, **fields: Any) -> Order:
        """Buyer-side fields: ``transferproof_url``, ``transfer_time``, ``financial_entity_id``,
        ``payment_account``, ``payment_account_holder``, ``payment_account_number``, ``notes``."""
        return Order.parse(await self.call("PATCH", f"/public/orders/{quote(secret_slug, safe='')}", body=fields))

    async def create_payment(self, secret_slug: str) -> Order:
        """Creates payment instructions, or returns the existing ones (idempotent on Scalev's side)."""
        return Order.parse(await self.call("POST", f"/public/orders/{quote(secret_slug, safe='')}/payment"))

    async def start_transfer_proof_upload(self, secret_slug: str, filename: str, content_type: str,
                                          size: int) -> TransferProofUpload:
        data = await self.call("POST", f"/public/orders/{quote(secret_slug, safe='')}/transfer-proof-upload",
                               body={"filename": filename, "content_type": content_type, "content_length": size})
        return TransferProofUpload(data["key"], data["filename"], data["content_type"], int(data["size_in_bytes"]),
                                   data["file_url"], data["upload_url"])

    async def put_upload(self, upload: TransferProofUpload, body: Any) -> None:
        """PUTs the file (bytes, or a browser Blob) to the presigned URL, with no Scalev headers."""
        request = HttpRequest("PUT", upload.upload_url, {"Content-Type": upload.content_type}, body, timeout=120.0)
        self.sent.append(request)
        response = await self.transport(request)
        if not response.ok:
            raise error_from_response(response)

    # -- conversion events -------------------------------------------------------------------

    async def send_meta_events(self, payload: dict[str, Any]) -> None:
        await self.call("POST", "/public/analytics/meta/events", body=payload)

    async def send_tiktok_events(self, payload: dict[str, Any]) -> None:
        await self.call("POST", "/public/analytics/tiktok/events", body=payload)

    async def send_snackvideo_events(self, payload: dict[str, Any]) -> None:
        await self.call("POST", "/public/analytics/snackvideo/events", body=payload)

    # -- checkout intents --------------------------------------------------------------------

    async def start_checkout_intent(self, body: dict[str, Any]) -> dict[str, Any]:
        return await self.call("POST", "/public/checkout-intents", body=body)

    async def update_checkout_intent(self, intent_id: str, token: str, body: dict[str, Any]) -> None:
        request = self.build("PATCH", f"/public/checkout-intents/{quote(intent_id, safe='')}", body=body)
        request = HttpRequest(request.method, request.url,
                              {**request.headers, "X-Scalev-Checkout-Intent-Token": token}, request.body)
        self.sent.append(request)
        response = await self.transport(request)
        if not response.ok:
            raise error_from_response(response)

    # -- sign-in -----------------------------------------------------------------------------

    async def login(self, email: str, password: str) -> Profile | OtpChallenge:
        """Signs in, or returns the OTP challenge for stores that send a code."""
        data = await self.call("POST", "/public/auth/login",
                               body={"email": email, "password": password, "login_as": "customer"})
        if "access" not in data:
            return OtpChallenge(email, str(data.get("message") or ""))
        return await self._signed_in(data)

    async def verify_otp(self, email: str, otp: str) -> Profile:
        data = await self.call("POST", "/public/auth/otp/verify",
                               body={"email": email, "otp": otp, "login_as": "customer"})
        return await self._signed_in(data)

    async def _signed_in(self, tokens: dict[str, Any]) -> Profile:
        self.session.store_tokens(tokens, self.clock.now())
        if self.session.guest_token:
            try:
                await self.merge_guest_cart()
            except ApiError:
                pass  # the guest cart stays where it was; signing in must not fail for it
        return await self.get_profile()

    async def logout(self) -> None:
        """Blacklists both tokens (best effort) and forgets them; the guest cart stays."""
        tokens = [t for t in (self.session.access, self.session.refresh) if t]
        self.session.sign_out()
        self.cache.clear()
        if tokens:
            try:
                await self.call("POST", "/public/auth/jwt/blacklist", body={"tokens": tokens})
            except (ApiError, NetworkError):
                pass

    async def forgot_password(self, email: str) -> None:
        await self.call("POST", "/public/auth/forget-password", body={"email": email})

    async def save_password(self, token: str, password: str) -> None:
        await self.call("POST", "/public/auth/save-password", body={"token": token, "password": password})

    # -- the customer's account --------------------------------------------------------------

    async def get_profile(self) -> Profile:
        return Profile.parse(await self.call("GET", "/customers/me", auth=CUSTOMER))

    async def update_profile(self, **fields: Any) -> Profile:
        """``name``, ``phone``, ``date_of_birth`` (YYYY-MM-DD), ``sex``, ``is_unsubscribe``."""
        return Profile.parse(await self.call("PATCH", "/customers/me", body=fields, auth=CUSTOMER))

    async def set_password(self, password: str) -> Profile:
        return Profile.parse(await self.call("POST", "/customers/me/set-new-password", body={"password": password},
                                             auth=CUSTOMER))

    async def list_addresses(self, *, cursor: str | None = None) -> Page:
        data = await self.call("GET", "/customers/me/addresses", query={"next_cursor": cursor}, auth=CUSTOMER)
        return Page.parse(data, Address.parse)

    async def create_address(self, **fields: Any) -> Address:
        return Address.parse(await self.call("POST", "/customers/me/addresses", body=fields, auth=CUSTOMER))

    async def get_address(self, address_id: int) -> Address:
        return Address.parse(await self.call("GET", f"/customers/me/addresses/{address_id}", auth=CUSTOMER))

    async def update_address(self, address_id: int, **fields: Any) -> Address:
        return Address.parse(await self.call("PATCH", f"/customers/me/addresses/{address_id}", body=fields,
                                             auth=CUSTOMER))

    async def delete_address(self, address_id: int) -> None:
        await self.call("DELETE", f"/customers/me/addresses/{address_id}", auth=CUSTOMER)

    async def get_customer_cart(self) -> Cart:
        return Cart.parse(await self.call("GET", "/customers/me/cart", auth=CUSTOMER))

    async def add_to_customer_cart(self, item: Item) -> Cart:
        return Cart.parse(await self.call("POST", "/customers/me/cart/items", body=item.to_json(), auth=CUSTOMER))

    async def update_customer_cart_item(self, item_id: int, quantity: int) -> Cart:
        return Cart.parse(await self.call("PATCH", f"/customers/me/cart/items/{item_id}", body={"quantity": quantity},
                                          auth=CUSTOMER))

    async def remove_customer_cart_item(self, item_id: int) -> Cart:
        return Cart.parse(await self.call("DELETE", f"/customers/me/cart/items/{item_id}", auth=CUSTOMER))

    async def checkout_addresses(self) -> list[Address]:
        data = await self.call("GET", "/customers/me/checkout/addresses", auth=CUSTOMER)
        return [Address.parse(row) for row in data["data"]]

    async def checkout_payment_methods(self) -> dict[str, Any]:
        return await self.call("GET", "/customers/me/checkout/payment-methods", auth=CUSTOMER)

    async def customer_shipping_options(self, *, location_id: int, postal_code: str, items: list[Item] | None = None,
                                        cart_id: int | None = None,
                                        payment_method: str | None = None) -> list[ShippingOption]:
        body = {**items_json(items), **compact(cart_id=None if items else cart_id, location_id=location_id,
                                               postal_code=postal_code, payment_method=payment_method)}
        data = await self.call("POST", "/customers/me/checkout/shipping-options", body=body, auth=CUSTOMER)
        return [ShippingOption.parse(row) for row in data["data"]]

    async def customer_checkout_summary(self, *, items: list[Item] | None = None, cart_id: int | None = None,
                                        location_id: int | None = None, postal_code: str | None = None,
                                        courier: ShippingChoice | None = None, payment_method: str | None = None,
                                        discount_code: str | None = None) -> CheckoutSummary:
        body = {**items_json(items), **compact(cart_id=None if items else cart_id, location_id=location_id,
                                               postal_code=postal_code, payment_method=payment_method,
                                               discount_code_code=discount_code)}
        if courier:
            body.update(courier.to_json())
        return CheckoutSummary.parse(await self.call("POST", "/customers/me/checkout/summary", body=body,
                                                     auth=CUSTOMER))

    async def customer_place_order(self, checkout: CustomerCheckout) -> Order:
        """Creates the order from the account. Never retried."""
        return Order.parse(await self.call("POST", "/customers/me/checkout", body=checkout.to_json(), auth=CUSTOMER))

    async def list_orders(self, *, cursor: str | None = None, page_size: int | None = None) -> Page:
        data = await self.call("GET", "/customers/me/orders", query={"next_cursor": cursor, "page_size": page_size},
                               auth=CUSTOMER)
        return Page.parse(data, CustomerOrder.parse)

    async def get_customer_order(self, order_id: str) -> CustomerOrder:
        return CustomerOrder.parse(await self.call("GET", f"/customers/me/orders/{quote(order_id, safe='')}",
                                                   auth=CUSTOMER))

    async def list_subscriptions(self, *, status: str | None = None, cursor: str | None = None) -> Page:
        data = await self.call("GET", "/customers/me/subscriptions", query={"status": status, "next_cursor": cursor},
                               auth=CUSTOMER)
        return Page.parse(data, Subscription.parse)

    async def get_subscription(self, subscription_id: str) -> Subscription:
        return Subscription.parse(await self.call("GET", f"/customers/me/subscriptions/{subscription_id}",
                                                  auth=CUSTOMER))

    async def cancel_subscription(self, subscription_id: str) -> Subscription:
        return Subscription.parse(await self.call("POST", f"/customers/me/subscriptions/{subscription_id}/cancel",
                                                  auth=CUSTOMER))

    async def resume_subscription(self, subscription_id: str) -> Subscription:
        return Subscription.parse(await self.call("POST", f"/customers/me/subscriptions/{subscription_id}/resume",
                                                  auth=CUSTOMER))

    async def subscription_options(self, item_id: str, direction: str) -> list[dict[str, Any]]:
        """Variants an item can move to; ``direction`` is ``"upgrade"`` or ``"downgrade"``."""
        if direction not in ("upgrade", "downgrade"):
            raise ValueError(direction)
        data = await self.call("GET", f"/customers/me/subscription-items/{item_id}/{direction}", auth=CUSTOMER)
        return list(data["data"])

    async def change_subscription_item(self, item_id: str, direction: str, variant_id: int) -> Subscription:
        if direction not in ("upgrade", "downgrade"):
            raise ValueError(direction)
        data = await self.call("POST", f"/customers/me/subscription-items/{item_id}/{direction}",
                               body={"variant_id": variant_id}, auth=CUSTOMER)
        return Subscription.parse(data)

    async def get_course(self, variant_uuid: str) -> dict[str, Any]:
        return await self.call("GET", f"/customers/me/variants/{quote(variant_uuid, safe='')}/course", auth=CUSTOMER)

    async def get_course_section(self, section_uuid: str) -> dict[str, Any]:
        return await self.call("GET", f"/customers/me/course-sections/{quote(section_uuid, safe='')}", auth=CUSTOMER)

    async def get_course_content(self, content_uuid: str) -> dict[str, Any]:
        return await self.call("GET", f"/customers/me/course-contents/{quote(content_uuid, safe='')}", auth=CUSTOMER)

    async def set_course_progress(self, content_uuid: str, progress: float) -> dict[str, Any]:
        return await self.call("PATCH", f"/customers/me/course-contents/{quote(content_uuid, safe='')}",
                               body={"progress": progress}, auth=CUSTOMER)


