"""Start-up benchmark: how long until a shopper sees the catalog, cold and warm.

Builds the site against a fresh sandbox, then opens the catalog in headless Chromium N times
with a new browser profile (cold: empty HTTP cache) and N times again with the same profile
reopened (warm: the runtime comes from the disk cache). Prints medians:

- first contentful paint (the pre-rendered shell);
- Python ready (the app's ``sf:python-ready`` mark) and catalog rendered (``sf:catalog-rendered``);
- main-thread blocking time (sum of long tasks beyond 50 ms each, until the catalog renders);
- bytes transferred (navigation + resources; the preview server does not compress, Cloudflare does);
- the page's memory: JS heap in use, and the proportional resident memory (PSS) of the
  renderer processes, which holds Pyodide's WebAssembly heap.

    .venv/bin/python -m bench.startup [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import BrowserContext, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from preview.servers import stack  # noqa: E402
from tests.e2e.browser import launch_options  # noqa: E402

LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => { window.__longTasks.push(...list.getEntries()); })
  .observe({type: 'longtask', buffered: true});
"""

COLLECT = """() => {
  const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
  const rendered = mark('sf:catalog-rendered');
  const tasks = window.__longTasks.filter((t) => t.startTime < rendered);
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  return {
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    python: mark('sf:python-ready'),
    catalog: rendered,
    blocking: tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
    longest: tasks.reduce((max, t) => Math.max(max, t.duration), 0),
    bytes: (nav?.transferSize ?? 0) + resources.reduce((sum, r) => sum + (r.transferSize || 0), 0),
    heap: performance.memory ? performance.memory.usedJSHeapSize : null,
  };
}"""


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


def visit(context: BrowserContext, url: str, profile: Path) -> dict[str, float]:
    page = context.new_page()
    page.add_init_script(LONG_TASKS)
    page.goto(url)
    page.wait_for_function("() => performance.getEntriesByName('sf:catalog-rendered').length > 0", timeout=120_000)
    page.wait_for_timeout(300)  # let the paint entries and long-task observer settle
    figures = page.evaluate(COLLECT)
    figures["pss"] = renderer_pss(profile)
    page.close()
    return figures


def measure(runs: int) -> dict[str, list[dict[str, float]]]:
    results: dict[str, list[dict[str, float]]] = {"cold": [], "warm": []}
    with tempfile.TemporaryDirectory() as work, stack(Path(work) / "site") as live:
        url = live.site_url + "/"
        with sync_playwright() as playwright:
            for run in range(runs):
                profile = Path(work) / f"profile-{run}"
                for kind in ("cold", "warm"):
                    context = playwright.chromium.launch_persistent_context(
                        str(profile), viewport={"width": 1280, "height": 900}, **launch_options()
                    )
                    results[kind].append(visit(context, url, profile))
                    context.close()
    return results


def median(rows: list[dict[str, float]], key: str) -> float | None:
    values = [row[key] for row in rows if row.get(key) is not None]
    return statistics.median(values) if values else None


def report(results: dict[str, list[dict[str, float]]], runs: int) -> str:
    lines = [
        f"Start-up of the catalog, medians of {runs} runs (headless Chromium, loopback, no compression)",
        "",
        f"{'metric':<34}{'cold':>14}{'warm':>14}",
        "-" * 62,
    ]
    rows = [
        ("first contentful paint", "fcp", "ms"),
        ("Python ready", "python", "ms"),
        ("catalog rendered", "catalog", "ms"),
        ("main-thread blocking time", "blocking", "ms"),
        ("longest main-thread task", "longest", "ms"),
        ("bytes transferred", "bytes", "MB"),
        ("JS heap in use", "heap", "MB"),
        ("renderer memory (PSS)", "pss", "MB"),
    ]
    for label, key, unit in rows:
        cells = []
        for kind in ("cold", "warm"):
            value = median(results[kind], key)
            if value is None:
                cells.append("n/a")
            elif unit == "MB":
                cells.append(f"{value / 1_000_000:.2f} MB")
            else:
                cells.append(f"{value:.0f} ms")
        lines.append(f"{label:<34}{cells[0]:>14}{cells[1]:>14}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Catalog start-up benchmark")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(report(measure(args.runs), args.runs))


if __name__ == "__main__":
    main()
