"""Decisions the views used to hold, now plain Python: what ships, what the summary and the
order ask, which catalog cards show, which amount rows a buyer reads, what codes are called,
what an error says, and how the cart store publishes and rolls back."""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal

import pytest

from storefront.amounts import Amounts, amount_rows
from storefront.api import (
    ApiError,
    BadAnswer,
    HttpResponse,
    NetworkError,
    RequestTimeout,
    SessionExpired,
    StorefrontClient,
)
from storefront.api.errors import error_from_response
from storefront.api.models import (
    Cart,
    CartLine,
    Category,
    CheckoutSummary,
    ItemCard,
    Order,
    Page,
    PaymentMethod,
    PriceRange,
)
from storefront.api.shapes import Destination, Quote, ShippingChoice
from storefront.api.storage import MemoryStorage
from storefront.cart_store import CartStore, CartUpdate
from storefront.catalog_state import CatalogFilters, CatalogSnapshot
from storefront.checkout_form import CheckoutDraft
from storefront.checkout_plan import guest_order, needs_shipping, summary_request
from storefront.config import SiteConfig
from storefront.error_text import describe
from storefront.i18n import Translator
from storefront.labels import local_time, method_name, status_label
from storefront.signals import Latest, Signal

ID, EN = Translator("id"), Translator("en")


def line(line_id: int, item_type: str | None = "physical", quantity: int = 1, price: str = "10000") -> CartLine:
    return CartLine(
        line_id,
        "variant",
        line_id,
        None,
        quantity,
        f"Item {line_id}",
        None,
        Decimal(price),
        Decimal(price) * quantity,
        None,
        None,
        None,
        item_type,
    )


def cart(*lines: CartLine) -> Cart:
    return Cart(7, sum(x.quantity for x in lines), sum((x.line_total for x in lines), Decimal(0)), lines)


# -- checkout plan ----------------------------------------------------------------------------


def test_only_digital_lines_skip_shipping_and_an_unknown_kind_ships():
    assert not needs_shipping([line(1, "digital"), line(2, "course")])
    assert needs_shipping([line(1, "digital"), line(2, "physical")])
    assert needs_shipping([line(1, None)])


def test_the_summary_request_follows_every_choice_and_nothing_else():
    draft = CheckoutDraft(
        name="Budi",
        location_id=9089,
        postal_code="10510",
        courier_service_id=3,
        warehouse_unique_id="w1",
        payment_method="qris",
        discount_code="PROMO10",
    )
    request = summary_request(cart(line(1)), draft)
    assert request.quote == Quote(Destination(9089, "10510"), ShippingChoice(3, "w1"), "qris", "PROMO10")
    assert request.lines == ((1, 1),) and request.ships_somewhere
    draft.name = "Budi Santoso"  # the buyer's name changes no amount
    assert summary_request(cart(line(1)), draft) == request
    assert summary_request(cart(line(1, quantity=2)), draft) != request
    draft.postal_code = ""
    assert summary_request(cart(line(1)), draft).quote.destination is None
    digital = summary_request(
        cart(line(1, "digital")), CheckoutDraft(location_id=9089, postal_code="10510", courier_service_id=3)
    )
    assert digital.quote.destination is None and digital.quote.courier is None


def test_the_guest_order_body_carries_what_the_shopper_gave():
    draft = CheckoutDraft(
        name=" Budi ",
        email="budi@example.com ",
        phone="0812-3456-7890",
        address=" Jl. A 1 ",
        location_id=9089,
        location_label="Cempaka Putih, …",
        province="DKI Jakarta",
        city="Kota Jakarta Pusat",
        subdistrict="Cempaka Putih",
        postal_code="10510",
        courier_service_id=3,
        warehouse_unique_id="w1",
        payment_method="bank_transfer",
        notes="  ",
    )
    body = guest_order(draft, cart(line(4, quantity=2)), True, intent_token="cit_1").to_json()
    assert body == {
        "items": [{"type": "variant", "variant_id": 4, "quantity": 2}],
        "customer_name": "Budi",
        "customer_email": "budi@example.com",
        "customer_phone": "6281234567890",
        "payment_method": "bank_transfer",
        "checkout_intent_token": "cit_1",
        "shipping_address": "Jl. A 1",
        "shipping_location_id": 9089,
        "shipping_postal_code": "10510",
        "shipping_province": "DKI Jakarta",
        "shipping_city": "Kota Jakarta Pusat",
        "shipping_subdistrict": "Cempaka Putih",
        "courier_service_id": 3,
        "warehouse_unique_id": "w1",
    }
    digital = guest_order(draft, cart(line(5, "digital")), False).to_json()
    assert "shipping_address" not in digital and "courier_service_id" not in digital


