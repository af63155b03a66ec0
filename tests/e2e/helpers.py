"""What end-to-end tests do again and again: follow a link inside the app, talk to the
sandbox's control routes and to the API as another client would."""

from __future__ import annotations

from typing import Any

import httpx
from playwright.sync_api import Page, expect

from .conftest import BOOT_TIMEOUT, Shop


def go(shop: Shop, path: str, view: str, page: Page | None = None) -> None:
    """Navigates inside the app (no reload) by following a link the shopper could click."""
    (page or shop.page).evaluate(
        "path => { const a = document.createElement('a'); a.href = path; document.body.append(a); a.click(); a.remove(); }",
        path,
    )
    wait_ready(page or shop.page, view)


def wait_ready(page: Page, view: str) -> None:
    page.wait_for_selector(f"main[data-view={view}][data-view-state=ready]", state="attached", timeout=BOOT_TIMEOUT)


def control(shop: Shop, method: str, path: str, **kwargs: Any) -> httpx.Response:
    """One of the sandbox's own routes (``/__sandbox__``)."""
    headers = {"X-Sandbox-Control": "1", **kwargs.pop("headers", {})}
    return httpx.request(method, f"{shop.live.api_base}/__sandbox__{path}", headers=headers, **kwargs)


def api(shop: Shop, method: str, path: str, *, token: str | None = None, **kwargs: Any) -> httpx.Response:
    """The store's API as another client calls it: the storefront key, or a bearer token."""
    config = shop.live.settings.config
    headers = (
        {"Authorization": f"Bearer {token}"} if token else {"X-Scalev-Storefront-Api-Key": config.storefront_api_key}
    )
    headers.update(kwargs.pop("headers", {}))
    return httpx.request(
        method, f"{shop.live.api_base}/v3/stores/{config.store_unique_id}{path}", headers=headers, **kwargs
    )


def guest_order(shop: Shop, method: str, email: str, *, variant_id: int = 429174) -> str:
    """A guest order placed through the API (one of ``variant_id``, paid by ``method``): its
    secret slug, for the order page."""
    response = api(
        shop,
        "POST",
        "/public/checkout",
        json={
            "customer_name": "Pembeli Uji",
            "customer_email": email,
            "payment_method": method,
            "items": [{"type": "variant", "variant_id": variant_id, "quantity": 1}],
        },
    )
    assert response.status_code == 201, response.text
    return str(response.json()["secret_slug"])


def outbox(shop: Shop) -> list[dict[str, Any]]:
    return control(shop, "GET", "/outbox").json()["data"]


def new_guest(shop: Shop, path: str = "/", view: str = "catalog") -> None:
    """Makes the shopper a new guest, as if another tab had cleared the shop's storage (the app
    follows such a change): no cart, no draft, no cached reads. Then opens ``path`` in the app.
    Tests start from here, so they pass in any order."""
    page = shop.page
    page.keyboard.press("Escape")  # a drawer or menu left open
    page.evaluate(
        "localStorage.clear(); sessionStorage.clear();"
        "window.dispatchEvent(new StorageEvent('storage', {key: null, storageArea: localStorage}))"
    )
    expect(page.locator("#cart-count")).to_have_text("0")
    go(shop, path, view)
