"""How Python starts in the built site: from bytecode on a first visit, from the memory
snapshot kept for later visits, and through the usual start when a kept snapshot is unusable."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import BOOT_TIMEOUT, Shop, Traffic, recorded_page
from .helpers import go, guest_order

KEPT = "async () => (await (await caches.open('storefront-snapshot')).keys()).map(r => r.url)"


def started(page: Page) -> str:
    page.wait_for_selector("main[data-view-state=ready]", state="attached", timeout=BOOT_TIMEOUT)
    return page.evaluate("document.documentElement.dataset.boot")


def kept_snapshot(page: Page, timeout: float = 40.0, replacing: str = "") -> list[str]:
    """The snapshot URLs in Cache Storage, once the idle-time download has kept one (and
    dropped ``replacing``)."""
    deadline = time.monotonic() + timeout
    while not (urls := page.evaluate(KEPT)) or replacing in urls:
        assert time.monotonic() < deadline, "no snapshot was kept"
        time.sleep(0.2)
    return urls


@pytest.fixture
def visitor(browser: Browser, shop: Shop) -> Iterator[tuple[Page, Traffic]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page, traffic = recorded_page(context)
    yield page, traffic
    context.close()


def test_a_later_visit_starts_from_the_snapshot_kept_by_the_first(visitor: tuple[Page, Traffic], shop: Shop):
    page, traffic = visitor
    page.goto(shop.url("/"))
    assert started(page) == "fresh"
    assert shop.url("/pkg/snapshot-") not in " ".join(traffic.requests[:50])  # not before the page works
    (kept,) = kept_snapshot(page)
    assert "/pkg/snapshot-" in kept and kept.endswith(".bin.gz")
    before = len(traffic.requests)
    page.reload()
    assert started(page) == "snapshot"
    # The interpreter's WebAssembly was compiled by the worker, off the page's thread.
    assert any("/assets/compile-worker-" in url for url in traffic.requests[before:])
    assert page.evaluate("performance.getEntriesByName('sf:wasm-compiled-elsewhere').length") == 1
    expect(page.locator("main .card:not(.skeleton)").first).to_be_visible()
    page.locator("main .card-link", has_text="Kaos Katun Premium").click()
    page.wait_for_selector("main[data-view=product][data-view-state=ready]", state="attached")
    page.locator("button[data-slot=add]").click()
    expect(page.locator("#cart-count")).to_have_text("1")  # a restored Python talks to the store as usual
    # A module the snapshot had not imported (the QR code library) is still there to import:
    # a restore unpacks only what the snapshot lacks.
    page.goto(shop.url(f"/orders/{guest_order(shop, 'qris', 'pindai@example.com')}"))
    assert started(page) == "snapshot"
    expect(page.locator(".pay-qris img.qr")).to_have_attribute("src", re.compile("^data:image/svg\\+xml"))
    assert traffic.console_errors == []


def test_a_browser_whose_worker_cannot_compile_still_restores(visitor: tuple[Page, Traffic], shop: Shop):
    page, traffic = visitor
    page.goto(shop.url("/"))
    assert started(page) == "fresh"
    kept_snapshot(page)
    page.context.route("**/assets/compile-worker-*", lambda route: route.abort())  # the worker never starts
    page.reload()
    assert started(page) == "snapshot"
    assert page.evaluate("performance.getEntriesByName('sf:wasm-compiled-elsewhere').length") == 0  # Pyodide did
    go_product(page)
    assert traffic.console_errors == []


def test_a_damaged_snapshot_falls_back_to_the_usual_start(visitor: tuple[Page, Traffic], shop: Shop):
    page, traffic = visitor
    page.goto(shop.url("/"))
    assert started(page) == "fresh"
    (kept,) = kept_snapshot(page)
    page.evaluate(
        "async (url) => (await caches.open('storefront-snapshot')).put(url, new Response('not a snapshot'))", kept
    )
    warnings: list[str] = []
    page.on("console", lambda message: warnings.append(message.text) if message.type == "warning" else None)
    page.reload()
    assert started(page) == "fallback"
    assert any("snapshot" in warning for warning in warnings)  # said, for whoever debugs
    expect(page.locator("main .card:not(.skeleton)").first).to_be_visible()
    go_product(page)
    assert traffic.console_errors == []
    (again,) = kept_snapshot(page)  # the damaged copy was replaced by a good one
    page.reload()
    assert started(page) == "snapshot"


def go_product(page: Page) -> None:
    page.locator("main .card-link", has_text="Kaos Katun Premium").click()
    page.wait_for_selector("main[data-view=product][data-view-state=ready]", state="attached")
    expect(page.locator("main h1")).to_have_text("Kaos Katun Premium")


def test_the_site_starts_python_through_its_own_boot_module(shop: Shop):
    go(shop, "/", "catalog")
    assert shop.page.evaluate("document.documentElement.dataset.boot") in ("fresh", "snapshot", "fallback")


def test_the_catalogs_first_reads_leave_while_python_starts_and_are_not_asked_twice(
    visitor: tuple[Page, Traffic], shop: Shop
):
    page, traffic = visitor
    page.goto(shop.url("/"))
    started(page)
    expect(page.locator("main .card:not(.skeleton)").first).to_be_visible()
    reads = ("/public/items/count", "/public/items?page_size=12", "/public/categories")
    api = [u for u in traffic.requests if u.startswith(shop.live.api_base)]
    assert [sum(u.endswith(r) for u in api) for r in reads] == [1, 1, 1]
    timing = page.evaluate(
        """(reads) => {
            const python = performance.getEntriesByName('sf:python-ready')[0].startTime;
            const started = reads.map(r => performance.getEntriesByType('resource').find(e => e.name.endsWith(r)).startTime);
            return {python, started};
        }""",
        list(reads),
    )
    assert all(start < timing["python"] for start in timing["started"])  # asked for before Python was ready


def test_another_builds_snapshot_is_not_used_and_is_replaced(visitor: tuple[Page, Traffic], shop: Shop):
    page, traffic = visitor
    page.goto(shop.url("/"))
    started(page)
    older = shop.url("/pkg/snapshot-000000000000.bin.gz")  # what a previous deployment kept
    page.evaluate("async (url) => (await caches.open('storefront-snapshot')).put(url, new Response('old'))", older)
    page.reload()
    assert started(page) == "fresh"
    go_product(page)
    (kept,) = kept_snapshot(page, replacing=older)  # the older one dropped, this build's kept
    assert kept.startswith(shop.url("/pkg/snapshot-"))
    assert traffic.console_errors == []


def test_a_browser_without_decompression_streams_starts_as_usual(browser: Browser, shop: Shop):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    context.add_init_script("delete window.DecompressionStream")
    page, traffic = recorded_page(context)
    page.goto(shop.url("/"))
    assert started(page) == "fresh"
    go_product(page)
    page.locator("button[data-slot=add]").click()
    expect(page.locator("#cart-count")).to_have_text("1")
    assert traffic.console_errors == []
    context.close()


def test_the_runtimes_large_files_are_fetched_once_after_the_first_frame(visitor: tuple[Page, Traffic], shop: Shop):
    page, traffic = visitor
    # When the page's first frame is drawn (a frame callback registered before anything runs).
    page.add_init_script("requestAnimationFrame(() => { window.__firstFrame = performance.now(); })")
    page.goto(shop.url("/products/kaos-katun-premium"))
    assert started(page) == "fresh"
    timing = page.evaluate(
        """() => {
            const runtime = performance.getEntriesByType('resource')
              .filter(r => /pyodide\\.asm\\.(mjs|wasm)$|\\/pkg\\/(stdlib|storefront)-/.test(r.name));
            const picture = performance.getEntriesByType('resource').find(r => r.initiatorType === 'img');
            return {frame: window.__firstFrame, picture: picture.startTime, runtime: runtime.map(r => r.startTime)};
        }"""
    )
    assert len(timing["runtime"]) == 4
    assert all(start >= timing["frame"] for start in timing["runtime"])  # the shell was drawn first
    assert all(start > timing["picture"] for start in timing["runtime"])  # after the product's picture
    for name in ("pyodide.asm.wasm", "/pkg/stdlib-", "/pkg/storefront-", "pyodide.asm.mjs"):
        assert sum(name in url for url in traffic.requests) == 1, name  # the preload is what Pyodide uses
    assert traffic.console_errors == []
