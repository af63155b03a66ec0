"""Fault matrix: the guest journey's steps × what the network or the store can do wrong.

    .venv/bin/python -m bench.fault_matrix [--steps catalog,summary] [--faults 503,lost]

For each cell, a new guest walks to the step in Chromium, the step's request meets the fault
(through Playwright's routing, so the store may or may not have acted, as on a real network),
and the script records:

- what the shopper sees (the message, which must be a sentence of the shop's catalog in the
  shopper's language, or the step simply succeeds after a lost answer was recovered);
- how long until then (a read must give up within 15 s and say so);
- whether anything was lost (the cart badge against the store's cart, the typed name);
- how many orders exist for the cell's buyer (at most one);
- whether the way forward works once the fault is gone (the message's own button, or the
  step's action again).

Each cell prints ``ok`` or what failed; the exit status is 1 when any cell failed.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import re
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Route, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from preview.servers import stack  # noqa: E402
from storefront.i18n import MESSAGES  # noqa: E402
from tests.e2e.browser import launch_options  # noqa: E402
from tests.e2e.conftest import SUITE_SANDBOX, Shop, recorded_page  # noqa: E402
from tests.e2e.helpers import api, control, go, new_guest  # noqa: E402
from tests.e2e.test_journey import add_from_product, fill_contact, orders_for, png  # noqa: E402

FAULTS = ("500", "503", "429 json", "429 text", "timeout", "offline", "lost answer", "malformed", "cors")
READ_BUDGET = 15.0
OTHER_ORIGIN = "https://another-shop.example"
#: Where the shop says something went wrong, and the buttons it offers there.
MESSAGE_SELECTORS = [
    "main .notice.error",
    "main [data-slot=message].error",
    "[data-slot=form-error]",
    "#sf-alert",
    "[data-slot=order-check]",
    ".proof [data-slot=message].error",
    # the reason under the place-order button, once the total could not be worked out
    "[data-slot=place-reason]:has(~ [data-slot=total-retry]:not([hidden]))",
]
FIND_MESSAGE = """sels => {
    for (const s of sels) for (const el of document.querySelectorAll(s))
        if (el.offsetParent !== null && el.textContent.trim())
            return s + '\\u0001' + (el.querySelector('[data-slot=message]') || el).textContent.trim();
    return null;
}"""


@dataclasses.dataclass
class Step:
    name: str
    matches: Callable[[str, str], bool]  # (method, url) → the request this step's fault hits
    prepare: Callable[[Shop, str], None]  # a new guest brought to just before the step
    act: Callable[[Shop], None]
    done: str  # a JS expression true once the step has succeeded
    forward: str | None = None  # the button that retries, when the message offers none
    read: bool = False  # a read: gives up within READ_BUDGET


@dataclasses.dataclass
class Cell:
    step: str
    fault: str
    ok: bool
    seconds: float
    seen: str
    problems: list[str]
    orders: int


# -- the journey's steps ------------------------------------------------------------------------


def at(path_end: str, method: str = "GET") -> Callable[[str, str], bool]:
    pattern = re.compile(path_end)
    return lambda m, url: m == method and bool(pattern.search(url.split("?")[0]))


def follow(shop: Shop, path: str) -> None:
    """Follows a link inside the app without waiting for the view (it may fail to load)."""
    shop.page.evaluate(
        "p => { const a = document.createElement('a'); a.href = p; document.body.append(a); a.click(); a.remove(); }",
        path,
    )


def reload(shop: Shop) -> None:
    shop.page.reload()


def fresh_home(shop: Shop, email: str) -> None:
    new_guest(shop)
    shop.page.evaluate("sessionStorage.clear()")


def product_page(shop: Shop, email: str) -> None:
    new_guest(shop, "/products/kaos-katun-premium", "product")
    expect(shop.page.locator("[data-slot=stock]")).not_to_be_empty()


def checkout_with_contact(shop: Shop, email: str) -> None:
    new_guest(shop)
    add_from_product(shop, "activelife-smart-bottle")
    go(shop, "/checkout", "checkout")
    fill_contact(shop.page, email)


def choose_place(shop: Shop) -> None:
    page = shop.page
    page.fill("#co-location-search", "cempaka")
    expect(page.locator("#co-location-results li").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.select_option("#co-postal_code", "10510")
    page.fill("#co-address", "Jl. Cempaka Putih Tengah No. 12")


def ready_to_place(shop: Shop, email: str) -> None:
    checkout_with_contact(shop, email)
    choose_place(shop)
    expect(shop.page.locator("input[name=courier]").first).to_be_checked()
    shop.page.locator("label.choice", has_text="QRIS").click()
    expect(shop.page.locator(PLACE)).to_have_attribute("aria-disabled", "false")


def placed_order(shop: Shop, email: str) -> str:
    ready_to_place(shop, email)
    shop.page.locator(PLACE).click()
    shop.wait_ready("order")
    return shop.page.url.rsplit("/", 1)[1]


def order_page_path(shop: Shop, email: str) -> None:
    slug = placed_order(shop, email)
    go(shop, "/", "catalog")
    shop.page.evaluate("slug => { sessionStorage.clear(); window.__order = slug; }", slug)


def bank_order(shop: Shop, email: str) -> None:
    response = api(
        shop,
        "POST",
        "/public/checkout",
        json={
            "customer_name": "Budi Santoso",
            "customer_email": email,
            "payment_method": "bank_transfer",
            "items": [{"type": "variant", "variant_id": 429174, "quantity": 1}],
        },
    )
    new_guest(shop)
    go(shop, f"/orders/{response.json()['secret_slug']}", "order")
    page = shop.page
    proof = Path(tempfile.gettempdir()) / "bukti-matriks.png"
    proof.write_bytes(png())
    page.set_input_files("[data-slot=file]", proof)
    expect(page.locator("[data-slot=preview]")).to_be_visible()


PLACE = "button[data-slot=place]"
STEPS = (
    Step(
        "catalog",
        at(r"/public/items$"),
        fresh_home,
        reload,
        "document.querySelectorAll('main .card:not(.skeleton)').length > 0",
        read=True,
    ),
    Step(
        "product",
        at(r"/public/products/tas-ransel-urban$"),
        lambda shop, email: new_guest(shop),
        lambda shop: follow(shop, "/products/tas-ransel-urban"),
        "!!document.querySelector('main[data-view=product] [data-slot=stock]:not(:empty)')",
        read=True,
    ),
    Step(
        "add to cart",
        at(r"/public/cart/items$", "POST"),
        product_page,
        lambda shop: shop.page.locator("button[data-slot=add]").click(),
        "document.getElementById('cart-count').textContent === '1'",
        forward="button[data-slot=add]",
    ),
    Step(
        "shipping options",
        at(r"/public/checkout/shipping-options$", "POST"),
        checkout_with_contact,
        choose_place,
        "!!document.querySelector('input[name=courier]:checked')",
        forward="[data-slot=total-retry]",
        read=True,
    ),
    Step(
        "summary",
        at(r"/public/checkout/summary$", "POST"),
        checkout_with_contact,
        choose_place,
        "document.querySelector('[data-slot=place]')?.getAttribute('aria-disabled') === 'false'"
        " && !!document.querySelector('[data-slot=amounts] .total')",
        forward="[data-slot=total-retry]",
        read=True,
    ),
    Step(
        "place order",
        at(r"/public/checkout$", "POST"),
        ready_to_place,
        lambda shop: shop.page.locator(PLACE).click(),
        "document.querySelector('main')?.dataset.view === 'order'"
        " && document.querySelector('main')?.dataset.viewState === 'ready'",
        forward=PLACE,
    ),
    Step(
        "order page",
        at(r"/public/orders/[^/]+$"),
        order_page_path,
        lambda shop: follow(shop, "/orders/" + shop.page.evaluate("window.__order")),
        "!!document.querySelector('main[data-view=order] .pay')",
        read=True,
    ),
    Step(
        "proof upload",
        lambda m, url: m == "PUT" and "/__sandbox__/uploads/" in url,
        bank_order,
        lambda shop: shop.page.locator("[data-slot=submit]").click(),
        "!!document.querySelector('[data-slot=received]:not([hidden])')",
        forward="[data-slot=submit]",
    ),
)


# -- faults ---------------------------------------------------------------------------------------


def fault_handler(
    fault: str, origin: str, matches: Callable[[str, str], bool], hits: list[float]
) -> Callable[[Route], None]:
    """Answers the step's request with ``fault``; ``hits`` gets the time of each it met."""
    cors = {"Access-Control-Allow-Origin": origin, "Access-Control-Expose-Headers": "X-Request-Id"}

    def handle(route: Route) -> None:
        request = route.request
        if not matches(request.method, request.url):
            route.fallback()
            return
        hits.append(time.monotonic())
        if fault in ("500", "503"):
            body = '{"error": "Internal error", "error_code": "internal_error"}'
            route.fulfill(
                status=int(fault),
                body=body,
                headers={**cors, "Content-Type": "application/json", "X-Request-Id": "req_fault_matrix"},
            )
        elif fault == "429 json":
            body = '{"error": "Too many requests", "error_code": "rate_limited"}'
            reset = str(int(time.time()) + 2)
            headers = {**cors, "Content-Type": "application/json", "X-Ratelimit-Remaining": "0"}
            route.fulfill(status=429, body=body, headers={**headers, "X-Ratelimit-Reset": reset})
        elif fault == "429 text":
            route.fulfill(status=429, body="Too Many Requests", headers={**cors, "Content-Type": "text/plain"})
        elif fault == "timeout":
            pass  # never answered: the shop's own timeout ends the wait
        elif fault == "offline":
            route.abort("internetdisconnected")
        elif fault == "lost answer":
            route.fetch()
            with contextlib.suppress(PlaywrightError):  # the page may have given up on it already
                route.abort("connectionreset")
        elif fault == "malformed":
            response = route.fetch()
            route.fulfill(response=response, body='{"data": [{"id": 1,')
        elif fault == "cors":  # the store allows another origin, not this shop's
            response = route.fetch()
            headers = {k: v for k, v in response.headers.items() if not k.lower().startswith("access-control")}
            route.fulfill(response=response, headers={**headers, "access-control-allow-origin": OTHER_ORIGIN})

    return handle


