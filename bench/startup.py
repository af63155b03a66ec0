"""Start-up benchmark: how long until a shopper can use the catalog, against a stock PyScript page.

One sandbox; four sites built from it, each on its own loopback origin and served by the
same preview server:

- ``stock``: a stock PyScript page (``<script type="py">`` that only marks the moment it
  runs) on the same vendored runtime, PyScript's defaults, nothing of the shop;
- ``source``: the shop with its Python as source and no snapshot (``build.py --source``), as
  it shipped before bytecode and snapshot;
- ``bytecode``: the shop with precompiled bytecode but no snapshot (``--no-snapshot``);
- ``shop``: the shop as built by default (bytecode, and the snapshot restored on later visits).

Each is opened ``--runs`` times in a new headless Chromium profile (cold: empty HTTP cache),
then again in the same profile reopened (warm; for ``shop`` once its snapshot is kept, so the
warm visit restores it). Medians of: Python ready, catalog rendered (the stock page: Python
ready), main-thread blocking until then (long tasks beyond 50 ms each) and the longest task,
the page's memory (JS heap as the page reports it and after a full garbage collection, and
the renderer processes' PSS that holds the WebAssembly heap),
and the first visit's bytes until usable: raw, and compressed as Cloudflare serves them
(gzip level 6 of the types it compresses; brotli is smaller still; zip and gz files as is).
The snapshot a first visit fetches in idle time is printed apart.

Then a throttled first visit (CDP: 9 Mbit/s down, 3 Mbit/s up, 150 ms round trip, CPU 4×
slower), and Lighthouse's mobile run (its simulated slow 4G and 4× CPU) on the catalog and a
product page when the pinned ``lighthouse`` is installed (``npm ci``), on the sites as the
preview serves them (uncompressed) and gzip-compressed as Cloudflare serves them.

    .venv/bin/python -m bench.startup [--runs 5] [--throttled-runs 3] [--no-lighthouse]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, Playwright, Response, sync_playwright
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import build  # noqa: E402
from preview.servers import BackgroundServer, bind, site_app, stack  # noqa: E402
from scalev_sandbox import SandboxConfig  # noqa: E402
from storefront.routes import NOT_FOUND, ROUTES  # noqa: E402
from tests.e2e.browser import launch_options  # noqa: E402

VARIANTS = ("stock", "source", "bytecode", "shop")
PRODUCT = "/products/tas-ransel-urban"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
# What Cloudflare compresses (its list of content types), as far as this site serves them.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/wasm", "image/svg")

STOCK_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>stock PyScript</title><link rel="icon" href="data:,">
<script type="module" src="{core}"></script></head>
<body><script type="py">
import js
js.performance.mark("sf:python-ready")
js.performance.mark("sf:catalog-rendered")
</script></body></html>
"""

LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => { window.__longTasks.push(...list.getEntries()); })
  .observe({type: 'longtask', buffered: true});
