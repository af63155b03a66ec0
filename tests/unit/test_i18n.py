import re
from pathlib import Path

import pytest

from storefront.i18n import MESSAGES, Translator

ROOT = Path(__file__).resolve().parents[2]


def test_both_locales_have_the_same_keys_and_placeholders():
    ids, ens = MESSAGES["id"], MESSAGES["en"]
    assert ids.keys() == ens.keys()
    for key in ids:
        assert re.findall(r"{(\w+)}", ids[key]) == re.findall(r"{(\w+)}", ens[key]), key


def test_indonesian_is_the_default_and_unknown_locales_fall_back_to_it():
    assert Translator()("nav.cart") == "Keranjang"
    assert Translator("fr")("nav.cart") == "Keranjang"
    assert Translator("en")("catalog.count", count=3) == "3 products"


def test_a_missing_key_is_an_error_not_a_blank():
    with pytest.raises(KeyError):
        Translator()("no.such.key")


def test_every_key_used_by_templates_and_views_exists():
    used = set()
    for path in [*ROOT.joinpath("templates").rglob("*.html"), *ROOT.joinpath("storefront").rglob("*.py")]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_.]+)["']""", path.read_text()))
    assert used, "no message keys found: the scan is broken"
    assert used <= MESSAGES["id"].keys(), sorted(used - MESSAGES["id"].keys())
