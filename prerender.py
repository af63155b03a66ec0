"""Pages rendered from the store at build time: what a search engine, a link preview or a slow
phone reads before any Python runs.

The build reads the store through the client the browser uses (its rate gate waits out a 429
and its reads are retried), lists the catalog, and renders a page for at most ``limit``
products and bundles (the rest stay rendered in the browser). Merchant HTML is sanitised with
nh3 (Rust's ammonia), the maintained counterpart of the browser's DOMPurify, with the same
policy: no scripts, styles, forms, ids or classes; links and pictures only to ``https:``.
When the store cannot be read, the build says so in one line and keeps the shells.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import html
from decimal import Decimal
from typing import Any

import httpx
import nh3

from httpx_transport import HttpxTransport
from storefront.api import StorefrontClient, StorefrontError
from storefront.api.models import BundleDetail, ItemCard, ProductDetail
from storefront.catalog_state import PAGE_SIZE as CATALOG_PAGE_SIZE
from storefront.catalog_state import CatalogSnapshot
from storefront.config import SiteConfig
from storefront.i18n import Translator
from storefront.money import format_idr_range
from storefront.routes import href

DEFAULT_LIMIT = 500
PAGE_SIZE = 50
SUMMARY_LENGTH = 160


@dataclasses.dataclass(frozen=True)
class StorePages:
    products: tuple[ProductDetail, ...]
    bundles: tuple[BundleDetail, ...]
    listed: int  # items the catalog lists, rendered or not
    catalog: CatalogSnapshot | None = None  # the catalog's first page, as the browser asks for it

    @property
    def rendered(self) -> int:
        return len(self.products) + len(self.bundles)


async def read_store(config: SiteConfig, limit: int, transport: Any = None) -> StorePages:
    async with httpx.AsyncClient() as http:
        client = StorefrontClient(config, transport or HttpxTransport(http))
        first = await client.list_items(page_size=CATALOG_PAGE_SIZE)
        count = await client.count_items()
        catalog = CatalogSnapshot(count, [first], list(await client.list_categories()), 0.0)
        cards: list[Any] = []
        cursor = None
        while True:
            page = await client.list_items(page_size=PAGE_SIZE, cursor=cursor)
            cards += page.items
            if not (page.has_next and page.next_cursor) or len(cards) >= limit:
                break
            cursor = page.next_cursor
        total = max(len(cards), count)
        products: list[ProductDetail] = []
        bundles: list[BundleDetail] = []
        for card in cards[:limit]:
            if card.is_bundle:
                bundles.append(await client.get_bundle(card.slug))
            else:
                products.append(await client.get_product(card.slug))
    return StorePages(tuple(products), tuple(bundles), total, catalog)


def fetch_store(config: SiteConfig, limit: int) -> StorePages | None:
    """The store's pages, or None (said in one line) when it cannot be read."""
    if limit <= 0:
        return None
    try:
        # A thread of its own: the build may be called where an event loop already runs
        # (Playwright's, in the tests).
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, read_store(config, limit)).result()
    except (StorefrontError, httpx.HTTPError) as exc:
        print(f"build: could not read the store at {config.store_root} ({exc}); pages carry no store content")
        return None


def sanitized(rich: str | None, plain: str | None) -> str:
    if rich:
        return nh3.clean(
            rich,
            url_schemes={"https", "mailto", "tel"},
            link_rel="noopener noreferrer nofollow",
            clean_content_tags={"script", "style"},
        )
    return "".join(f"<p>{html.escape(line)}</p>" for line in (plain or "").splitlines() if line.strip())


def summary(text: str | None, fallback: str) -> str:
    words = " ".join(html.unescape(nh3.clean((text or "").replace("<", " <"), tags=set())).split()) or fallback
    return words if len(words) <= SUMMARY_LENGTH else words[: SUMMARY_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def detail_page(detail: ProductDetail | BundleDetail, site_url: str, store_name: str, t: Translator) -> dict[str, Any]:
    """What the templates need to render a product's or bundle's page, JSON-LD included."""
    card = detail.card
    bundle = isinstance(detail, BundleDetail)
    path = f"/{'bundles' if bundle else 'products'}/{card.slug}"
    url = site_url + path
    low, high = card.price.low, card.price.high
    if isinstance(detail, BundleDetail):
        low = high = detail.price if detail.price is not None else low
    price = format_idr_range(low, high)
    availability = "https://schema.org/" + ("InStock" if card.in_stock else "OutOfStock")
    offer: dict[str, Any] = (
        {"@type": "Offer", "price": amount(low), "priceCurrency": "IDR", "availability": availability, "url": url}
        if low == high
        else {"@type": "AggregateOffer", "lowPrice": amount(low), "highPrice": amount(high), "priceCurrency": "IDR"}
        | {"availability": availability, "offerCount": len(getattr(detail, "variants", ())) or 1}
    )
    about = summary(detail.rich_description or card.description, card.name)
    product: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": card.name,
        "description": about,
        "url": url,
        "offers": offer if low is not None else None,
    }
    if card.images:
        product["image"] = list(card.images)
    if card.category is not None:
        product["category"] = card.category.name
    product = {key: value for key, value in product.items() if value is not None}
    breadcrumbs = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": t("nav.catalog"), "item": site_url + "/"},
            {"@type": "ListItem", "position": 2, "name": card.name, "item": url},
        ],
    }
    return {
        "kind": "bundle" if bundle else "product",
        "path": path,
        "url": url,
        "name": card.name,
        "price": price,
        "in_stock": card.in_stock,
        "image": card.image,
        "images": list(card.images),
        "description_html": sanitized(detail.rich_description, card.description),
        "summary": about,
        "lines": [
            {"count": line.quantity, "name": line.product_name or line.variant_name or ""}
            for line in getattr(detail, "lines", ())
        ],
        "json_ld": [product, breadcrumbs, organization(site_url, store_name)],
    }


def amount(value: Decimal | None) -> str:
    """``89000`` for ``Decimal("89000.00")``: rupiah as schema.org reads them."""
    return "" if value is None else format(value.normalize(), "f")


def catalog_page(catalog: CatalogSnapshot, site_url: str, store_name: str, t: Translator) -> dict[str, Any]:
    """The catalog's first page as the browser shows it (its default order), for the index."""

    def card(item: ItemCard) -> dict[str, Any]:
        return {
            "href": href("bundle" if item.is_bundle else "product", slug=item.slug),
            "name": item.name,
            "price": format_idr_range(item.price.low, item.price.high),
            "image": item.image,
            "bundle": item.is_bundle,
            "in_stock": item.in_stock,
            "category": (item.category.name or item.category.full_path) if item.category else "",
        }

    return {
        "path": "/",
        "cards": [card(item) for item in catalog.visible()],
        "count": t("catalog.count", count=catalog.total),
        "more": catalog.has_more,
        "json_ld": [organization(site_url, store_name)],
    }


def organization(site_url: str, store_name: str) -> dict[str, Any]:
    return {"@context": "https://schema.org", "@type": "Organization", "name": store_name, "url": site_url + "/"}


def sitemap(site_url: str, paths: list[str]) -> str:
    rows = "".join(f"  <url><loc>{html.escape(site_url + path)}</loc></url>\n" for path in paths)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{rows}</urlset>\n'


#: Pages that carry one shopper's state: nothing for a search engine.
PRIVATE = ("/checkout", "/orders/", "/account", "/signin", "/forgot-password", "/reset-password")


def robots(site_url: str) -> str:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in PRIVATE)]
    if site_url:
        lines.append(f"Sitemap: {site_url}/sitemap.xml")
    return "\n".join(lines) + "\n"