# -- catalog ----------------------------------------------------------------------------------


def card(card_id: int, name: str, low: str | None, category: int | None = None, description: str = "") -> ItemCard:
    price = PriceRange(Decimal(low) if low else None, Decimal(low) if low else None)
    taxonomy = Category(category, f"C{category}", f"C{category}") if category else None
    return ItemCard("product", card_id, f"s{card_id}", name, description, (), True, price, taxonomy)


def test_catalog_filters_search_name_and_description_and_sort_over_loaded_items():
    items = [
        card(1, "Kaos Hitam", "89000", 1),
        card(2, "Tas Kanvas", "150000", 2, "muat laptop"),
        card(3, "Kaos Putih", None, 1),
        card(4, "Botol", "65000", 2),
    ]
    assert [c.id for c in CatalogFilters(search="kaos").apply(items)] == [1, 3]
    assert [c.id for c in CatalogFilters(search="LAPTOP").apply(items)] == [2]
    assert [c.id for c in CatalogFilters(category="2").apply(items)] == [2, 4]
    assert [c.id for c in CatalogFilters(sort="price_low").apply(items)] == [4, 1, 2, 3]  # unknown price last
    assert [c.id for c in CatalogFilters(sort="price_high").apply(items)] == [2, 1, 4, 3]
    assert [c.id for c in CatalogFilters(sort="name").apply(items)] == [4, 1, 3, 2]
    assert CatalogFilters(sort="nonsense").sort == "newest"


def test_a_catalog_snapshot_is_reused_for_two_minutes_and_pages_accumulate():
    first = Page((card(1, "A", "1"),), True, "c2", False, None, 1)
    snapshot = CatalogSnapshot(2, [first], [], loaded_at=1000.0)
    assert snapshot.has_more and snapshot.next_cursor == "c2"
    snapshot.pages.append(Page((card(2, "B", "2"),), False, None, True, "c1", 1))
    assert [c.id for c in snapshot.items] == [1, 2] and not snapshot.has_more
    assert snapshot.is_fresh(1120.0) and not snapshot.is_fresh(1121.0)


# -- amounts ----------------------------------------------------------------------------------

ORDER = {
    "id": "u",
    "secret_slug": "s",
    "order_id": "260101ABCDEF",
    "status": "pending",
    "payment_status": "unpaid",
    "payment_method": "bank_transfer",
    "pg_payment_info": {},
    "orderlines": [],
    "product_price": "150000.00",
    "shipping_cost": "12000",
    "other_income": 6500,
    "other_income_name": "Biaya Penanganan",
    "unique_code_discount": "276.00",
    "discount_code_discount": "10000",
    "discount_code_code": "PROMO10",
    "gross_revenue": "158224.00",
}


def test_order_and_summary_amounts_read_the_same_rows():
    rows = amount_rows(Amounts.of_order(Order.parse(ORDER)))
    assert [(r.label, r.amount, r.kind) for r in rows] == [
        ("checkout.products", Decimal("150000.00"), ""),
        ("checkout.shipping_cost", Decimal("12000"), ""),
        ("Biaya Penanganan", Decimal(6500), ""),
        ("order.unique_code", Decimal("-276.00"), "discount"),
        ("checkout.discount_line", Decimal("-10000"), "discount"),
        ("checkout.total", Decimal("158224.00"), "total"),
    ]
    assert not rows[2].translate and rows[4].detail == "PROMO10"
    summary = CheckoutSummary(Decimal(150000), Decimal(12000), Decimal(6500), None, Decimal(0), Decimal(168500))
    without = amount_rows(Amounts.of_summary(summary, False, None))
    assert [r.label for r in without] == ["checkout.products", "checkout.other_income", "checkout.total"]
    shown = amount_rows(Amounts.of_summary(summary, True, ("PROMO10", Decimal(10000))))
    assert [r.label for r in shown] == [
        "checkout.products",
        "checkout.shipping_cost",
        "checkout.other_income",
        "checkout.discount_line",
        "checkout.total",
    ]


def test_a_code_discount_inside_a_product_discount_is_not_counted_twice():
    order = Order.parse({**ORDER, "product_discount": "10000", "unique_code_discount": "0"})
    labels = [r.label for r in amount_rows(Amounts.of_order(order))]
    assert "order.product_discount" in labels and "checkout.discount_line" not in labels


