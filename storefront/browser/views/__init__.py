"""One view per route name; each clones its template, then fills it from the API."""

from .catalog import CatalogView
from .checkout import CheckoutView
from .not_found import NotFoundView
from .order import OrderView
from .product import BundleView, ProductView

VIEWS = {
    "catalog": CatalogView,
    "product": ProductView,
    "bundle": BundleView,
    "checkout": CheckoutView,
    "order": OrderView,
    "not_found": NotFoundView,
}
