"""The account's forms as data: sign-in, the emailed code, a new password, the profile and an
address. Each is checked before anything is sent, with messages in the shopper's language, and
the rules a shopper must meet (a password's length) are stated before they submit."""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Sequence
from typing import Any

from .api.models import Address, Location
from .checkout_form import normalise_phone, valid_email, valid_phone
from .i18n import Translator

#: Scalev's reset accepts shorter passwords; the shop asks for this many (stated on the form).
PASSWORD_MIN = 8
#: Scalev's codes are six digits (ASCII: a code typed with other digits is not one).
CODE = re.compile(r"^[0-9]{6}$", re.ASCII)
#: How long the shopper waits before asking for another code (a new sign-in sends one).
RESEND_SECONDS = 60


def sign_in_errors(email: str, password: str, t: Translator) -> dict[str, str]:
    errors = {}
    if not email.strip():
        errors["email"] = t("checkout.error.email_required")
    elif not valid_email(email):
        errors["email"] = t("checkout.error.email")
    if not password:
        errors["password"] = t("signin.error.password")
    return errors


def email_errors(email: str, t: Translator) -> dict[str, str]:
    return {k: v for k, v in sign_in_errors(email, "-", t).items() if k == "email"}


def code_errors(code: str, t: Translator) -> dict[str, str]:
    return {} if CODE.match(code.strip()) else {"code": t("signin.error.code")}


def new_password_errors(password: str, confirm: str, t: Translator) -> dict[str, str]:
    errors = {}
    if len(password) < PASSWORD_MIN:
        errors["password"] = t("reset.error.short", count=PASSWORD_MIN)
    if confirm != password:
        errors["confirm"] = t("reset.error.confirm")
    return errors


def profile_errors(name: str, phone: str, t: Translator) -> dict[str, str]:
    errors = {}
    if not name.strip():
        errors["name"] = t("checkout.error.name")
    elif len(name) > 200:
        errors["name"] = t("checkout.error.too_long", max=200)
    if phone.strip() and not valid_phone(phone):
        errors["phone"] = t("checkout.error.phone")
    return errors


@dataclasses.dataclass
class AddressDraft:
    """An address as the shopper types it in the address book (kept while they type)."""

    name: str = ""
    phone: str = ""
    address: str = ""
    notes: str = ""
    location: Location | None = None
    postal_code: str = ""

    @classmethod
    def of(cls, address: Address) -> AddressDraft:
        place = address.location or {}
        location = (
            Location(
                int(place["id"]),
                place.get("subdistrict_name") or "",
                place.get("city_name") or "",
                place.get("province_name") or "",
                address_place(address),
            )
            if place.get("id")
            else None
        )
        return cls(
            address.name or "",
            address.phone or "",
            address.address or "",
            address.notes or "",
            location,
            address.postal_code or "",
        )

    def errors(self, t: Translator) -> dict[str, str]:
        errors = {k: v for k, v in profile_errors(self.name, self.phone, t).items()}
        if self.location is None:
            errors["location"] = t("checkout.error.location")
        if not self.postal_code:
            errors["postal_code"] = t("checkout.error.postal_code")
        if not self.address.strip():
            errors["address"] = t("checkout.error.address")
        return errors

    def to_json(self) -> dict[str, Any]:
        """The body of ``POST``/``PATCH /customers/me/addresses``."""
        return {
            "name": self.name.strip(),
            "phone": normalise_phone(self.phone) if self.phone.strip() else None,
            "location_id": self.location.id if self.location else None,
            "postal_code": self.postal_code,
            "address": self.address.strip(),
            "notes": self.notes.strip() or None,
        }


def address_place(address: Address) -> str:
    """``Cempaka Putih, Kota Jakarta Pusat, DKI Jakarta`` for a saved address."""
    place = address.location or {}
    parts = (place.get("subdistrict_name"), place.get("city_name"), place.get("province_name"))
    return ", ".join(part for part in parts if part)


def address_lines(address: Address) -> list[str]:
    """What an address card shows: who, where, and the postal code."""
    who = " · ".join(part for part in (address.name, address.phone) if part)
    where = ", ".join(part for part in (address.address, address_place(address), address.postal_code) if part)
    return [line for line in (who, where, address.notes or "") if line]


def default_address_id(addresses: Sequence[Address], chosen: int | None) -> int | None:
    """The address checkout picks first: the one the customer made default while it still
    exists, else their first saved address."""
    ids = [address.id for address in addresses]
    if chosen in ids:
        return chosen
    return ids[0] if ids else None


class Cooldown:
    """When the shopper may ask for another code: not before ``RESEND_SECONDS`` have passed."""

    def __init__(self, seconds: int = RESEND_SECONDS) -> None:
        self.seconds = seconds
        self.until = 0.0

    def start(self, now: float) -> None:
        self.until = now + self.seconds

    def left(self, now: float) -> int:
        return max(0, math.ceil(self.until - now))