# -- labels -----------------------------------------------------------------------------------


def test_status_and_method_names_in_both_languages():
    assert status_label(ID, "pending", "unpaid") == "Menunggu pembayaran · Belum dibayar"
    assert status_label(EN, "shipped") == "Shipped"
    assert status_label(EN, "rts") == "rts"  # unknown codes are shown as they are
    assert method_name(ID, "va_bca") == "Virtual Account BCA" and method_name(EN, "va_bni") == "BNI virtual account"
    assert method_name(EN, "shopeepay") == "ShopeePay"
    assert (
        method_name(EN, "qris", [PaymentMethod("qris", "QRIS (semua e-wallet)", None, False)])
        == "QRIS (semua e-wallet)"
    )


def test_times_are_shown_in_the_stores_zone():
    assert local_time("2026-01-31T07:05:00Z") == "31/01/2026 14:05 WIB"
    assert local_time("2026-01-31T07:05:00+00:00", "WIT") == "31/01/2026 16:05 WIT"
    assert local_time("2026-01-31T07:05:00", "WITA") == "31/01/2026 15:05 WITA"  # no zone: UTC
    assert local_time("soon") == "soon"


# -- error text -------------------------------------------------------------------------------


def test_errors_are_explained_in_the_shoppers_words_never_in_the_apis():
    assert describe(NetworkError("x"), ID) == ID("error.network")
    assert describe(RequestTimeout("x"), EN) == EN("error.timeout")
    assert describe(SessionExpired("x"), EN) == EN("error.session_expired")
    body = {
        "error": "Validation failed",
        "error_code": "validation_failed",
        "errors": [{"field": "items", "code": "out_of_stock", "message": "variant 1: only 2 left"}],
    }
    stock = error_from_response(HttpResponse(400, {"x-request-id": "req-9"}, json.dumps(body)))
    assert describe(stock, ID) == ID("api.out_of_stock")
    unknown = error_from_response(HttpResponse(400, {"x-request-id": "req-9"}, '{"error": "Weird thing"}'))
    assert describe(unknown, EN) == f"{EN('error.refused')} {EN('error.reference', id='req-9')}"
    assert "Weird" not in describe(unknown, EN)
    assert describe(ApiError(503, "Service unavailable"), ID) == ID("error.generic")
    assert describe(ApiError(429, "Too many requests"), ID) == ID("error.rate_limited")
    unreadable = BadAnswer("the answer is not JSON", "req-7")
    assert describe(unreadable, ID) == f"{ID('error.generic')} {ID('error.reference', id='req-7')}"


# -- cart store -------------------------------------------------------------------------------


class CartApi:
    """A transport for the cart routes: answers from a script, or refuses."""

    def __init__(self, answers: list[object]) -> None:
        self.answers = answers

    async def __call__(self, request):  # type: ignore[no-untyped-def]
        await asyncio.sleep(0)
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, HttpResponse):
            return answer
        return HttpResponse(200, {}, json.dumps(answer))


def cart_json(quantity: int) -> dict:
    return {
        "id": 7,
        "item_count": quantity,
        "total": str(10000 * quantity),
        "items": [
            {
                "id": 1,
                "type": "variant",
                "variant_id": 1,
                "quantity": quantity,
                "unit_price": "10000",
                "line_total": str(10000 * quantity),
                "name": "Item 1",
            }
        ],
    }


def store(*answers: object) -> tuple[CartStore, list[CartUpdate]]:
    client = StorefrontClient(
        SiteConfig("https://api.test", "store_x", "sfpk_x"), CartApi(list(answers)), storage=MemoryStorage()
    )
    client.session.adopt_guest_token("guest-1")
    cart_store = CartStore(client)
    seen: list[CartUpdate] = []
    cart_store.changed.connect(seen.append)
    return cart_store, seen


@pytest.mark.anyio
async def test_a_change_shows_at_once_then_the_stores_answer():
    cart_store, seen = store(cart_json(1), cart_json(3))
    loaded = await cart_store.load()
    await cart_store.change(loaded.lines[0], 3)
    assert [(u.cart.item_count, u.settled, u.pending) for u in seen] == [
        (1, True, frozenset()),
        (3, False, frozenset({1})),
        (3, True, frozenset()),
    ]
    assert seen[1].cart.total == Decimal(30000)