"""

COLLECT = """() => {
  const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
  const ready = mark('sf:catalog-rendered');
  const tasks = window.__longTasks.filter((t) => t.startTime < ready);
  return {
    python: mark('sf:python-ready'),
    ready,
    blocking: tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
    longest: tasks.reduce((max, t) => Math.max(max, t.duration), 0),
    heap: performance.memory ? performance.memory.usedJSHeapSize : null,
    boot: document.documentElement.dataset.boot ?? null,
    used: [performance.getEntriesByType('navigation')[0].name].concat(
      performance.getEntriesByType('resource').filter((r) => r.startTime < ready).map((r) => r.name)),
  };
}"""

CATALOG_RENDERED = "() => performance.getEntriesByName('sf:catalog-rendered').length > 0"
SNAPSHOT_KEPT = "async () => 'caches' in self && (await (await caches.open('storefront-snapshot')).keys()).length > 0"


def renderer_pss(profile: Path) -> int:
    """Proportional resident bytes (shared pages split between sharers) of the renderer
    processes started for ``profile``."""
    total = 0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ")
            if b"--type=renderer" not in cmdline or str(profile).encode() not in cmdline:
                continue
            for line in (proc / "smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def shipped_bytes(used: list[str], responses: list[Response]) -> tuple[int, int]:
    """Raw and compressed bytes of the responses the page used before it was usable."""
    by_url: dict[str, Response] = {}
    for response in responses:
        by_url.setdefault(response.url, response)
    raw = packed = 0
    for url in used:
        found = by_url.get(url)
        if found is None or found.status >= 300:
            continue
        try:
            body = found.body()
        except Exception:  # a body Chromium did not keep (rare): counted as nothing
            continue
        kind = found.headers.get("content-type", "")
        raw += len(body)
        packed += len(gzip.compress(body, 6)) if kind.startswith(COMPRESSED_TYPES) else len(body)
    return raw, packed


def throttle(context: BrowserContext, page: Page) -> None:
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 150, "downloadThroughput": 9e6 / 8, "uploadThroughput": 3e6 / 8},
    )
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})


def visit(
    context: BrowserContext, url: str, profile: Path, *, throttled: bool = False, keep: bool = False
) -> dict[str, Any]:
    page = context.new_page()
    if throttled:
        throttle(context, page)
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))
    page.add_init_script(LONG_TASKS)
    page.goto(url)
    page.wait_for_function(CATALOG_RENDERED, timeout=180_000)
    page.wait_for_timeout(300)  # let the long-task observer settle
    figures = page.evaluate(COLLECT)
    figures["pss"] = renderer_pss(profile)
    # What stays once garbage is collected: the heap above also counts what a start has already
    # let go (a restore's 30 MB snapshot copy, for one).
    cdp = context.new_cdp_session(page)
    cdp.send("HeapProfiler.collectGarbage")
    figures["heap_live"] = cdp.send("Runtime.getHeapUsage")["usedSize"]
    figures["raw"], figures["packed"] = shipped_bytes(figures.pop("used"), responses)
    if keep:
        keep_snapshot(page)
    page.close()
    return figures


def keep_snapshot(page: Page) -> None:
    """Waits (≤ 30 s) for the idle-time fetch to keep the snapshot, for the next, warm visit."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not page.evaluate(SNAPSHOT_KEPT):
        page.wait_for_timeout(250)


#: Sites served once more, compressed, for Lighthouse: variant → the site it serves.
COMPRESSED = {"source-gz": "source", "shop-gz": "shop"}


def compressed(app: ASGIApp) -> ASGIApp:
    """The site gzip-compressed as Cloudflare serves it (not archives, not raster images)."""
    raw = ("application/zip", "application/gzip", "application/x-gzip", "application/octet-stream", "image/png")
    return GZipMiddleware(app, minimum_size=1024, compresslevel=6, exclude_content_types=(*raw, "image/jpeg"))


@contextlib.contextmanager
def variants(work: Path) -> Iterator[dict[str, str]]:
    """The sites, each on its own origin (so each has its own caches), as name → URL."""
    names = [name for name in VARIANTS if name != "shop"] + list(COMPRESSED)
    socks = {name: bind("127.0.0.1", 0) for name in names}
    origins = {name: f"http://127.0.0.1:{sock.getsockname()[1]}" for name, sock in socks.items()}
    sandbox = SandboxConfig(extra_origins=tuple(origins.values()))
    with stack(work / "shop", sandbox) as live:
        build.build(work / "source", live.settings, bytecode=False)
        build.build(work / "bytecode", live.settings, snapshot=False)
        index = (work / "source" / "index.html").read_text()
        core = next(part.split('"')[0] for part in index.split('src="')[1:] if '/core.js"' in part.split(">")[0])
        (work / "source" / "stock.html").write_text(STOCK_PAGE.format(core=core))
        sites = {"stock": "source", **COMPRESSED}
        servers = []
        for name, sock in socks.items():
            app = site_app(work / sites.get(name, name))
            servers.append(BackgroundServer(compressed(app) if name in COMPRESSED else app, sock).start())
        try:
            urls = {name: origins[name] + ("/stock" if name == "stock" else "/") for name in socks}
            yield {**urls, "shop": live.site_url + "/", "snapshot": str(snapshot_size(work / "shop"))}
        finally:
            for server in servers:
                server.stop()


