"""Pure shop logic: the variant picker, the checkout form, payment instructions."""

from __future__ import annotations

from decimal import Decimal

from storefront.api.models import Order, Variant
from storefront.checkout_form import CheckoutDraft, api_field_errors, normalise_phone, validate
from storefront.i18n import Translator
from storefront.payment import instructions, needs_payment_call
from storefront.variants import choose, first_available_choice, option_groups, selected_variant


def variant(vid: int, *options: str | None) -> Variant:
    padded = (list(options) + [None, None, None])[:3]
    return Variant(vid, None, None, None, Decimal(1000), (), "physical", tuple(padded))  # type: ignore[arg-type]


SHIRTS = [variant(1, "S", "Hitam"), variant(2, "S", "Putih"), variant(3, "M", "Hitam"), variant(4, "XL", "Hitam")]
STOCK = {1: True, 2: False, 3: True, 4: True}


def values(groups, index):
    return {v.value: (v.possible, v.in_stock) for v in groups[index].values}


def test_impossible_combinations_are_not_offered():
    groups = option_groups(["Ukuran", "Warna", None], SHIRTS, ("XL", None, None), STOCK)
    assert [g.name for g in groups] == ["Ukuran", "Warna"]
    assert values(groups, 1) == {"Hitam": (True, True), "Putih": (False, False)}
    groups = option_groups(["Ukuran", "Warna", None], SHIRTS, ("S", None, None), STOCK)
    assert values(groups, 1)["Putih"] == (True, False)  # exists, but sold out
    assert values(groups, 0) == {"S": (True, True), "M": (True, True), "XL": (True, True)}


def test_a_full_choice_names_one_variant_and_a_partial_one_none():
    assert selected_variant(SHIRTS, ("M", "Hitam", None), 2).id == 3
    assert selected_variant(SHIRTS, ("M", None, None), 2) is None
    assert selected_variant(SHIRTS, ("M", "Putih", None), 2) is None
    single = [variant(9)]
    assert selected_variant(single, (None, None, None), 0).id == 9


def test_choosing_a_value_clears_what_no_longer_combines():
    assert choose(("S", "Putih", None), 0, "XL", SHIRTS) == ("XL", None, None)
    assert choose(("S", "Hitam", None), 0, "M", SHIRTS) == ("M", "Hitam", None)


def test_the_starting_choice_is_the_first_variant_in_stock():
    assert first_available_choice([variant(2, "S", "Putih"), variant(3, "M", "Hitam")], STOCK, 2) == (
        "M",
        "Hitam",
        None,
    )
    assert first_available_choice([variant(9)], {}, 0) == (None, None, None)


def test_checkout_validation_per_field_in_the_shoppers_language():
    t = Translator("id")
    errors = validate(CheckoutDraft(email="bukan-email", phone="123"), t, needs_shipping=True)
    assert set(errors) == {"name", "email", "phone", "location", "postal_code", "address", "courier", "payment_method"}
    assert errors["email"] == "Format email tidak valid."
    ok = CheckoutDraft(name="Budi", email="budi@example.com", phone="0812-3456-7890", payment_method="qris")
    assert validate(ok, Translator("en"), needs_shipping=False) == {}
    assert normalise_phone("+62 812-3456-7890") == "6281234567890"
    assert normalise_phone("081234567890") == "6281234567890"


def test_a_draft_survives_a_round_trip_and_bad_storage():
    draft = CheckoutDraft(name="Siti", location_id=9089, postal_code="10510")
    assert CheckoutDraft.from_json(draft.to_json()) == draft
    assert CheckoutDraft.from_json("{not json") == CheckoutDraft()
    assert CheckoutDraft.from_json('{"name": "A", "unknown": 1}').name == "A"


def test_api_field_errors_land_on_form_fields_in_the_shoppers_words():
    from storefront.api import ApiError

    error = ApiError(
        400,
        {
            "error": "Validation failed",
            "errors": [
                {"field": "customer_email", "code": "format", "message": "is invalid"},
                {"field": "items[0].quantity", "code": "out_of_stock", "message": "variant 1: only 2 left"},
                {"field": "shipping_postal_code", "message": "wrong"},
            ],
        },
    )
    t = Translator("id")
    mapped = api_field_errors(error, t)
    assert mapped == {
        "email": t("checkout.error.invalid"),
        "form": t("api.out_of_stock"),
        "postal_code": t("checkout.error.invalid"),
    }
    assert not any("invalid" in text or "wrong" in text for text in mapped.values())  # never Scalev's own words


