"""Journey benchmark: the reference purchases in Chromium, step by step.

- The guest: home → product → add to cart → checkout → (fill the form) → order page.
- The signed-in customer: sign in → orders → courses → a course → add to cart → checkout
  (a saved address) → order page.

For each step it prints the time until the view is usable and the API requests it made, then
every request repeated identically (method, URL and body) within the visit. Medians over
``--runs`` visits, each in a new browser profile against a fresh sandbox state.

    .venv/bin/python -m bench.journey [--runs 3]
"""

from __future__ import annotations

import argparse
import collections
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from preview.servers import stack  # noqa: E402
from tests.e2e.browser import launch_options  # noqa: E402

STEPS = ("home", "product", "add to cart", "checkout", "fill form", "order page")
SIGNED_IN_STEPS = ("sign in", "orders", "courses", "a course", "add to cart", "checkout", "order page")


class Recorder:
    def __init__(self, api_base: str) -> None:
        self.api_base = api_base
        self.calls: list[tuple[str, str, str]] = []

    def __call__(self, request) -> None:
        if request.url.startswith(self.api_base) and request.method != "OPTIONS":
            self.calls.append((request.method, request.url.removeprefix(self.api_base), request.post_data or ""))


def step(page: Page, recorder: Recorder, action, ready) -> tuple[float, list]:
    before = len(recorder.calls)
    started = time.perf_counter()
    action()
    ready()
    elapsed = (time.perf_counter() - started) * 1000
    page.wait_for_timeout(150)  # late requests belong to this step too
    return elapsed, recorder.calls[before:]


def visit(page: Page, site: str, recorder: Recorder) -> dict[str, tuple[float, list]]:
    out = {}

    def ready(view: str) -> object:
        return page.wait_for_selector(
            f"main[data-view={view}][data-view-state=ready]", state="attached", timeout=120_000
        )

    out["home"] = step(
        page,
        recorder,
        lambda: page.goto(site + "/"),
        lambda: page.wait_for_function(
            "performance.getEntriesByName('sf:catalog-rendered').length > 0", timeout=120_000
        ),
    )
    out["product"] = step(
        page,
        recorder,
        lambda: page.locator("main .card-link", has_text="Kaos Katun Premium").click(),
        lambda: (ready("product"), page.wait_for_selector("[data-slot=stock]:not(:empty)")),
    )

    out["add to cart"] = step(
        page,
        recorder,
        lambda: page.locator("button[data-slot=add]").click(),
        lambda: page.wait_for_selector("#cart-count:text('1')"),
    )
    out["checkout"] = step(
        page,
        recorder,
        lambda: page.locator("#cart-checkout").click(),
        lambda: (ready("checkout"), page.wait_for_selector("[data-slot=amounts][aria-busy=false]")),
    )

    def fill() -> None:
        page.fill("#co-name", "Budi Santoso")
        page.fill("#co-email", "budi@example.com")
        page.fill("#co-location-search", "cempaka")
        page.wait_for_selector("#co-location-results li")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        page.wait_for_function("document.querySelector('#co-postal_code').options.length > 1")
        page.select_option("#co-postal_code", "10510")
        page.fill("#co-address", "Jl. Cempaka Putih Tengah No. 12")
        page.locator("label.choice", has_text="Transfer Bank").click()

    out["fill form"] = step(page, recorder, fill, lambda: page.wait_for_selector("[data-slot=amounts] .total"))
    out["order page"] = step(
        page,
        recorder,
        lambda: page.locator("button[data-slot=place]").click(),
        lambda: (ready("order"), page.wait_for_selector(".pay-bank")),
    )
    return out


