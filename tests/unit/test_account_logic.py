"""The account's logic without a browser: form rules, the resend cool-down, the customer
session (identity, sign-in branches, sign-out, expiry, other tabs, default address), stored
values written by hand, and which courses orders give."""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal

import pytest

from storefront.account_forms import (
    AddressDraft,
    Cooldown,
    address_lines,
    code_errors,
    new_password_errors,
    profile_errors,
    sign_in_errors,
)
from storefront.api import HttpRequest, HttpResponse, SessionExpired, StorefrontClient
from storefront.api.models import Address, ItemCard, Location, Order, PriceRange, ProductDetail, Variant
from storefront.api.storage import MemoryStorage
from storefront.config import SiteConfig
from storefront.courses import course_cards, course_variant, owned_courses, owned_variant_ids
from storefront.customer_session import CustomerSession, Identity
from storefront.i18n import Translator
from storefront.stored import read_json

ID = Translator("id")
TOKENS = {"access": "a1", "refresh": "r1", "token_type": "Bearer", "expires_in": 900, "refresh_expires_in": 99}
PROFILE = {
    "customer": {"id": 7, "email": "siti@example.com", "name": "Siti", "is_unsubscribe": False},
    "store": {},
    "is_generated_password_reset": False,
}


def test_sign_in_and_code_rules():
    assert set(sign_in_errors("", "", ID)) == {"email", "password"}
    assert set(sign_in_errors("siti@", "x", ID)) == {"email"}
    assert sign_in_errors("siti@example.com", "x", ID) == {}
    assert code_errors(" 123456 ", ID) == {}
    for bad in ("12345", "1234567", "12a456", "١٢٣٤٥٦", "１２３４５６"):  # Arabic-Indic and full-width digits too
        assert code_errors(bad, ID) == {"code": ID("signin.error.code")}


def test_a_new_password_needs_its_length_and_the_same_confirmation():
    assert set(new_password_errors("pendek", "pendek", ID)) == {"password"}
    assert set(new_password_errors("cukup-panjang", "cukup-panjan", ID)) == {"confirm"}
    assert new_password_errors("cukup-panjang", "cukup-panjang", ID) == {}
    assert "8" in new_password_errors("x", "x", ID)["password"]


def test_profile_and_address_rules_and_body():
    assert set(profile_errors(" ", "123", ID)) == {"name", "phone"}
    draft = AddressDraft(name="Rumah", phone="0812-3456-7890")
    assert set(draft.errors(ID)) == {"location", "postal_code", "address"}
    draft.location = Location(9089, "Cempaka Putih", "Kota Jakarta Pusat", "DKI Jakarta", "Cempaka Putih, …")
    draft.postal_code, draft.address = "10510", " Jl. Cempaka No. 1 "
    assert draft.errors(ID) == {}
    assert draft.to_json() == {
        "name": "Rumah",
        "phone": "6281234567890",
        "location_id": 9089,
        "postal_code": "10510",
        "address": "Jl. Cempaka No. 1",
        "notes": None,
    }
    saved = Address(
        5,
        "Rumah",
        "628123",
        None,
        {
            "id": 9089,
            "subdistrict_name": "Cempaka Putih",
            "city_name": "Kota Jakarta Pusat",
            "province_name": "DKI Jakarta",
        },
        "Jl. A 1",
        "10510",
        "Pagar hijau",
    )
    again = AddressDraft.of(saved)
    assert again.location is not None and again.location.id == 9089 and again.postal_code == "10510"
    assert address_lines(saved) == [
        "Rumah · 628123",
        "Jl. A 1, Cempaka Putih, Kota Jakarta Pusat, DKI Jakarta, 10510",
        "Pagar hijau",
    ]


def test_another_code_waits_for_the_cool_down():
    cooldown = Cooldown(60)
    assert cooldown.left(1000.0) == 0
    cooldown.start(1000.0)
    assert cooldown.left(1000.5) == 60 and cooldown.left(1059.2) == 1 and cooldown.left(1060.0) == 0


# -- the customer session ---------------------------------------------------------------------


class Api:
    def __init__(self, otp: bool = False, refresh_status: int = 200) -> None:
        self.otp, self.refresh_status = otp, refresh_status
        self.paths: list[str] = []

    async def __call__(self, request: HttpRequest) -> HttpResponse:
        await asyncio.sleep(0)
        path = request.url.split("/store_x", 1)[1]
        self.paths.append(f"{request.method} {path}")
        if path == "/public/auth/login":
            return answer(
                {"message": "If this email exists in our system, an OTP has been sent to it."} if self.otp else TOKENS
            )
        if path in ("/public/auth/otp/verify",):
            return answer(TOKENS)
        if path == "/public/auth/jwt/refresh":
            return answer(TOKENS if self.refresh_status == 200 else {"error": "revoked"}, self.refresh_status)
        if path == "/customers/me":
            return answer(PROFILE)
        return answer(None, 204)


def answer(body: object, status: int = 200) -> HttpResponse:
    return HttpResponse(status, {}, "" if body is None else json.dumps(body))


def session(api: Api, storage: MemoryStorage | None = None) -> tuple[CustomerSession, list, list]:
    storage = storage or MemoryStorage()
    client = StorefrontClient(SiteConfig("https://api.test", "store_x", "sfpk_x"), api, storage=storage)
    customer = CustomerSession(client, storage)
    changes: list = []
    ends: list = []
    customer.changed.connect(changes.append)
    customer.ended.connect(ends.append)
    return customer, changes, ends


