"""The preview server serves the built site with the same rules Cloudflare Pages applies."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

import build
from preview.static_server import PagesSite


@pytest.fixture(scope="module")
def client(built_site: Path) -> TestClient:
    return TestClient(PagesSite(built_site), follow_redirects=False)


def test_html_revalidates_and_carries_the_security_headers(client: TestClient):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["cache-control"] == build.REVALIDATE
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_vendored_and_hashed_files_are_immutable(client: TestClient):
    wasm = client.get(f"{build.Vendor.installed().pyodide}/pyodide.asm.wasm")
    assert wasm.headers["content-type"] == "application/wasm"
    assert wasm.headers["cache-control"] == build.IMMUTABLE
    module = client.head(f"{build.Vendor.installed().pyscript}/core.js")
    assert module.headers["content-type"] == "application/javascript"


def test_deep_links_are_served_their_route_shell(client: TestClient, built_site: Path):
    response = client.get("/products/kaos-katun-premium")
    assert response.status_code == 200
    assert response.text == (built_site / "_shells" / "product.html").read_text()


def test_unknown_paths_get_the_404_page_with_a_404_status(client: TestClient):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert 'data-view="not_found"' in response.text


def test_pretty_urls_and_hidden_rule_files(client: TestClient):
    assert client.get("/index.html").headers["location"] == "/"
    assert client.get("/_shells/product.html").headers["location"] == "/_shells/product"
    assert client.get("/_headers").status_code == 404
    assert client.get("/../pyproject.toml").status_code == 404


def test_revalidation_answers_304(client: TestClient):
    etag = client.get("/").headers["etag"]
    assert client.get("/", headers={"If-None-Match": etag}).status_code == 304