def order(method: str, info: dict, paid: bool = False) -> Order:
    return Order.parse(
        {
            "id": "u",
            "secret_slug": "s",
            "order_id": "260101ABCDEF",
            "status": "pending",
            "payment_status": "paid" if paid else "unpaid",
            "payment_method": method,
            "gross_revenue": "100000.00",
            "product_price": "100000.00",
            "shipping_cost": "0",
            "pg_payment_info": info,
            "orderlines": [],
            "redirect_url": "https://pay.example/link",
            "store": {
                "payment_accounts": [
                    {
                        "id": 1,
                        "account_holder": "A",
                        "account_number": "123",
                        "method": "bank_transfer",
                        "financial_entity": {"id": 12, "code": "bni", "name": "BNI"},
                    }
                ]
            },
        }
    )


def test_each_payment_family_is_recognised():
    assert instructions(order("bank_transfer", {})).accounts[0].account_number == "123"
    assert instructions(order("cod", {})).family == "cod"
    va = instructions(
        order(
            "va_bca",
            {
                "payment_method": {
                    "virtual_account": {
                        "channel_properties": {"virtual_account_number": "8808123", "customer_name": "Budi"}
                    }
                }
            },
        )
    )
    assert (va.family, va.number, va.bank, va.holder) == ("virtual_account", "8808123", "BCA", "Budi")
    assert instructions(order("va_bri", {"va_number": "999", "va_name": "X"})).number == "999"  # SingaPay
    assert instructions(order("qris", {"qr_string": "000201"})).qr_string == "000201"
    nested = instructions(order("qris", {"payment_method": {"qr_code": {"channel_properties": {"qr_string": "0002"}}}}))
    assert nested.qr_string == "0002"
    wallet = {
        "actions": [
            {"url_type": "WEB", "url": "https://w"},
            {"url_type": "DEEPLINK", "url": "gojek://x"},
            {"url_type": "MOBILE", "url": "https://m"},
        ]
    }
    assert instructions(order("gopay", wallet)).url == "https://m"
    assert instructions(order("gopay", wallet), mobile=True).url == "https://w"
    assert instructions(order("gopay", wallet)).deeplink == "gojek://x"
    assert instructions(order("card", {"redirect_url": "https://c"})).url == "https://c"
    assert instructions(order("invoice", {"invoice_url": "https://i"})).url == "https://i"
    assert instructions(order("payment_link", {})).url == "https://pay.example/link"
    retail = instructions(
        order("alfamart", {"payment_method": {"over_the_counter": {"channel_properties": {"payment_code": "TOKO1"}}}})
    )
    assert (retail.family, retail.number) == ("retail", "TOKO1")
    assert instructions(order("ovo", {"status": "PENDING"})).family == "ovo"
    assert instructions(order("qris", {}, paid=True)).family == "paid"


def test_missing_e_payment_data_asks_for_the_payment_call():
    assert instructions(order("qris", {})).family == "pending" and needs_payment_call(order("qris", {}))
    assert not needs_payment_call(order("bank_transfer", {})) and not needs_payment_call(order("cod", {}))
    assert not needs_payment_call(order("qris", {}, paid=True))


def test_a_transfer_proof_is_refused_before_upload_as_scalev_would():
    from storefront.payment import proof_problem

    ten_mb = 10 * 1024 * 1024
    assert proof_problem("image/png", ten_mb) is None
    assert proof_problem("image/jpeg", ten_mb + 1) == "order.proof_too_big"
    assert proof_problem("image/webp", 1) is None
    assert proof_problem("image/png", 0) == "order.proof_empty"
    assert proof_problem("image/gif", 10) == "order.proof_bad_type"
    assert proof_problem("application/pdf", 10) == "order.proof_bad_type"
