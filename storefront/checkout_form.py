"""The guest checkout form as data: what the shopper typed, checked before anything is sent,
and kept as a draft so a reload, a failed request or a trip back to the cart loses nothing."""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

from .api.errors import ApiError
from .api.models import Location
from .i18n import Translator

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
PHONE_DIGITS = re.compile(r"^(\+?62|0)8[0-9]{7,12}$", re.ASCII)
DRAFT_KEY = "storefront_checkout_draft"

#: API field names (as Scalev's field errors name them) → the form's own field names.
API_FIELDS = {
    "customer_name": "name",
    "customer_email": "email",
    "customer_phone": "phone",
    "shipping_address": "address",
    "shipping_location_id": "location",
    "location_id": "location",
    "shipping_postal_code": "postal_code",
    "postal_code": "postal_code",
    "courier_service_id": "courier",
    "payment_method": "payment_method",
    "discount_code_code": "discount_code",
    "notes": "notes",
}


@dataclasses.dataclass
class CheckoutDraft:
    name: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    location_id: int | None = None
    location_label: str = ""
    province: str = ""
    city: str = ""
    subdistrict: str = ""
    postal_code: str = ""
    courier_service_id: int | None = None
    warehouse_unique_id: str | None = None
    payment_method: str = ""
    discount_code: str = ""  # the code applied (the store's summary takes it)
    discount_input: str = ""  # what is typed in the code box, applied or not
    notes: str = ""
    #: Signed in: the saved address chosen (None: a new one, typed here).
    address_id: int | None = None

    def choose_place(self, location: Location | None, postal_code: str) -> None:
        """A new delivery place: the courier chosen for another one no longer holds."""
        if location is None or location.id != self.location_id or not postal_code:
            self.courier_service_id = self.warehouse_unique_id = None
        self.location_id = location.id if location else None
        self.location_label = location.display if location else ""
        self.province, self.city = (location.province_name, location.city_name) if location else ("", "")
        self.subdistrict = location.subdistrict_name if location else ""
        self.postal_code = postal_code

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | None) -> CheckoutDraft:
        """The stored draft; what is not a draft's (an older shop's fields, a hand-edited or
        damaged value) is left out rather than trusted."""
        if not text:
            return cls()
        try:
            data = json.loads(text)
        except ValueError:
            return cls()
        if not isinstance(data, dict):
            return cls()
        return cls(
            **{f.name: data[f.name] for f in dataclasses.fields(cls) if f.name in data and _fits(f, data[f.name])}
        )


def _fits(field: dataclasses.Field[Any], value: Any) -> bool:
    """Whether a stored value has the field's type (``str``, or ``int | None``)."""
    if field.type in ("str", str):
        return isinstance(value, str)
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**63)


def normalise_phone(phone: str) -> str:
    """Indonesian mobile numbers as Scalev's examples write them: ``628…``."""
    digits = re.sub(r"[\s\-().]", "", phone)
    if digits.startswith("+"):
        digits = digits[1:]
    if digits.startswith("08"):
        digits = "62" + digits[1:]
    return digits


def valid_email(email: str) -> bool:
    return bool(EMAIL.match(email.strip()))


def valid_phone(phone: str) -> bool:
    """An Indonesian mobile number, written with or without spaces, dashes and ``+62``."""
    return bool(PHONE_DIGITS.match(re.sub(r"[\s\-().]", "", phone)))


def validate(draft: CheckoutDraft, t: Translator, *, needs_shipping: bool, account: bool = False) -> dict[str, str]:
    """Field → message for everything the shopper must fix before the order is sent. Signed in
    (``account``), the buyer is the account and a saved address may stand for a typed one."""
    errors: dict[str, str] = {} if account else _buyer_errors(draft, t)
    if needs_shipping:
        if not (account and draft.address_id):
            errors.update(_place_errors(draft, t))
        if not draft.courier_service_id:
            errors["courier"] = t("checkout.error.courier")
    if not draft.payment_method:
        errors["payment_method"] = t("checkout.error.payment_method")
    return errors


def _place_errors(draft: CheckoutDraft, t: Translator) -> dict[str, str]:
    errors = {}
    if not draft.location_id:
        errors["location"] = t("checkout.error.location")
    if not draft.postal_code:
        errors["postal_code"] = t("checkout.error.postal_code")
    if not draft.address.strip():
        errors["address"] = t("checkout.error.address")
    return errors


def _buyer_errors(draft: CheckoutDraft, t: Translator) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not draft.name.strip():
        errors["name"] = t("checkout.error.name")
    elif len(draft.name) > 200:
        errors["name"] = t("checkout.error.too_long", max=200)
    if not draft.email.strip():
        errors["email"] = t("checkout.error.email_required")
    elif not valid_email(draft.email):
        errors["email"] = t("checkout.error.email")
    if draft.phone.strip() and not valid_phone(draft.phone):
        errors["phone"] = t("checkout.error.phone")
    return errors


def api_field_errors(error: ApiError, t: Translator) -> dict[str, str]:
    """Scalev's per-field errors, keyed by the form's fields (unknown fields go to ``form``),
    each in the shopper's words: the message its code has in the catalog, else a plain one
    (Scalev's own texts are English and for developers)."""
    mapped: dict[str, str] = {}
    for field in dict.fromkeys([*error.field_errors, *error.field_codes]):
        key = API_FIELDS.get(field.split("[")[0].split(".")[0], "form")
        known = [t(f"api.{code}") for code in error.field_codes.get(field, []) if t.has(f"api.{code}")]
        mapped[key] = known[0] if known else t("checkout.error.invalid")
    return mapped


def draft_payload(draft: CheckoutDraft) -> dict[str, Any]:
    return dataclasses.asdict(draft)