# -- running a cell ---------------------------------------------------------------------------------

#: Every Indonesian catalog sentence, its placeholders matching any text.
CATALOG_ID = [
    re.compile(re.sub(r"\\\{[a-z_]+\\\}", ".+", re.escape(message)), re.S) for message in MESSAGES["id"].values()
]


def in_catalog(text: str) -> bool:
    """A sentence of the shop's Indonesian catalog (an error's reference may follow it)."""
    text = re.sub(r"\s*\(Kode: [^)]*\)$", "", text.strip())
    return any(pattern.fullmatch(text) for pattern in CATALOG_ID)


def store_cart_count(shop: Shop) -> int:
    token = shop.page.evaluate("localStorage.getItem('scalev_guest_token')")
    if not token:
        return 0
    answer = api(shop, "GET", "/public/cart", headers={"X-Scalev-Guest-Token": token})
    return sum(line["quantity"] for line in answer.json().get("items", []))


def run_cell(shop: Shop, step: Step, fault: str, index: int) -> Cell:
    page = shop.page
    email = f"matriks.{index}@example.com"
    problems: list[str] = []
    control(shop, "POST", "/reset")  # stock and limits as the seed has them
    step.prepare(shop, email)
    typed = page.input_value("#co-name") if page.locator("#co-name").is_visible() else None
    hits: list[float] = []
    handler = fault_handler(fault, shop.live.site_url, step.matches, hits)
    page.route(f"{shop.live.api_base}/**", handler)
    started = time.monotonic()
    step.act(shop)
    try:
        found = page.wait_for_function(
            f"sels => ({step.done}) ? 'done\\u0001' : ({FIND_MESSAGE})(sels)", arg=MESSAGE_SELECTORS, timeout=60_000
        ).json_value()
    except PlaywrightTimeout:  # a cell that shows nothing is a finding, not a crash
        found = "none\u0001(nothing shown within 60 s)"
    seconds = time.monotonic() - (hits[0] if hits else started)  # from the first request the fault met
    where, _, seen = found.partition("\u0001")
    if where == "none":
        problems.append("nothing shown")
    elif where != "done" and not in_catalog(seen):
        problems.append("message not in the catalog")
    if step.read and seconds > READ_BUDGET + 1:
        problems.append(f"gave up after {seconds:.0f} s")
    page.unroute(f"{shop.live.api_base}/**", handler)
    held = store_cart_count(shop)
    try:  # the shop may read the cart again after an unknown outcome: a moment for that
        page.wait_for_function(
            "n => document.getElementById('cart-count').textContent === String(n)", arg=held, timeout=5_000
        )
    except PlaywrightTimeout:
        problems.append(f"badge {page.locator('#cart-count').inner_text()}, store cart {held}")
    if typed is not None and page.locator("#co-name").is_visible() and page.input_value("#co-name") != typed:
        problems.append("typed name lost")
    if where != "done" and not forward(shop, step, where):
        problems.append("no way forward")
    orders = len(orders_for(shop, email))
    if orders > 1:
        problems.append(f"{orders} orders")
    return Cell(
        step.name, fault, not problems, seconds, seen if where != "done" else "(went through)", problems, orders
    )