def snapshot_size(site: Path) -> int:
    return sum(path.stat().st_size for path in (site / "pkg").glob("snapshot-*.bin.gz"))


def measure(playwright: Playwright, work: Path, urls: dict[str, str], runs: int, throttled_runs: int) -> dict:
    results: dict[Any, Any] = {}
    for run in range(max(runs, throttled_runs)):
        for name in VARIANTS:
            profile = work / f"profile-{name}-{run}"
            kinds = (("cold", "warm") if run < runs else ()) + (("throttled",) if run < throttled_runs else ())
            for kind in kinds:
                fresh = kind == "throttled"
                context = playwright.chromium.launch_persistent_context(
                    str(profile) + ("-throttled" if fresh else ""),
                    viewport={"width": 1280, "height": 900},
                    **launch_options(),
                )
                keep = name == "shop" and kind == "cold"
                results.setdefault((name, kind), []).append(
                    visit(context, urls[name], profile, throttled=fresh, keep=keep)
                )
                context.close()
    if runs:
        context = playwright.chromium.launch_persistent_context(
            str(work / "profile-shop-0"), viewport={"width": 1280, "height": 900}, **launch_options()
        )
        results["moves"] = shells_and_moves(context, urls["shop"])
        context.close()
    return results


MOVE = """async ([how, mark]) => {
  const before = performance.getEntriesByName(mark).length;
  const started = performance.now();
  if (how === 'back') history.back(); else if (how === 'forward') history.forward();
  else document.querySelector(how).click();
  while (performance.getEntriesByName(mark).length === before) await new Promise((r) => setTimeout(r, 5));
  return performance.getEntriesByName(mark).at(-1).startTime - started;
}"""

#: In-app moves timed from the click (or history step) to the view's ready mark.
MOVES = (
    ("catalog → product (data fetched)", "a.card-link[href^='/products/']", "sf:view-ready:product"),
    ("back to the catalog (data cached)", "back", "sf:view-ready:catalog"),
    ("forward to the product (data cached)", "forward", "sf:view-ready:product"),
    ("back to the catalog again (cached)", "back", "sf:view-ready:catalog"),
)


def shells_and_moves(context: BrowserContext, url: str) -> list[tuple[str, float | None]]:
    """First paint of every route's shell (warm), then the in-app moves of ``MOVES``."""
    rows: list[tuple[str, float | None]] = []
    for route in (*ROUTES, NOT_FOUND):
        path = "/".join("contoh" if part.startswith(":") else part for part in route.pattern.split("/"))
        page = context.new_page()
        page.goto(url.rstrip("/") + path)
        page.wait_for_function("() => performance.getEntriesByName('first-contentful-paint').length > 0")
        rows.append((f"first paint {path}", page.evaluate(FIRST_PAINT)))
        page.close()
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(CATALOG_RENDERED, timeout=60_000)
    for label, how, mark in MOVES:
        rows.append((label, page.evaluate(MOVE, [how, mark])))
    page.close()
    return rows


FIRST_PAINT = "() => performance.getEntriesByName('first-contentful-paint')[0].startTime"


def median(rows: list[dict[str, Any]], key: str) -> float | None:
    values = [row[key] for row in rows if isinstance(row.get(key), (int, float))]
    return statistics.median(values) if values else None


