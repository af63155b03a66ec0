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
)
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
