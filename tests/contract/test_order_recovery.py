"""Placing an order when its answer is lost, against the sandbox: the shop finds the order the
store made instead of making a second one, and says so when it cannot tell yet."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from httpx_transport import HttpxTransport
from storefront.api import ApiError, HttpRequest, HttpResponse, NetworkError, StorefrontClient
from storefront.api.models import Location
from storefront.api.shapes import (
    Buyer,
    CustomerCheckout,
    Destination,
    GuestCheckout,
    Quote,
    ShippingAddress,
    ShippingChoice,
    VariantItem,
)
from storefront.api.storage import MemoryStorage
from storefront.config import SiteConfig
from storefront.order_placing import RESEND_WINDOW, OrderPlacer, OrderProbablyPlaced, OrderUnknown

from .conftest import KEY, STORE

pytestmark = pytest.mark.anyio
CEMPAKA = Location(9089, "Cempaka Putih", "Kota Jakarta Pusat", "DKI Jakarta", "Cempaka Putih, …")
BOTTLE = 494535
JAKARTA = Destination(9089, "10510")


class Clock:
    def __init__(self) -> None:
        self.t = 1_800_000_000.0

    def now(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        self.t += seconds


class Flaky:
    """The network between the shop and the sandbox: ``lose`` decides, per request, whether the
    request never arrives (``"before"``) or arrives and its answer is lost (``"after"``)."""

    def __init__(self, inner: HttpxTransport) -> None:
        self.inner = inner
        self.lose: Callable[[HttpRequest], str | None] = lambda request: None
        self.lost: list[HttpResponse] = []  # the answers that never reached the shop

    async def __call__(self, request: HttpRequest) -> HttpResponse:
        when = self.lose(request)
        if when == "before":
            raise NetworkError("connection refused")
        response = await self.inner(request)
        if when == "after":
            self.lost.append(response)
            raise NetworkError("connection reset")
        return response


def checkouts(request: HttpRequest) -> bool:
    return request.method == "POST" and request.url.endswith("/checkout")


@pytest.fixture
def shop(api: httpx.AsyncClient):
    flaky, clock, storage = Flaky(HttpxTransport(api)), Clock(), MemoryStorage()
    client = StorefrontClient(SiteConfig("http://sandbox.test", STORE, KEY), flaky, clock=clock)
    return client, OrderPlacer(client, storage), flaky, clock, storage


def orders_of(sandbox_app, email: str) -> list[dict]:
    return [o for o in sandbox_app.state.sandbox.db.all("order") if o["buyer"]["email"] == email]


async def guest_body(client: StorefrontClient, email: str) -> dict:
    cart = await client.add_to_cart(VariantItem(BOTTLE, 1))
    courier = (await client.shipping_options(Quote(JAKARTA)))[0]
    choice = ShippingChoice(courier.courier_service_id, courier.warehouse_unique_id)
    quote = Quote(
        JAKARTA, choice, "bank_transfer", items=tuple(VariantItem(l.variant_id or 0, l.quantity) for l in cart.lines)
    )
    return GuestCheckout(Buyer("Budi", email), quote, shipping=ShippingAddress("Jl. A 1", CEMPAKA, "10510")).to_json()


async def test_a_lost_answer_returns_the_order_the_store_made(shop, sandbox_app):
    client, placer, flaky, _, storage = shop
    body = await guest_body(client, "lost.after@example.com")
    sent = []
    flaky.lose = lambda r: "after" if checkouts(r) and not sent.append(r) and len(sent) == 1 else None
    order = await placer.place(body, account=False)
    made = orders_of(sandbox_app, "lost.after@example.com")
    assert [o["id"] for o in made] == [order.id] and len(sent) == 2  # found, not made twice
    assert [a.status for a in flaky.lost] == [201]
    assert placer.pending() is None and not storage.data


async def test_a_request_that_never_arrived_made_nothing_and_can_be_sent_again(shop, sandbox_app):
    client, placer, flaky, _, _ = shop
    body = await guest_body(client, "lost.before@example.com")
    flaky.lose = lambda r: "before" if checkouts(r) else None
    with pytest.raises(NetworkError):
        await placer.place(body, account=False)
    assert orders_of(sandbox_app, "lost.before@example.com") == [] and placer.pending() is None
    flaky.lose = lambda r: None
    order = await placer.place(body, account=False)
    assert [o["id"] for o in orders_of(sandbox_app, "lost.before@example.com")] == [order.id]


async def test_while_the_connection_is_down_the_shop_cannot_tell_and_checks_again_later(shop, sandbox_app, api):
    client, placer, flaky, _, storage = shop
    body = await guest_body(client, "down@example.com")
    flaky.lose = lambda r: "after" if checkouts(r) else "before"  # the store acted, then the network fell
    with pytest.raises(OrderUnknown):
        await placer.place(body, account=False)
    assert placer.pending() is not None  # kept: a reload checks again
    flaky.lose = lambda r: None
    again = OrderPlacer(client, storage)  # as after a reload
    order = await again.recover()
    assert [o["id"] for o in orders_of(sandbox_app, "down@example.com")] == [order.id]
    assert again.pending() is None
    with pytest.raises(OrderUnknown):
        await again.recover()  # nothing left to look for


async def test_too_late_to_fetch_again_the_shopper_is_sent_to_their_email(shop, sandbox_app):
    client, placer, flaky, clock, _ = shop
    body = await guest_body(client, "late@example.com")
    flaky.lose = lambda r: "after" if checkouts(r) else "before"
    with pytest.raises(OrderUnknown):
        await placer.place(body, account=False)
    flaky.lose = lambda r: None
    clock.t += RESEND_WINDOW + 1
    with pytest.raises(OrderProbablyPlaced):
        await placer.recover()
    assert len(orders_of(sandbox_app, "late@example.com")) == 1 and placer.pending() is None


async def test_a_refused_order_is_not_pending(shop):
    client, placer, _, _, _ = shop
    body = await guest_body(client, "refused@example.com")
    with pytest.raises(ApiError) as refused:
        await placer.place({**body, "payment_method": "no_such_method"}, account=False)
    assert refused.value.status in (400, 422) and placer.pending() is None


async def test_a_signed_in_customers_lost_order_is_found_in_their_orders(shop, sandbox_app):
    client, placer, flaky, _, _ = shop
    await client.login("siti@example.com", "Rahasia123!")
    await client.add_to_cart(VariantItem(BOTTLE, 1), customer=True)
    courier = (await client.shipping_options(Quote(JAKARTA)))[0]
    choice = ShippingChoice(courier.courier_service_id, courier.warehouse_unique_id)
    quote = Quote(JAKARTA, choice, "bank_transfer", items=(VariantItem(BOTTLE, 1),))
    body = CustomerCheckout(quote, address="Jl. B 2").to_json()
    before = len(orders_of(sandbox_app, "siti@example.com"))
    flaky.lose = lambda r: "after" if checkouts(r) else None
    order = await placer.place(body, account=True)
    made = orders_of(sandbox_app, "siti@example.com")
    assert len(made) == before + 1 and made[-1]["id"] == order.id
    assert [a.status for a in flaky.lost] == [201]  # the store made it; the shop never heard
