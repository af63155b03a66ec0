"""Pages rendered from the store at build time: content, structured data, limits, and a build
that cannot reach the store."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import build
import prerender
from preview.servers import sandbox_app, serve
from scalev_sandbox import SandboxConfig

SITE = "https://toko.example.id"


@pytest.fixture(scope="module")
def api_base() -> Iterator[str]:
    with serve(sandbox_app(SandboxConfig())) as api:
        yield f"http://127.0.0.1:{api.port}"


def built(tmp_path: Path, api_base: str, **options: str) -> Path:
    settings = build.BuildSettings.for_sandbox(api_base, {"STOREFRONT_SITE_URL": SITE, **options})
    build.build(tmp_path / "site", settings)
    return tmp_path / "site"


def ld(html: str) -> list[dict]:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_a_product_page_carries_its_content_and_structured_data(tmp_path: Path, api_base: str, capsys):
    site = built(tmp_path, api_base)
    assert "rendered 16 of the store's 16 products and bundles" in capsys.readouterr().out
    html = (site / "_pages" / "products" / "kaos-katun-premium.html").read_text()
    assert '<h1 tabindex="-1" data-slot="name">Kaos Katun Premium</h1>' in html
    assert "Rp89.000 – Rp99.000" in html and "Stok tersedia" in html
    picture = (
        r'<img data-slot="image" src="[^"]+tshirt\.svg" alt="[^"]+" fetchpriority="high" width="600" height="600">'
    )
    assert re.search(picture, html)  # fetched first: it is the page's largest paint
    assert '<link rel="canonical" href="https://toko.example.id/products/kaos-katun-premium">' in html
    assert '<meta property="og:title" content="Kaos Katun Premium">' in html
    assert 'data-prerendered="/products/kaos-katun-premium"' in html
    product, crumbs, organization = ld(html)
    assert product["@type"] == "Product" and product["name"] == "Kaos Katun Premium"
    assert product["offers"] | {"lowPrice": "89000", "highPrice": "99000", "priceCurrency": "IDR"} == product["offers"]
    assert [item["item"] for item in crumbs["itemListElement"]] == [f"{SITE}/", f"{SITE}/products/kaos-katun-premium"]
    assert organization == {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": build.demo_store().name,
        "url": f"{SITE}/",
    }
    bundle = (site / "_pages" / "bundles" / "paket-botol-berdua.html").read_text()
    assert "Rp279.000" in bundle and "2 × ActiveLife Smart Bottle" in bundle
    assert ld(bundle)[0]["offers"]["@type"] == "Offer"
    # The clones Python fills stay empty: only the page itself carries the content.
    template = re.search(r'<template id="tpl-view-product">(.*?)</template>', html, re.S).group(1)
    assert "Kaos Katun Premium" not in template and "hidden" in template
    index = (site / "index.html").read_text()
    main = index.split("<main", 1)[1].split("</main>", 1)[0]
    assert main.count('<li class="card">') == 12 and "skeleton" not in main and 'data-prerendered="/"' in index
    assert ld(index) == [organization]
    rules = (site / "_redirects").read_text().splitlines()
    page_rule = rules.index("/products/kaos-katun-premium  /_pages/products/kaos-katun-premium  200")
    assert page_rule < rules.index("/products/:slug  /_shells/product  200")  # rules win over files on Pages
    sitemap = (site / "sitemap.xml").read_text()
    assert sitemap.count("<loc>") == 17 and f"<loc>{SITE}/bundles/paket-botol-berdua</loc>" in sitemap
    robots = (site / "robots.txt").read_text()
    assert "Disallow: /checkout" in robots and f"Sitemap: {SITE}/sitemap.xml" in robots


def test_at_most_the_limit_is_rendered_and_the_rest_stays_in_the_browser(tmp_path: Path, api_base: str, capsys):
    site = built(tmp_path, api_base, STOREFRONT_PRERENDER_LIMIT="3")
    assert "rendered 3 of the store's 16" in capsys.readouterr().out
    assert len(list((site / "_pages").rglob("*.html"))) == 3
    assert (site / "_redirects").read_text().count("/_pages/") == 3
    with pytest.raises(build.SettingsError, match="STOREFRONT_PRERENDER_LIMIT"):
        build.BuildSettings.for_sandbox(api_base, {"STOREFRONT_PRERENDER_LIMIT": "lots"})


def test_a_store_out_of_reach_gives_the_shells_and_one_line(tmp_path: Path, capsys):
    site = built(tmp_path, "http://127.0.0.1:9")
    out = capsys.readouterr().out
    assert out.count("could not read the store") == 1
    assert not (site / "_pages").exists() and "/_pages/" not in (site / "_redirects").read_text()
    assert (site / "_shells" / "product.html").exists()


def test_merchant_html_is_sanitised_with_the_browsers_policy():
    clean = prerender.sanitized(
        '<p id="cart-count" class="x" style="color:red" onclick="steal()">Hai<script>steal()</script></p>'
        '<a href="javascript:steal()">a</a><a href="https://toko.example.id/x">b</a><style>*{}</style>'
        '<form action="https://evil.example"><input name="q"></form><img src="http://plain.example/i.png">',
        None,
    )
    assert "script" not in clean and "steal" not in clean and "style" not in clean and "form" not in clean
    assert "cart-count" not in clean and 'class="' not in clean and "<input" not in clean
    assert 'href="https://toko.example.id/x" rel="noopener noreferrer nofollow"' in clean
    assert "http://plain.example" not in clean
    assert prerender.sanitized(None, "Baris <satu>\nBaris dua") == "<p>Baris &lt;satu&gt;</p><p>Baris dua</p>"