@pytest.mark.anyio
async def test_password_sign_in_remembers_who_and_publishes_it():
    customer, changes, _ = session(Api())
    identity = await customer.sign_in(" siti@example.com ", "pw")
    assert identity == Identity(7, "Siti", "siti@example.com") == customer.identity
    assert changes == [identity]
    await customer.sign_out()
    assert customer.identity is None and changes[-1] is None and not customer.signed_in


@pytest.mark.anyio
async def test_the_otp_branch_asks_for_a_code_and_signs_in_with_it():
    api = Api(otp=True)
    customer, changes, _ = session(api)
    challenge = await customer.sign_in("andi@example.com", "pw")
    assert not isinstance(challenge, Identity) and changes == [] and not customer.signed_in
    identity = await customer.verify("andi@example.com", " 123456 ")
    assert identity.email == "siti@example.com" and changes == [identity]
    assert "POST /public/auth/otp/verify" in api.paths


@pytest.mark.anyio
async def test_a_refused_refresh_ends_the_session_once_and_keeps_the_guest_cart():
    storage = MemoryStorage()
    customer, changes, ends = session(Api(refresh_status=401), storage)
    await customer.sign_in("siti@example.com", "pw")
    customer.client.session.adopt_guest_token("guest-1")
    storage.set("scalev_customer_token_expires_at", "0")  # the access token is long dead
    with pytest.raises(SessionExpired):
        await customer.client.get_profile()
    assert ends == [None] and changes[-1] is None and customer.identity is None
    assert customer.client.session.guest_token == "guest-1"


def test_a_sign_in_in_another_tab_is_published_here():
    storage = MemoryStorage()
    customer, changes, _ = session(Api(), storage)
    storage.set("scalev_customer_refresh_token", "r-other")
    storage.set("storefront_customer", json.dumps({"customer_id": 7, "name": "Siti", "email": "s@e.id"}))
    customer.storage_changed("storefront_customer")
    customer.storage_changed("storefront_locale")  # not about the session: nothing published
    assert changes == [Identity(7, "Siti", "s@e.id")]


@pytest.mark.anyio
async def test_a_name_learned_here_is_published_for_the_header():
    """Signed in from another tab before the name was kept: this tab reads the profile. The
    other tab may then write the very same name, which raises no storage event here."""
    storage = MemoryStorage()
    customer, changes, _ = session(Api(), storage)
    storage.set("scalev_customer_refresh_token", "r-other")
    storage.set("scalev_customer_token", "a-other")
    storage.set("scalev_customer_token_expires_at", "99999999999")
    named: list = []
    customer.named.connect(named.append)
    identity = await customer.load_identity()
    assert named == [identity] == [Identity(7, "Siti", "siti@example.com")] and changes == []


@pytest.mark.anyio
async def test_the_default_address_is_kept_per_customer():
    storage = MemoryStorage()
    customer, _, _ = session(Api(), storage)
    assert customer.default_address() is None
    await customer.sign_in("siti@example.com", "pw")
    customer.set_default_address(7101)
    assert customer.default_address() == 7101
    customer.set_default_address(None)
    assert customer.default_address() is None


def test_stored_values_of_the_wrong_shape_are_discarded_and_reported():
    class Reporting(MemoryStorage):
        def __init__(self) -> None:
            super().__init__()
            self.reports: list[tuple[str, str]] = []

        def discarded(self, key: str, reason: str) -> None:
            self.reports.append((key, reason))

    storage = Reporting()
    storage.set("a", "{broken")
    storage.set("b", "[1, 2]")
    storage.set("c", '{"ok": 1}')
    assert read_json(storage, "a") is None and read_json(storage, "b") is None and read_json(storage, "c") == {"ok": 1}
    assert storage.reports == [("a", "not JSON"), ("b", "not a dict")]
    assert storage.get("a") is None and storage.get("b") is None
    storage.set("storefront_customer", '{"customer_id": "x"}')
    customer, _, _ = session(Api(), storage)
    assert customer.identity is None  # signed out: not even read


# -- courses ----------------------------------------------------------------------------------


def test_owned_courses_come_from_paid_orders_and_course_products():
    def order(paid: bool, lines: list[dict]) -> Order:
        return Order.parse(
            {
                "id": "1",
                "secret_slug": "s",
                "order_id": "O",
                "status": "confirmed",
                "payment_status": "paid" if paid else "unpaid",
                "payment_method": "qris",
                "orderlines": lines,
            }
        )

    orders = [
        order(
            True,
            [
                {"quantity": 1, "variant": 11, "is_lms_enabled": True},
                {"quantity": 1, "variant": 12, "is_lms_enabled": False},
            ],
        ),
        order(False, [{"quantity": 1, "variant": 13, "is_lms_enabled": True}]),
    ]
    assert owned_variant_ids(orders) == {11}

    def detail(slug: str, item_type: str, variant_id: int) -> ProductDetail:
        card = ItemCard(
            "product", variant_id, slug, slug.title(), None, (), True, PriceRange(None, None), None, item_type
        )
        variant = Variant(variant_id, None, f"uuid-{variant_id}", None, Decimal(1), (), item_type, (None, None, None))
        return ProductDetail(card, None, (None, None, None), (variant,))

    details = [detail("kelas-a", "course", 11), detail("kelas-b", "course", 13)]
    assert [c.slug for c in owned_courses(details, {11})] == ["kelas-a"]
    assert course_variant(details[0]).uuid == "uuid-11"
    assert [c.slug for c in course_cards([d.card for d in details] + [detail("kaos", "physical", 1).card])] == [
        "kelas-a",
        "kelas-b",
    ]
