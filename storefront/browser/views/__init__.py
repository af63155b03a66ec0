"""One view per route name; each clones its template, then fills it from the API."""

from .catalog import CatalogView
from .not_found import NotFoundView
from .product import BundleView, ProductView

VIEWS = {
    "catalog": CatalogView,
    "product": ProductView,
    "bundle": BundleView,
    "not_found": NotFoundView,
}
