"""The preview's Pages rules answer as Cloudflare's own runtime does.

``wrangler pages dev`` (pinned in package.json; it runs ``workerd``, Cloudflare's runtime) serves
the same built site; every route, its trailing-slash and ``.html`` spellings, the runtime files,
the rule files and unknown paths must get the same status, redirect and headers from both.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient

import build
from preview.static_server import PagesSite
from preview.wrangler import pages_dev
from storefront.routes import NOT_FOUND, ROUTES

COMPARED = (
    "access-control-allow-origin",
    "cache-control",
    "content-security-policy",
    "strict-transport-security",
    "x-content-type-options",
    "referrer-policy",
    "permissions-policy",
)


@pytest.fixture(scope="module")
def workerd(built_site: Path) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pages_dev(built_site, port) as url:
        yield url


def paths() -> list[str]:
    vendor = build.Vendor.installed()
    # Not the rule files: Cloudflare does not publish them; ours answers 404, wrangler's dev
    # server 502.
    found = ["/", "/index.html", "/404", "/no/such/page", "/_shells/product.html", "/_shells/product/"]
    for route in (*ROUTES, NOT_FOUND):
        path = "/".join("contoh" if part.startswith(":") else part for part in route.pattern.split("/")) or "/"
        found += [path] if path == "/" else [path, path + "/", path + ".html"]
    found += [f"{vendor.pyodide}/pyodide.asm.wasm", f"{vendor.pyscript}/core.js", f"{vendor.dompurify}/purify.es.mjs"]
    return list(dict.fromkeys(found))


def test_every_route_answers_as_in_workerd(workerd: str, built_site: Path):
    ours = TestClient(PagesSite(built_site), follow_redirects=False)
    pkg = sorted(p.name for p in (built_site / "pkg").iterdir())
    differences = []
    css = [f"/assets/{p.name}" for p in (built_site / "assets").glob("app-*.css")]
    for path in [*paths(), *css, *(f"/pkg/{name}" for name in pkg)]:
        theirs = httpx.get(workerd + path, follow_redirects=False, timeout=10)
        mine = ours.get(path)
        seen = {
            "status": (mine.status_code, theirs.status_code),
            "location": (
                mine.headers.get("location", "").removeprefix("http://testserver"),
                theirs.headers.get("location", "").removeprefix(workerd),
            ),
            "type": (mine.headers.get("content-type", ""), theirs.headers.get("content-type", "")),
            **{name: (mine.headers.get(name), theirs.headers.get(name)) for name in COMPARED},
        }
        if mine.status_code == 200 and theirs.status_code == 200:
            seen["body"] = (mine.content == theirs.content, True)
        differences += [f"{path} {key}: ours {a!r}, workerd {b!r}" for key, (a, b) in seen.items() if a != b]
    assert differences == [], "\n".join(differences)
