"""Journey benchmark: the reference guest purchase in Chromium, step by step.

home → product → add to cart → checkout → (fill the form) → order page. For each step it
prints the time until the view is usable and the API requests it made, then every request
repeated identically (method, URL and body) within the visit. Medians over ``--runs`` visits,
each in a new browser profile against a fresh sandbox state.

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


def main() -> None:
    parser = argparse.ArgumentParser(description="Guest purchase journey benchmark")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs: list[dict[str, tuple[float, list]]] = []
    repeats: collections.Counter = collections.Counter()
    with tempfile.TemporaryDirectory() as work, stack(Path(work) / "site") as live:
        with sync_playwright() as playwright:
            for run in range(args.runs):
                httpx.post(f"{live.api_base}/__sandbox__/reset")
                context = playwright.chromium.launch_persistent_context(
                    str(Path(work) / f"profile-{run}"), viewport={"width": 1280, "height": 900}, **launch_options()
                )
                page = context.new_page()
                recorder = Recorder(f"{live.api_base}/v3/stores/{live.settings.config.store_unique_id}")
                page.on("request", recorder)
                runs.append(visit(page, live.site_url, recorder))
                seen = collections.Counter(recorder.calls)
                repeats.update({call: n - 1 for call, n in seen.items() if n > 1})
                context.close()
    print(f"Guest purchase journey, medians of {args.runs} visits (cold profile each)\n")
    print(f"{'step':<14}{'usable after':>14}{'API requests':>14}  requests")
    print("-" * 100)
    for name in STEPS:
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


if __name__ == "__main__":
    main()