def forward(shop: Shop, step: Step, where: str) -> bool:
    """The way forward once the fault is gone: the message's own button, else the step's."""
    page = shop.page
    own = page.locator(f"{where} [data-slot=retry]:visible, {where} [data-slot=again]:visible")
    if own.count():
        own.first.click()
    elif step.forward and page.locator(step.forward).is_visible():
        page.locator(step.forward).click()
    else:
        step.act(shop)
    try:
        page.wait_for_function(step.done, timeout=30_000)
    except PlaywrightTimeout:
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", default=",".join(s.name for s in STEPS))
    parser.add_argument("--faults", default=",".join(FAULTS))
    args = parser.parse_args()
    steps = [s for s in STEPS if s.name in args.steps.split(",")]
    faults = [f for f in FAULTS if f in args.faults.split(",")]
    cells: list[Cell] = []
    with tempfile.TemporaryDirectory() as work, stack(Path(work) / "site", SUITE_SANDBOX) as live:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**launch_options())
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
            page, traffic = recorded_page(context)
            shop = Shop(page, live, traffic)
            shop.open("/")
            for step in steps:
                for fault in faults:
                    try:
                        cells.append(run_cell(shop, step, fault, len(cells)))
                    except Exception as exc:  # a cell the script could not finish is a finding too
                        traceback.print_exc()
                        page.unroute_all(behavior="ignoreErrors")
                        cells.append(Cell(step.name, fault, False, 0.0, "", [f"{type(exc).__name__}"], 0))
                    print(f"  {step.name:<17} {fault:<12} {'ok' if cells[-1].ok else 'FAIL'}", file=sys.stderr)
            browser.close()
    print_table(cells, steps, faults)
    sys.exit(0 if all(c.ok for c in cells) else 1)


def print_table(cells: list[Cell], steps: list[Step], faults: list[str]) -> None:
    by = {(c.step, c.fault): c for c in cells}
    print(f"Fault matrix: {sum(c.ok for c in cells)} of {len(cells)} cells ok")
    print("(nothing lost, at most one order, a message in the shopper's language with a way forward;")
    print(" reads give up within 15 s)\n")
    print(f"{'step':<17}" + "".join(f"{f:>13}" for f in faults))
    for step in steps:
        row = [by[(step.name, f)] for f in faults]
        print(f"{step.name:<17}" + "".join(f"{('ok' if c.ok else 'FAIL') + f' {c.seconds:4.1f}s':>13}" for c in row))
    print("\nWhat the shopper saw:")
    for cell in cells:
        mark = "ok  " if cell.ok else "FAIL"
        detail = f" — {', '.join(cell.problems)}" if cell.problems else ""
        print(f"  {mark} {cell.step:<17} {cell.fault:<12} {cell.seen[:90]}{detail}")


if __name__ == "__main__":
    main()
