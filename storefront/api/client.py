"""``StorefrontClient``: one method per Storefront API operation, returning parsed models.

Every operation goes through one send path, layered in ``flow.py`` (rate gate → identity and
token refresh → retries → transport); no method goes around it, uploads and token refreshes
included. On top of it, ``call`` adds what only reads need: identical reads in flight share one
request, and catalog and location reads are kept for a while.

Request building and parsing do no I/O; the only I/O is the ``transport`` call, so the same
client runs in Pyodide (``fetch``) and in CPython tests (httpx).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, urlencode

from ..config import SiteConfig
from .answers import Served, answers_checked, note
from .cache import ReadCache, SingleFlight
from .clock import Clock, SystemClock
from .errors import ApiError, BadAnswer, NetworkError, error_from_response
from .flow import Auth, Authenticate, Call, RateGate, RefreshLock, Retry, TokenRefresher
from .http import HttpRequest, HttpResponse, Transport
from .models import (
    Address,
    Area,
    Availability,
    BundleDetail,
    Cart,
    Category,
    CheckoutSummary,
    Course,
    CourseContent,
    CourseSection,
    DiscountCheck,
    ItemCard,
    Location,
    Order,
    OtpChallenge,
    Page,
    PaymentMethod,
    PlanOption,
    ProductDetail,
    Profile,
    ShippingOption,
    Subscription,
    TransferProofUpload,
    VariantPricing,
    parse,
    read,
)
from .policy import RateLimitState, RetryPolicy
from .session import Session
from .shapes import CustomerCheckout, GuestCheckout, Item, Quote
from .storage import MemoryStorage, Storage

PUBLIC = Auth.KEY
GUEST = Auth.KEY | Auth.GUEST
CUSTOMER = Auth.BEARER
MERGE = Auth.KEY | Auth.GUEST | Auth.BEARER
INTENT_HEADER = "X-Scalev-Checkout-Intent-Token"

__all__ = ["Auth", "RefreshLock", "StorefrontClient"]


@answers_checked
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
        #: Every request handed to the transport, for diagnostics and the journey benchmark.
        self.sent: list[HttpRequest] = []
        self.refresher = TokenRefresher(self.session, self.clock, refresh_lock or RefreshLock(), self._send_refresh)
        authenticate = Authenticate(
            config,
            self.session,
            self.refresher,
            Retry(self.retry, self.rate, self.clock, self._record, counted_under=config.store_root),
        )
        self.send_path = RateGate(self.rate, self.clock, self.retry, authenticate)

    @property
    def on_signed_out(self) -> Callable[[], None] | None:
        """Called with no argument after a failed refresh signed the customer out."""
        return self.refresher.on_signed_out

    @on_signed_out.setter
    def on_signed_out(self, callback: Callable[[], None] | None) -> None:
        self.refresher.on_signed_out = callback

    async def _record(self, request: HttpRequest) -> HttpResponse:
        self.sent.append(request)
        return await self.transport(request)

    # -- building ----------------------------------------------------------------------------

    def url(self, path: str, query: dict[str, Any] | None = None) -> str:
        """``path`` under the store root, with the query's set values."""
        url = self.config.store_root + path
        params = {k: v for k, v in (query or {}).items() if v is not None and v != ""}
        return url + ("?" + urlencode(params) if params else "")

    def build(
        self, method: str, path: str, *, query: dict[str, Any] | None = None, body: Any = None, auth: Auth = PUBLIC
    ) -> HttpRequest:
        """The request the send path would hand the transport for this operation now."""
        return Authenticate(self.config, self.session, self.refresher, self._record).request(
            Call(method, self.url(path, query), json=body, auth=auth)
        )

    # -- the send path -----------------------------------------------------------------------

    async def send(self, call: Call) -> HttpResponse:
        """Sends ``call`` through every layer; an answer outside 2xx becomes an ``ApiError``."""
        response = await self.send_path(call)
        if not response.ok:
            raise error_from_response(response)
        return response

    async def call(
        self,
        method: str,
        path: str,
        *,
        query: dict[str, Any] | None = None,
        body: Any = None,
        auth: Auth = PUBLIC,
        cache: bool = False,
        headers: dict[str, str] | None = None,
        read_only: bool = False,
    ) -> Any:
        """Sends one operation and returns its decoded JSON (None for 204); an answer that is
        not JSON is a ``BadAnswer``. ``read_only`` marks a POST that only asks."""
        operation = Call(
            method, self.url(path, query), json=body, auth=auth, headers=headers or {}, read_only=read_only
        )
        if method != "GET":
            return self._decoded(await self.send(operation))
        key = operation.url + ("|bearer" if Auth.BEARER in auth else "")
        if cache:
            cached = self.cache.get(key)
            if cached is not None:
                note(Served(key))
                return cached

        async def fetch() -> tuple[Any, str | None]:
            response = await self.send(operation)
            data = self._decoded(response)
            if cache:
                self.cache.put(key, data)
            return data, response.request_id

        data, request_id = await self.flights.run(key, fetch)
        note(Served(None, request_id))
        return data

    @staticmethod
    def _decoded(response: HttpResponse) -> Any:
        try:
            data = response.json()
        except ValueError as exc:
            raise BadAnswer(f"the answer is not JSON ({exc})", response.request_id) from None
        note(Served(None, response.request_id))
        return data

    async def _send_refresh(self, body: dict[str, Any]) -> HttpResponse:
        """The refresh call itself: through the rate gate, never retried, its 401 is the
        refresher's to read (so not turned into an error here)."""
        return await self.send_path(Call("POST", self.url("/public/auth/jwt/refresh"), json=body, auth=PUBLIC))

    # -- the customer's tokens ---------------------------------------------------------------

    async def ensure_fresh_token(self) -> None:
        await self.refresher.ensure_fresh()

    async def refresh_tokens(self, stale_access: str | None) -> None:
        """Rotates the single-use refresh token, unless another call or tab just did."""
        await self.refresher.refresh(stale_access)

    # -- catalog -----------------------------------------------------------------------------

    async def count_items(self) -> int:
        return int((await self.call("GET", "/public/items/count", cache=True))["total"])

    async def list_items(
        self, *, page_size: int | None = None, cursor: str | None = None, previous_cursor: str | None = None
    ) -> Page:
        query = {"page_size": page_size, "next_cursor": cursor, "previous_cursor": previous_cursor}
        return Page.parse(await self.call("GET", "/public/items", query=query, cache=True), ItemCard)

    async def get_product(self, slug: str) -> ProductDetail:
        return ProductDetail.parse(await self.call("GET", f"/public/products/{quote(slug, safe='')}", cache=True))

    async def get_bundle(self, slug: str) -> BundleDetail:
        data = await self.call("GET", f"/public/bundle-price-options/{quote(slug, safe='')}", cache=True)
        return BundleDetail.parse(data)

    async def list_categories(self) -> list[Category]:
        data = await self.call("GET", "/public/categories", cache=True)
        return [parse(Category, row) for row in data["data"]]

    async def variant_pricing(self, variant_ids: list[int]) -> list[VariantPricing]:
        data = await self.call("GET", "/public/variants/pricing", query={"ids": ",".join(map(str, variant_ids))})
        return [parse(VariantPricing, row) for row in data["data"]]

    async def variant_availability(self, variant_id: int) -> Availability:
        return parse(Availability, await self.call("GET", f"/public/variants/{variant_id}/availability"))

    async def list_payment_methods(self) -> list[PaymentMethod]:
        return PaymentMethod.parse_list(await self.call("GET", "/public/payment-methods", cache=True))

    # -- locations ---------------------------------------------------------------------------

    async def list_provinces(self, search: str | None = None) -> list[Area]:
        data = await self.call("GET", "/public/locations/provinces", query={"search": search}, cache=True)
        return [Area.parse(row, "province") for row in data["data"]]

    async def list_cities(self, province_id: int, search: str | None = None) -> list[Area]:
        data = await self.call(
            "GET", "/public/locations/cities", query={"province_id": province_id, "search": search}, cache=True
        )
        return [Area.parse(row, "city") for row in data["data"]]

    async def list_subdistricts(self, city_id: int, search: str | None = None) -> list[Location]:
        data = await self.call(
            "GET", "/public/locations/subdistricts", query={"city_id": city_id, "search": search}, cache=True
        )
        return [parse(Location, row) for row in data["data"]]

    async def search_locations(self, search: str, *, page_size: int | None = None, cursor: str | None = None) -> Page:
        query = {"search": search, "page_size": page_size, "next_cursor": cursor}
        return Page.parse(await self.call("GET", "/public/locations", query=query, cache=True), Location)

    async def list_postal_codes(self, location_id: int, search: str | None = None) -> list[str]:
        data = await self.call(
            "GET", f"/public/locations/{location_id}/postal-codes", query={"search": search}, cache=True
        )
        return [row["postal_code"] for row in data["data"]]

    # -- the cart --------------------------------------------------------------------------

    def _cart(self, customer: bool | None) -> tuple[str, Auth]:
        """The shopper's cart: the account's when signed in (or when asked for), else the
        guest cart of the guest token."""
        if self.session.signed_in if customer is None else customer:
            return "/customers/me/cart", CUSTOMER
        return "/public/cart", GUEST

    async def get_cart(self, *, customer: bool | None = None) -> Cart:
        path, auth = self._cart(customer)
        return Cart.parse(await self.call("GET", path, auth=auth))

    async def add_to_cart(self, item: Item, *, customer: bool | None = None) -> Cart:
        path, auth = self._cart(customer)
        return Cart.parse(await self.call("POST", f"{path}/items", body=item.to_json(), auth=auth))

    async def update_cart_item(self, item_id: int, quantity: int, *, customer: bool | None = None) -> Cart:
        path, auth = self._cart(customer)
        return Cart.parse(await self.call("PATCH", f"{path}/items/{item_id}", body={"quantity": quantity}, auth=auth))

    async def remove_cart_item(self, item_id: int, *, customer: bool | None = None) -> Cart:
        path, auth = self._cart(customer)
        return Cart.parse(await self.call("DELETE", f"{path}/items/{item_id}", auth=auth))

    async def merge_guest_cart(self) -> Cart:
        return Cart.parse(await self.call("POST", "/public/cart/merge", auth=MERGE))

    # -- checkout ------------------------------------------------------------------------

    def _checkout(self, quote: Quote, customer: bool | None) -> tuple[str, dict[str, Any], Auth]:
        """The shopper's checkout routes: the account's when signed in (or asked for), else the
        guest routes; with the quote spelled as each expects it."""
        if self.session.signed_in if customer is None else customer:
            return "/customers/me/checkout", quote.customer_json(), CUSTOMER
        return "/public/checkout", quote.guest_json(), GUEST

    async def shipping_options(self, quote: Quote, *, customer: bool | None = None) -> list[ShippingOption]:
        """Couriers for the quote's items and destination (and COD, when the method is COD)."""
        root, body, auth = self._checkout(dataclasses.replace(quote, courier=None, discount_code=None), customer)
        data = await self.call("POST", f"{root}/shipping-options", body=body, auth=auth, read_only=True)
        return [parse(ShippingOption, row) for row in data["data"]]

    async def checkout_summary(self, quote: Quote, *, customer: bool | None = None) -> CheckoutSummary:
        root, body, auth = self._checkout(quote, customer)
        return CheckoutSummary.parse(await self.call("POST", f"{root}/summary", body=body, auth=auth, read_only=True))

    async def check_discount(self, code: str, quote: Quote) -> DiscountCheck:
        """Whether ``code`` applies to the quote (the items, else the guest cart)."""
        body = {"code": code, **dataclasses.replace(quote, discount_code=None).guest_json()}
        data = await self.call("POST", "/public/discount-codes/check", body=body, auth=GUEST, read_only=True)
        return DiscountCheck.parse(code, data)

    async def place_order(self, checkout: GuestCheckout) -> Order:
        """Creates the order. Never retried: a lost answer must not become a second order
        (``order_placing.py`` finds out what became of it)."""
        return await self.send_order(checkout.to_json(), customer=False)

    async def send_order(self, body: dict[str, Any], *, customer: bool) -> Order:
        """Sends an order body as it is, to the guest's or the account's checkout."""
        path, auth = ("/customers/me/checkout", CUSTOMER) if customer else ("/public/checkout", GUEST)
        return Order.parse(await self.call("POST", path, body=body, auth=auth))

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

    async def start_transfer_proof_upload(
        self, secret_slug: str, filename: str, content_type: str, size: int
    ) -> TransferProofUpload:
        data = await self.call(
            "POST",
            f"/public/orders/{quote(secret_slug, safe='')}/transfer-proof-upload",
            body={"filename": filename, "content_type": content_type, "content_length": size},
        )
        return parse(TransferProofUpload, data)

    async def put_upload(
        self, upload: TransferProofUpload, body: Any, on_progress: Callable[[int], None] | None = None
    ) -> None:
        """PUTs the file (bytes, or a browser Blob) to the presigned URL, with no Scalev headers;
        ``on_progress`` hears the percentage sent where the transport can tell."""
        await self.send(
            Call(
                "PUT",
                upload.upload_url,
                content=body,
                auth=Auth.NONE,
                # Long enough for a 10 MB proof at 400 kbit/s, short for a stalled small one.
                timeout=30.0 + upload.size_in_bytes / 50_000,
                headers={"Content-Type": upload.content_type},
                on_progress=on_progress,
            )
        )

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
        await self.call(
            "PATCH", f"/public/checkout-intents/{quote(intent_id, safe='')}", body=body, headers={INTENT_HEADER: token}
        )

    # -- sign-in -----------------------------------------------------------------------------

    async def login(self, email: str, password: str) -> Profile | OtpChallenge:
        """Signs in, or returns the OTP challenge for stores that send a code."""
        data = await self.call(
            "POST", "/public/auth/login", body={"email": email, "password": password, "login_as": "customer"}
        )
        if "access" not in data:
            return OtpChallenge(email, str(data.get("message") or ""))
        return await self._signed_in(data)

    async def verify_otp(self, email: str, otp: str) -> Profile:
        data = await self.call(
            "POST", "/public/auth/otp/verify", body={"email": email, "otp": otp, "login_as": "customer"}
        )
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
        return Profile.parse(
            await self.call("POST", "/customers/me/set-new-password", body={"password": password}, auth=CUSTOMER)
        )

    async def list_addresses(self, *, cursor: str | None = None) -> Page:
        data = await self.call("GET", "/customers/me/addresses", query={"next_cursor": cursor}, auth=CUSTOMER)
        return Page.parse(data, Address)

    async def create_address(self, **fields: Any) -> Address:
        return parse(Address, await self.call("POST", "/customers/me/addresses", body=fields, auth=CUSTOMER))

    async def get_address(self, address_id: int) -> Address:
        return parse(Address, await self.call("GET", f"/customers/me/addresses/{address_id}", auth=CUSTOMER))

    async def update_address(self, address_id: int, **fields: Any) -> Address:
        return parse(
            Address, await self.call("PATCH", f"/customers/me/addresses/{address_id}", body=fields, auth=CUSTOMER)
        )

    async def delete_address(self, address_id: int) -> None:
        await self.call("DELETE", f"/customers/me/addresses/{address_id}", auth=CUSTOMER)

    async def checkout_addresses(self) -> list[Address]:
        data = await self.call("GET", "/customers/me/checkout/addresses", auth=CUSTOMER)
        return [parse(Address, row) for row in data["data"]]

    async def checkout_payment_methods(self) -> dict[str, Any]:
        return await self.call("GET", "/customers/me/checkout/payment-methods", auth=CUSTOMER)

    async def customer_place_order(self, checkout: CustomerCheckout) -> Order:
        """Creates the order from the account. Never retried."""
        return await self.send_order(checkout.to_json(), customer=True)

    async def list_orders(self, *, cursor: str | None = None, page_size: int | None = None) -> Page:
        data = await self.call(
            "GET", "/customers/me/orders", query={"next_cursor": cursor, "page_size": page_size}, auth=CUSTOMER
        )
        return Page.parse(data, Order)

    async def get_customer_order(self, order_id: str) -> Order:
        return Order.parse(await self.call("GET", f"/customers/me/orders/{quote(order_id, safe='')}", auth=CUSTOMER))

    async def list_subscriptions(self, *, status: str | None = None, cursor: str | None = None) -> Page:
        query = {"status": status, "next_cursor": cursor}
        data = await self.call("GET", "/customers/me/subscriptions", query=query, auth=CUSTOMER)
        return Page.parse(data, Subscription)

    async def get_subscription(self, subscription_id: str) -> Subscription:
        return Subscription.parse(
            await self.call("GET", f"/customers/me/subscriptions/{subscription_id}", auth=CUSTOMER)
        )

    async def cancel_subscription(self, subscription_id: str) -> Subscription:
        return Subscription.parse(
            await self.call("POST", f"/customers/me/subscriptions/{subscription_id}/cancel", auth=CUSTOMER)
        )

    async def resume_subscription(self, subscription_id: str) -> Subscription:
        return Subscription.parse(
            await self.call("POST", f"/customers/me/subscriptions/{subscription_id}/resume", auth=CUSTOMER)
        )

    async def subscription_options(self, item_id: str, direction: str) -> list[PlanOption]:
        """Variants an item can move to; ``direction`` is ``"upgrade"`` or ``"downgrade"``."""
        if direction not in ("upgrade", "downgrade"):
            raise ValueError(direction)
        data = await self.call("GET", f"/customers/me/subscription-items/{item_id}/{direction}", auth=CUSTOMER)
        return [read(PlanOption, row) for row in data["data"]]

    async def change_subscription_item(self, item_id: str, direction: str, variant_id: int) -> Subscription:
        if direction not in ("upgrade", "downgrade"):
            raise ValueError(direction)
        path = f"/customers/me/subscription-items/{item_id}/{direction}"
        return Subscription.parse(await self.call("POST", path, body={"variant_id": variant_id}, auth=CUSTOMER))

    async def get_course(self, variant_uuid: str) -> Course:
        """The course a variant gives; 404 when the customer does not own it."""
        path = f"/customers/me/variants/{quote(variant_uuid, safe='')}/course"
        return Course.parse(await self.call("GET", path, auth=CUSTOMER))

    async def get_course_section(self, section_uuid: str) -> CourseSection:
        path = f"/customers/me/course-sections/{quote(section_uuid, safe='')}"
        return CourseSection.parse(await self.call("GET", path, auth=CUSTOMER))

    async def get_course_content(self, content_uuid: str) -> CourseContent:
        path = f"/customers/me/course-contents/{quote(content_uuid, safe='')}"
        return CourseContent.parse(await self.call("GET", path, auth=CUSTOMER))

    async def set_course_progress(self, content_uuid: str, progress: float) -> CourseContent:
        path = f"/customers/me/course-contents/{quote(content_uuid, safe='')}"
        return CourseContent.parse(await self.call("PATCH", path, body={"progress": progress}, auth=CUSTOMER))