def visit_signed_in(page: Page, site: str, recorder: Recorder) -> dict[str, tuple[float, list]]:
    def ready(view: str) -> object:
        return page.wait_for_selector(
            f"main[data-view={view}][data-view-state=ready]", state="attached", timeout=120_000
        )

    def follow(path: str) -> object:
        script = "p => { const a = document.createElement('a'); a.href = p; document.body.append(a); a.click(); }"
        return page.evaluate(script, path)

    page.goto(site + "/signin")
    ready("signin")
    out = {}

    def sign_in() -> None:
        page.fill("#si-email", "siti@example.com")
        page.fill("#si-password", "Rahasia123!")
        page.keyboard.press("Enter")

    out["sign in"] = step(
        page, recorder, sign_in, lambda: (ready("account"), page.wait_for_selector("[data-slot=hello]:not(:empty)"))
    )
    out["orders"] = step(
        page,
        recorder,
        lambda: follow("/account/orders"),
        lambda: (ready("account_orders"), page.wait_for_selector(".order-row")),
    )
    out["courses"] = step(
        page,
        recorder,
        lambda: follow("/account/courses"),
        lambda: (ready("account_courses"), page.wait_for_selector("main .card")),
    )
    out["a course"] = step(
        page,
        recorder,
        lambda: page.locator("main .card-link").first.click(),
        lambda: (ready("account_course"), page.wait_for_selector(".lesson-link")),
    )

    def add_bottle() -> None:
        follow("/products/activelife-smart-bottle")
        ready("product")
        page.wait_for_selector("[data-slot=stock]:not(:empty)")
        page.locator("button[data-slot=add]").click()

    out["add to cart"] = step(page, recorder, add_bottle, lambda: page.wait_for_selector("#cart-count:text('1')"))
    out["checkout"] = step(
        page,
        recorder,
        lambda: page.locator("#cart-checkout").click(),
        lambda: (ready("checkout"), page.wait_for_selector("[data-slot=amounts] .total")),
    )

    def place() -> None:
        page.locator("label.choice", has_text="Transfer Bank").click()
        page.wait_for_function("document.querySelector('[data-slot=amounts]').getAttribute('aria-busy') === 'false'")
        page.locator("button[data-slot=place]").click()

    out["order page"] = step(page, recorder, place, lambda: (ready("order"), page.wait_for_selector(".pay-bank")))
    return out


def report(
    title: str, steps: tuple[str, ...], runs: list[dict[str, tuple[float, list]]], repeats: collections.Counter
) -> None:
    print(f"{title}, medians of {len(runs)} visits (cold profile each)\n")
    print(f"{'step':<14}{'usable after':>14}{'API requests':>14}  requests")
    print("-" * 100)
    for name in steps:
        elapsed = statistics.median(run[name][0] for run in runs)
        calls = runs[-1][name][1]
        listed = ", ".join(f"{m} {p.split('?')[0]}" for m, p, _ in calls) or "-"
        print(f"{name:<14}{elapsed:>11.0f} ms{len(calls):>14}  {listed}")
    print()
    if repeats:
        print("Identical requests repeated within a visit:")
        for (method, path, body), count in repeats.items():
            print(f"  {count}× {method} {path} {body[:80]}")
    else:
        print("Identical requests repeated within a visit: none")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description="Purchase journeys benchmark")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    journeys = {"guest": visit, "signed in": visit_signed_in}
    runs: dict[str, list[dict[str, tuple[float, list]]]] = {name: [] for name in journeys}
    repeats: dict[str, collections.Counter] = {name: collections.Counter() for name in journeys}
    with tempfile.TemporaryDirectory() as work, stack(Path(work) / "site") as live:
        with sync_playwright() as playwright:
            for run in range(args.runs):
                for name, journey in journeys.items():
                    httpx.post(f"{live.api_base}/__sandbox__/reset", headers={"X-Sandbox-Control": "1"})
                    profile = Path(work) / f"profile-{name}-{run}"
                    context = playwright.chromium.launch_persistent_context(
                        str(profile), viewport={"width": 1280, "height": 900}, **launch_options()
                    )
                    page = context.new_page()
                    recorder = Recorder(f"{live.api_base}/v3/stores/{live.settings.config.store_unique_id}")
                    page.on("request", recorder)
                    runs[name].append(journey(page, live.site_url, recorder))
                    seen = collections.Counter(recorder.calls)
                    repeats[name].update({call: n - 1 for call, n in seen.items() if n > 1})
                    context.close()
    report("Guest purchase journey", STEPS, runs["guest"], repeats["guest"])
    report("Signed-in journey", SIGNED_IN_STEPS, runs["signed in"], repeats["signed in"])


if __name__ == "__main__":
    main()