@pytest.mark.anyio
async def test_a_refused_change_rolls_back_to_the_stores_last_answer():
    refusal = HttpResponse(
        400, {}, json.dumps({"error": "Validation failed", "errors": [{"field": "quantity", "code": "out_of_stock"}]})
    )
    cart_store, seen = store(cart_json(1), refusal)
    loaded = await cart_store.load()
    with pytest.raises(ApiError):
        await cart_store.change(loaded.lines[0], 9)
    assert seen[-1].settled and seen[-1].cart == loaded and cart_store.cart == loaded
    assert cart_store.pending == set()


@pytest.mark.anyio
async def test_a_change_whose_answer_was_lost_shows_what_the_store_holds():
    cart_store, seen = store(cart_json(1), NetworkError("connection reset"), cart_json(2))
    loaded = await cart_store.load()
    with pytest.raises(NetworkError):
        await cart_store.change(loaded.lines[0], 2)  # the store did change it; the answer was lost
    assert seen[-1].settled and cart_store.cart is not None and cart_store.cart.item_count == 2


@pytest.mark.anyio
async def test_an_add_whose_answer_was_lost_shows_what_the_store_holds():
    from storefront.api.shapes import VariantItem

    cart_store, seen = store(cart_json(1), NetworkError("connection reset"), cart_json(2))
    await cart_store.load()
    with pytest.raises(NetworkError):
        await cart_store.add(VariantItem(1))
    assert seen[-1].cart.item_count == 2  # a second tap would have made it 3


@pytest.mark.anyio
async def test_no_guest_token_means_an_empty_cart_without_asking():
    cart_store, seen = store()
    cart_store.client.session.storage.remove("scalev_guest_token")
    assert (await cart_store.load()).lines == () and seen[0].settled
    cart_store.emptied()
    assert seen[-1].cart.item_count == 0


# -- signals ----------------------------------------------------------------------------------


def test_a_signal_reaches_every_listener_until_it_disconnects():
    signal: Signal[int] = Signal()
    heard: list[int] = []
    disconnect = signal.connect(heard.append)
    signal.emit(1)
    disconnect()
    signal.emit(2)
    assert heard == [1]


def test_only_the_latest_turn_counts():
    latest = Latest()
    first = latest.take()
    second = latest.take()
    assert not latest.is_current(first) and latest.is_current(second)


# -- links from the API -----------------------------------------------------------------------


def test_only_https_loopback_http_and_wallet_apps_become_links():
    from storefront.safe_url import safe_link

    assert safe_link("https://pay.example/x?y=1") == "https://pay.example/x?y=1"
    assert safe_link("http://127.0.0.1:8787/__sandbox__/pay/s") == "http://127.0.0.1:8787/__sandbox__/pay/s"
    for hostile in (
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,<b>x</b>",
        "http://evil.example/",
        "vbscript:x",
        "//evil.example/x",
        "https://",
        "https://a.example/\nx",
        None,
        42,
        "",
    ):
        assert safe_link(hostile) is None, hostile
    assert safe_link("gojek://gopay/pay?x=1", app=True) == "gojek://gopay/pay?x=1"
    assert safe_link("gojek://gopay/pay?x=1") is None  # an app scheme only where an app is opened


def test_a_stored_draft_keeps_only_what_has_a_drafts_types():
    stored = '{"name": "A", "email": 7, "location_id": "9089", "courier_service_id": true, "postal_code": null, "x": 1}'
    draft = CheckoutDraft.from_json(stored)
    assert draft == CheckoutDraft(name="A")
    assert CheckoutDraft.from_json('{"location_id": 9089}').location_id == 9089
    assert CheckoutDraft.from_json('{"location_id": 99999999999999999999}').location_id is None
    assert CheckoutDraft.from_json("[1]") == CheckoutDraft() == CheckoutDraft.from_json("{")


def test_choosing_another_place_drops_the_courier_chosen_for_the_last():
    from storefront.api.models import Location

    place = Location(9089, "Cempaka Putih", "Kota Jakarta Pusat", "DKI Jakarta", "Cempaka Putih, Jakarta")
    draft = CheckoutDraft(location_id=9089, postal_code="10510", courier_service_id=3, warehouse_unique_id="w")
    draft.choose_place(place, "10510")
    assert (draft.courier_service_id, draft.city, draft.location_label) == (3, "Kota Jakarta Pusat", place.display)
    draft.choose_place(Location(1, "A", "B", "C", "A, B, C"), "10110")
    assert draft.courier_service_id is None and draft.location_id == 1
    draft.courier_service_id = 4
    draft.choose_place(None, "")
    assert draft.courier_service_id is None and draft.location_id is None and draft.province == ""
