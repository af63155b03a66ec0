from decimal import Decimal

import pytest

from storefront.money import format_idr, format_idr_range, parse_money


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("150000.00", "Rp150.000"),
        (0, "Rp0"),
        ("999", "Rp999"),
        ("1000", "Rp1.000"),
        ("1234567.5", "Rp1.234.567,50"),
        ("168724.00", "Rp168.724"),
        ("-10000", "-Rp10.000"),
        (Decimal("0.05"), "Rp0,05"),
    ],
)
def test_rupiah_is_written_the_indonesian_way(amount, text):
    assert format_idr(amount) == text


def test_money_values_parse_from_strings_and_numbers_without_floats():
    assert parse_money("125000.00") == Decimal("125000.00")
    assert parse_money(12000) == Decimal(12000)
    assert parse_money(None) is None
    assert parse_money("") is None
    with pytest.raises(ValueError):
        parse_money("lots")
    with pytest.raises(ValueError):
        parse_money(True)


def test_price_range_collapses_when_both_ends_agree():
    assert format_idr_range(Decimal(89000), Decimal(99000)) == "Rp89.000 – Rp99.000"
    assert format_idr_range(Decimal(79000), Decimal(79000)) == "Rp79.000"
    assert format_idr_range(None, Decimal(5000)) == "Rp5.000"
    assert format_idr_range(None, None) == ""
