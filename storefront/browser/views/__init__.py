"""One view per route name; each clones its template, then fills it from the API."""

from collections.abc import Callable

from .account import AccountHomeView, ProfileView
from .account_orders import AccountOrderView, OrdersView
from .addresses import AddressBookView
from .base import View
from .catalog import CatalogView
from .courses import CoursesView, CourseView
from .customer_checkout import checkout_view
from .not_found import NotFoundView
from .order import OrderView
from .password import ForgotPasswordView, ResetPasswordView
from .product import BundleView, ProductView
from .signin import SignInView
from .subscriptions import SubscriptionsView, SubscriptionView

#: A view class, or a function choosing one (checkout differs for a signed-in customer).
VIEWS: dict[str, Callable[..., View]] = {
    "catalog": CatalogView,
    "product": ProductView,
    "bundle": BundleView,
    "checkout": checkout_view,
    "order": OrderView,
    "not_found": NotFoundView,
    "signin": SignInView,
    "forgot_password": ForgotPasswordView,
    "reset_password": ResetPasswordView,
    "account": AccountHomeView,
    "account_profile": ProfileView,
    "account_addresses": AddressBookView,
    "account_orders": OrdersView,
    "account_order": AccountOrderView,
    "account_subscriptions": SubscriptionsView,
    "account_subscription": SubscriptionView,
    "account_courses": CoursesView,
    "account_course": CourseView,
}
