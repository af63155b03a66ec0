"""Checkout shared by guests and signed-in customers: where the items come from, where they
go, what they cost, and the order that results."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from .errors import bad_request
from .ids import human_id
from .pricing import Line, Totals, check_stock, compute_totals, merge_lines, require_method, resolve_lines
from .requests import field_error, optional_str, parse_items, validation_failed

if TYPE_CHECKING:
    from .state import SandboxState

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
PHONE = re.compile(r"^\+?[0-9]{8,15}$")


def selected_courier(body: dict[str, Any]) -> tuple[Any, Any]:
    """``courier_service_id``/``warehouse_unique_id`` flat, or in one of the two option spellings."""
    for key in ("selected_shipping_option", "shipping_option"):
        option = body.get(key)
        if isinstance(option, dict) and option.get("courier_service_id") is not None:
            return option.get("courier_service_id"), option.get("warehouse_unique_id")
    return body.get("courier_service_id"), body.get("warehouse_unique_id")


def lines_from(state: SandboxState, body: dict[str, Any], cart: dict[str, Any] | None) -> tuple[list[Line], bool]:
    """Direct ``items`` win; otherwise the cart. Returns the lines and whether the cart was used."""
    items = parse_items(body.get("items"))
    used_cart = False
    if items is None:
        if cart is None or not cart["items"]:
            raise validation_failed([field_error("items", "no items: send items or add them to the cart", "required")])
        items, used_cart = state.carts.items_of(cart), True
    return merge_lines(resolve_lines(state.catalog, items)), used_cart


def location_from(state: SandboxState, location_id: Any, postal_code: Any, field: str) -> dict[str, Any] | None:
    if location_id in (None, ""):
        return None
    location = state.locations.get(location_id)
    if location is None:
        raise validation_failed([field_error(field, "unknown location", "not_found")])
    if postal_code not in (None, "") and postal_code not in location["_postal_codes"]:
        raise validation_failed(
            [field_error("postal_code", f"{postal_code} is not a postal code of {location['display']}")]
        )
    return location


def destination_of(body: dict[str, Any]) -> tuple[Any, Any]:
    destination = body.get("destination")
    if destination is None:
        return None, None
    if not isinstance(destination, dict) or "location_id" not in destination or "postal_code" not in destination:
        raise validation_failed([field_error("destination", "needs location_id and postal_code", "required")])
    extra = set(destination) - {"location_id", "postal_code"}
    if extra:
        raise validation_failed([field_error("destination", f"unexpected keys: {', '.join(sorted(extra))}")])
    return destination["location_id"], destination["postal_code"]


def totals_for(
    state: SandboxState,
    lines: list[Line],
    location: dict[str, Any] | None,
    body: dict[str, Any],
    *,
    location_field: str | None,
    method_required: bool,
) -> tuple[Totals, str | None]:
    store = state.seed.store
    raw_method = body.get("payment_method")
    method = (
        require_method(store.get("payment_methods", []), raw_method, store=store)
        if method_required or raw_method not in (None, "")
        else None
    )
    courier, warehouse = selected_courier(body)
    code = optional_str(body, "discount_code_code")
    totals = compute_totals(
        store,
        state.seed.section("couriers"),
        state.seed.section("discount_codes"),
        state.discount_usage(),
        lines,
        location,
        courier,
        warehouse,
        method,
        code,
        location_field=location_field,
    )
    return totals, method


def buyer_from(body: dict[str, Any]) -> dict[str, Any]:
    errors = []
    name = body.get("customer_name")
    email = body.get("customer_email")
    phone = body.get("customer_phone")
    if not isinstance(name, str) or not name.strip():
        errors.append(field_error("customer_name", "is required", "required"))
    elif len(name) > 200:
        errors.append(field_error("customer_name", "must be at most 200 characters", "too_long"))
    if not isinstance(email, str) or not email.strip():
        errors.append(field_error("customer_email", "is required", "required"))
    elif len(email) > 254 or not EMAIL.match(email.strip()):
        errors.append(field_error("customer_email", "is not a valid email address", "format"))
    if phone not in (None, ""):
        if not isinstance(phone, str) or not PHONE.match(phone.replace(" ", "").replace("-", "")):
            errors.append(field_error("customer_phone", "is not a valid phone number", "format"))
    if errors:
        raise validation_failed(errors)
    assert isinstance(name, str) and isinstance(email, str)
    return {"name": name.strip(), "email": email.strip(), "phone": (phone or None)}


def destination_doc(location: dict[str, Any] | None, postal_code: Any, address: Any) -> dict[str, Any] | None:
    if location is None:
        return None
    return {
        "location_id": location["id"],
        "subdistrict": location["subdistrict_name"],
        "city": location["city_name"],
        "province": location["province_name"],
        "postal_code": postal_code,
        "address": address,
    }


def place_order(
    state: SandboxState,
    *,
    lines: list[Line],
    totals: Totals,
    method: str,
    buyer: dict[str, Any],
    location: dict[str, Any] | None,
    postal_code: Any,
    address: Any,
    notes: Any,
    customer_id: int | None,
    origin: str | None,
    client: str,
) -> tuple[dict[str, Any], bool]:
    """Creates the order, or returns the one just created for the same buyer, items and method."""
    if method == "cod" and not any(l.physical for l in lines):
        raise bad_request("Cash on delivery needs at least one physical item", "cod_not_available")
    if method == "cod" and totals.shipping and not totals.shipping.get("is_cod"):
        raise validation_failed([field_error("courier_service_id", "this courier does not collect cash on delivery")])
    if location is not None and totals.shipping is not None and postal_code in (None, ""):
        raise validation_failed([field_error("postal_code", "is required for delivery", "required")])
    fingerprint = state.orders.fingerprint(client, buyer["email"], lines, method)
    duplicate = state.orders.recent_duplicate(fingerprint)
    if duplicate is not None:
        return duplicate, True
    check_stock(state.catalog, lines)
    order = state.orders.create(
        lines=lines,
        totals=totals,
        method=method,
        buyer=buyer,
        destination=destination_doc(location, postal_code, address),
        notes=notes,
        customer_id=customer_id,
        origin=origin if origin in state.allowed_origins else None,
        fingerprint=fingerprint,
    )
    return order, False


def seed_purchases(state: SandboxState) -> None:
    """What the seed says a customer owns was bought once: a paid bank-transfer order per
    variant, placed at the customer's sign-up, so their order history shows it as a store's
    would (and shops that list courses from orders find them)."""
    store = state.seed.store
    for person in state.seed.section("customers"):
        for variant_id in person.get("owns_variants") or ():
            lines = resolve_lines(state.catalog, [("variant", variant_id, 1)])
            totals = compute_totals(
                store, [], [], {}, lines, None, None, None, "bank_transfer", None, location_field=None
            )
            buyer = {"name": person["name"], "email": person["email"], "phone": person.get("phone")}
            order = state.orders.create(
                lines=lines,
                totals=totals,
                method="bank_transfer",
                buyer=buyer,
                destination=None,
                notes=None,
                customer_id=person["id"],
                origin=None,
                fingerprint=f"seed:{person['id']}:{variant_id}",
            )
            state.orders.mark_paid(backdate(order, person["created_at"]))


def backdate(order: dict[str, Any], moment: str) -> dict[str, Any]:
    """The order as if placed at ``moment`` (an ISO time): its number and every time in it."""
    when = dt.datetime.fromisoformat(moment.replace("Z", "+00:00"))
    order["order_id"] = human_id(when)
    for key in ("created_at", "draft_time", "pending_time", "last_updated_at"):
        order[key] = moment
    order["payment_expiration_at"] = None
    order["status_history"] = [{"status": "pending", "timestamp": moment}]
    return order
