"""One view per route name; each clones its template, then fills it from the API.

A view's module is imported when its route is first shown, so a start imports only the
first view's (a fresh start from bytecode saves the others' imports); the start-up snapshot
made at build time imports them all (``import_all``), so a restored start has every one.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from .base import View

#: Route name → (module in this package, a view class or a function choosing one: checkout
#: differs for a signed-in customer).
WHERE: dict[str, tuple[str, str]] = {
    "catalog": ("catalog", "CatalogView"),
    "product": ("product", "ProductView"),
    "bundle": ("product", "BundleView"),
    "checkout": ("customer_checkout", "checkout_view"),
    "order": ("order", "OrderView"),
    "not_found": ("not_found", "NotFoundView"),
    "signin": ("signin", "SignInView"),
    "forgot_password": ("password", "ForgotPasswordView"),
    "reset_password": ("password", "ResetPasswordView"),
    "account": ("account", "AccountHomeView"),
    "account_profile": ("account", "ProfileView"),
    "account_addresses": ("addresses", "AddressBookView"),
    "account_orders": ("account_orders", "OrdersView"),
    "account_order": ("account_orders", "AccountOrderView"),
    "account_subscriptions": ("subscriptions", "SubscriptionsView"),
    "account_subscription": ("subscriptions", "SubscriptionView"),
    "account_courses": ("courses", "CoursesView"),
    "account_course": ("courses", "CourseView"),
}


def view_for(route_name: str) -> Callable[..., View]:
    module, name = WHERE[route_name]
    view: Callable[..., View] = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    return view


def import_all() -> None:
    for module, _ in WHERE.values():
        importlib.import_module(f"{__name__}.{module}")