def cell(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "MB":
        return f"{value / 1_000_000:.2f} MB"
    if unit == "x":
        return f"{value:.2f}×"
    return f"{value:.0f} ms"


ROWS = (
    ("Python ready", "python", "ms"),
    ("usable (catalog rendered)", "ready", "ms"),
    ("main-thread blocking until usable", "blocking", "ms"),
    ("longest task until usable", "longest", "ms"),
    ("bytes until usable, raw", "raw", "MB"),
    ("bytes until usable, compressed", "packed", "MB"),
    ("JS heap in use", "heap", "MB"),
    ("JS heap after a full GC", "heap_live", "MB"),
    ("renderer memory (PSS)", "pss", "MB"),
)


def report(results: dict, runs: int, throttled_runs: int, snapshot: int) -> str:
    lines = [f"Start-up, medians of {runs} runs (headless Chromium, loopback)", ""]
    for kind in ("cold", "warm", "throttled"):
        if kind == "throttled":
            lines += ["", f"Throttled first visit, medians of {throttled_runs} (9 Mbit/s, 150 ms RTT, CPU 4×)"]
        else:
            lines += ["", f"{kind} visit"]
        lines.append(f"{'metric':<36}" + "".join(f"{name:>11}" for name in VARIANTS) + f"{'shop/stock':>12}")
        for label, key, unit in ROWS:
            if kind == "warm" and key in ("raw", "packed"):
                continue
            values = [median(results.get((name, kind), []), key) for name in VARIANTS]
            ratio = values[-1] / values[0] if values[0] and values[-1] is not None and unit == "ms" else None
            lines.append(
                f"{label:<36}"
                + "".join(f"{cell(value, unit):>11}" for value in values)
                + f"{cell(ratio, 'x') if ratio else '':>12}"
            )
        boots = [",".join(sorted({str(row["boot"]) for row in results.get((name, kind), [])})) for name in VARIANTS]
        lines.append(f"{'how Python started':<36}" + "".join(f"{boot:>11}" for boot in boots))
    if results.get("moves"):
        lines += ["", "shop, warm: first paint of each route's shell, and moves inside the app"]
        lines += [f"  {label:<44}{cell(value, 'ms'):>10}" for label, value in results["moves"]]
    source = median(results.get(("source", "cold"), []), "packed")
    shop = median(results.get(("shop", "cold"), []), "packed")
    if source and shop:
        lines += ["", f"first visit compressed bytes, shop / source build: {shop / source:.2f}×"]
    lines.append(f"snapshot fetched in idle time after a first visit (gzip, not recompressed): {snapshot / 1e6:.2f} MB")
    return "\n".join(lines)


LIGHTHOUSE_AUDITS = (
    ("first-contentful-paint", "FCP"),
    ("largest-contentful-paint", "LCP"),
    ("total-blocking-time", "TBT"),
    ("cumulative-layout-shift", "CLS"),
    ("speed-index", "SI"),
    ("total-byte-weight", "bytes"),
)


def lighthouse(url: str, chromium: str, out: Path) -> str:
    flags = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
    done = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}", f"--chrome-flags={flags}"],
        env={**os.environ, "CHROME_PATH": chromium},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0 or not out.exists():
        return f"lighthouse failed: {done.stderr.strip().splitlines()[-1:] or done.returncode}"
    found = json.loads(out.read_text())
    score = found["categories"]["performance"]["score"]
    parts = [f"performance {round(score * 100) if score is not None else 'n/a'}"]
    for audit, label in LIGHTHOUSE_AUDITS:
        parts.append(f"{label} {found['audits'][audit]['displayValue']}")
    return ", ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description="Start-up benchmark")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--throttled-runs", type=int, default=3)
    parser.add_argument("--no-lighthouse", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch, variants(Path(scratch)) as urls, sync_playwright() as playwright:
        work = Path(scratch)
        snapshot = int(urls.pop("snapshot"))
        results = measure(playwright, work, urls, args.runs, args.throttled_runs)
        print(report(results, args.runs, args.throttled_runs, snapshot), flush=True)
        if args.no_lighthouse:
            return
        if not LIGHTHOUSE.exists():
            print("\nLighthouse: not installed (npm ci installs the pinned one)")
            return
        chromium = launch_options().get("executable_path") or playwright.chromium.executable_path
        print("\nLighthouse mobile (simulated slow 4G, CPU 4×); -gz: served gzip-compressed as Cloudflare would")
        for name in ("source", "shop", *COMPRESSED):
            for path in ("/", PRODUCT):
                url = urls[name].rstrip("/") + path
                print(f"  {name:<10} {path:<28} {lighthouse(url, chromium, work / f'lh-{name}.json')}", flush=True)


if __name__ == "__main__":
    main()
