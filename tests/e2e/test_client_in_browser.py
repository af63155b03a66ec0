"""The same API client, in Pyodide in Chromium: fetch transport, localStorage, Web Locks."""

from __future__ import annotations

import json
import re

from playwright.sync_api import Browser

from .conftest import BOOT_TIMEOUT, Shop, recorded_page
from .helpers import api

PROBE = """<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>client probe</title><link rel="icon" href="data:,">
<script type="module" src="{core}"></script>{config}</head>
<body><script type="py" config="{pyscript_config}">
import json
import js
from storefront.api import StorefrontClient
from storefront.api.shapes import VariantItem
from storefront.browser.ffi import py_value
from storefront.browser.transport import BrowserTransport
from storefront.browser.locks import WebLocksRefreshLock
from storefront.browser.storage import WebStorage
from storefront.config import SiteConfig

config = SiteConfig.from_mapping(json.loads(js.document.getElementById("sf-config").textContent))
client = StorefrontClient(config, BrowserTransport(), storage=WebStorage("localStorage"),
                          cache_storage=WebStorage("sessionStorage"), refresh_lock=WebLocksRefreshLock(WebStorage("localStorage")))
out = {{}}
await client.add_to_cart(VariantItem(456601))
out["guest_token"] = client.session.guest_token
out["stored_guest_token"] = js.localStorage.getItem("scalev_guest_token")
out["cart_count"] = (await client.get_cart()).item_count
profile = await client.login("siti@example.com", "Rahasia123!")
out["email"] = profile.email
first = client.session.refresh
await client.refresh_tokens(stale_access=client.session.access)
out["rotated"] = client.session.refresh != first
out["stored_refresh_is_new"] = js.localStorage.getItem("scalev_customer_refresh_token") == client.session.refresh
out["profile_after_refresh"] = (await client.get_profile()).email
await client.logout()
out["signed_out"] = not client.session.signed_in and py_value(js.localStorage.getItem("scalev_customer_token")) is None
out["guest_kept"] = js.localStorage.getItem("scalev_guest_token") == out["guest_token"]
out["paths"] = [r.method + " " + r.url.split("/v3/stores/")[1].split("/", 1)[1] for r in client.sent]
full = js.Object.new()
full.setItem = js.Function.new("k", "v", "if (k !== '__storefront_probe__') throw new DOMException('full', 'QuotaExceededError');")
full.getItem = js.Function.new("k", "return null;")
full.removeItem = js.Function.new("k", "")
js.window.fullStorage = full
quota = WebStorage("fullStorage")
quota.set("scalev_guest_token", "kept-in-memory")
out["quota_fallback"] = quota.backend is not None and quota.get("scalev_guest_token") == "kept-in-memory"
missing = WebStorage("noSuchStorage")
missing.set("k", "v")
out["missing_fallback"] = missing.backend is None and missing.get("k") == "v"
js.document.body.dataset.result = json.dumps(out)
</script></body></html>"""


def test_the_client_works_in_pyodide(browser: Browser, shop: Shop):
    index = (shop.live.site_dir / "index.html").read_text()
    (shop.live.site_dir / "client-probe.html").write_text(
        PROBE.format(
            core=re.search(r'<script type="module" src="([^"]+/core\.js)"', index).group(1),
            config=re.search(r'<script type="application/json" id="sf-config">.*?</script>', index).group(0),
            pyscript_config=re.search(r'<script type="py" config="([^"]+)"', index).group(1),
        )
    )
    context = browser.new_context()
    page, traffic = recorded_page(context)
    page.goto(shop.url("/client-probe"))
    page.wait_for_selector("body[data-result]", state="attached", timeout=BOOT_TIMEOUT)
    out = json.loads(page.evaluate("document.body.dataset.result"))
    context.close()
    empty_customer_cart(shop, "siti@example.com", "Rahasia123!")  # the merge put the guest's item there
    assert out["guest_token"] and out["stored_guest_token"] == out["guest_token"]
    assert out["cart_count"] == 1 and out["email"] == "siti@example.com"
    assert out["rotated"] and out["stored_refresh_is_new"] and out["profile_after_refresh"] == "siti@example.com"
    assert out["signed_out"] and out["guest_kept"]
    assert out["quota_fallback"] and out["missing_fallback"]
    assert out["paths"] == [
        "POST public/cart/items",
        "GET public/cart",
        "POST public/auth/login",
        "POST public/cart/merge",
        "GET customers/me",
        "POST public/auth/jwt/refresh",
        "GET customers/me",
        "POST public/auth/jwt/blacklist",
    ]
    assert traffic.console_errors == [] and traffic.off_machine() == []


def empty_customer_cart(shop: Shop, email: str, password: str) -> None:
    """Leaves the customer's cart as the other tests expect it: empty."""
    login = api(shop, "POST", "/public/auth/login", json={"email": email, "password": password})
    token = login.json()["access"]
    for line in api(shop, "GET", "/customers/me/cart", token=token).json()["items"]:
        assert api(shop, "DELETE", f"/customers/me/cart/items/{line['id']}", token=token).status_code == 200
    assert api(shop, "GET", "/customers/me/cart", token=token).json()["items"] == []
