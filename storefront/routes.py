"""The shop's URL map, shared by the build (one shell per route) and the browser router.

Matching is pure: a path in, a ``RouteMatch`` out. The views are chosen by route name.
"""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import quote


@dataclasses.dataclass(frozen=True)
class Route:
    name: str
    pattern: str  # "/products/:slug" style, one placeholder per segment
    shell: str  # file the build writes for it, relative to site/
    title_key: str  # the shell's title until the view sets its own

    @property
    def regex(self) -> re.Pattern[str]:
        parts = []
        for segment in self.pattern.strip("/").split("/"):
            if segment.startswith(":"):
                parts.append(f"(?P<{segment[1:]}>[^/]+)")
            elif segment:
                parts.append(re.escape(segment))
        return re.compile("^/" + "/".join(parts) + "/?$")


ROUTES: tuple[Route, ...] = (
    Route("catalog", "/", "index.html", "catalog.title"),
    Route("product", "/products/:slug", "_shells/product.html", "product.loading"),
    Route("bundle", "/bundles/:slug", "_shells/bundle.html", "product.loading"),
    Route("checkout", "/checkout", "_shells/checkout.html", "checkout.title"),
    Route("order", "/orders/:slug", "_shells/order.html", "order.loading"),
    Route("signin", "/signin", "_shells/signin.html", "signin.title"),
    Route("forgot_password", "/forgot-password", "_shells/forgot-password.html", "forgot.title"),
    Route("reset_password", "/reset-password", "_shells/reset-password.html", "reset.title"),
    Route("account", "/account", "_shells/account.html", "account.title"),
    Route("account_profile", "/account/profile", "_shells/account-profile.html", "profile.title"),
    Route("account_addresses", "/account/addresses", "_shells/account-addresses.html", "addresses.title"),
    Route("account_orders", "/account/orders", "_shells/account-orders.html", "orders.title"),
    Route("account_order", "/account/orders/:id", "_shells/account-order.html", "order.loading"),
    Route(
        "account_subscriptions", "/account/subscriptions", "_shells/account-subscriptions.html", "subscriptions.title"
    ),
    Route(
        "account_subscription", "/account/subscriptions/:id", "_shells/account-subscription.html", "subscriptions.title"
    ),
    Route("account_courses", "/account/courses", "_shells/account-courses.html", "courses.title"),
    Route("account_course", "/account/courses/:slug", "_shells/account-course.html", "course.loading"),
)
#: Routes only a signed-in customer sees; the others send them to sign in first.
ACCOUNT_ROUTES = frozenset(route.name for route in ROUTES if route.name.startswith("account"))
NOT_FOUND = Route("not_found", "/404", "404.html", "notfound.title")


@dataclasses.dataclass(frozen=True)
class RouteMatch:
    route: Route
    params: dict[str, str]

    @property
    def name(self) -> str:
        return self.route.name


def match(path: str) -> RouteMatch:
    """The route for ``path`` (query and fragment already removed), or the not-found route."""
    for route in ROUTES:
        found = route.regex.match(path or "/")
        if found:
            return RouteMatch(route, dict(found.groupdict()))
    return RouteMatch(NOT_FOUND, {})


def href(name: str, **params: str) -> str:
    route = next(r for r in ROUTES if r.name == name)
    path = route.pattern
    for key, value in params.items():
        path = path.replace(f":{key}", quote(str(value), safe=""))
    return path


#: Pages a shopper is sent back from once signed in (going back to them would make no sense).
SIGN_IN_PAGES = frozenset({"signin", "forgot_password", "reset_password"})


def return_path(requested: str, default: str = "/account") -> str:
    """Where to go after signing in: ``requested`` when it is a page of this shop (a path, not
    another site's address, and not a sign-in page), else ``default``."""
    if not requested.startswith("/") or requested.startswith("//") or "\\" in requested:
        return default
    route = match(requested.split("?")[0].split("#")[0])
    return default if route.name in SIGN_IN_PAGES or route.name == "not_found" else requested


def sign_in_path(next_path: str) -> str:
    return f"/signin?next={quote(next_path, safe='')}"
