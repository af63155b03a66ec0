"""Parsed answers: the fields pages use, typed, with money as ``Decimal``.

Parsers accept the extra keys Scalev may add and fail loudly only on what a page depends on.
One module per part of the API; everything is importable from here.
"""

from .cart import Cart, CartLine
from .catalog import (
    Availability,
    BundleDetail,
    BundleLine,
    Category,
    ItemCard,
    PriceRange,
    ProductDetail,
    Variant,
    VariantPricing,
)
from .checkout import Area, CheckoutSummary, City, DiscountCheck, Location, PaymentMethod, Province, ShippingOption
from .customers import (
    Address,
    Course,
    CourseContent,
    CourseSection,
    OtpChallenge,
    PlanOption,
    Profile,
    Subscription,
    SubscriptionItem,
)
from .fields import parse, read
from .orders import Order, OrderLine, PaymentAccount, TransferProofUpload
from .page import Page

__all__ = [
    "parse",
    "read",
    "Area",
    "Address",
    "Availability",
    "BundleDetail",
    "BundleLine",
    "Cart",
    "CartLine",
    "Category",
    "CheckoutSummary",
    "City",
    "DiscountCheck",
    "ItemCard",
    "Location",
    "Order",
    "OrderLine",
    "OtpChallenge",
    "Page",
    "PaymentAccount",
    "PaymentMethod",
    "PriceRange",
    "ProductDetail",
    "Profile",
    "Province",
    "ShippingOption",
    "Subscription",
    "SubscriptionItem",
    "Course",
    "CourseContent",
    "CourseSection",
    "PlanOption",
    "TransferProofUpload",
    "Variant",
    "VariantPricing",
]
