"""A large store's build: the demo seed grown to ``--products`` products (2,000 by default),
served by the sandbox with its rate limit, and built with the default (or given)
``STOREFRONT_PRERENDER_LIMIT``. Prints the build time, how many pages were rendered, the
requests the build made and how many met a 429, and the site's size.

    .venv/bin/python -m bench.large_store [--products 2000] [--limit 500] [--rate-limit 600 --rate-window 60]
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import build  # noqa: E402
from preview.servers import sandbox_app, serve  # noqa: E402
from scalev_sandbox import SandboxConfig  # noqa: E402
from scalev_sandbox.config import DEFAULT_SEED  # noqa: E402


def grown_seed(products: int) -> dict:
    """The demo seed with its products copied (new ids, slugs, names) up to ``products``."""
    seed = json.loads(DEFAULT_SEED.read_text())
    originals = list(seed["products"])
    next_variant = max(v["id"] for p in originals for v in p["variants"]) + 1
    for number in range(len(originals), products):
        product = copy.deepcopy(originals[number % len(originals)])
        product["id"] = 100_000 + number
        product["slug"] = f"{product['slug']}-{number}"
        product["name"] = f"{product['name']} {number}"
        for variant in product["variants"]:
            variant["id"], next_variant = next_variant, next_variant + 1
            variant["uuid"] = f"00000000-0000-4000-8000-{variant['id']:012d}"
            variant["unique_id"] = f"variant_bench{variant['id']}"
            variant["sku"] = f"{variant.get('sku') or 'SKU'}-{number}"
        seed["products"].append(product)
    return seed


class Counting:
    """Counts the sandbox's answers, and its 429s, as the build meets them."""

    def __init__(self, app) -> None:
        self.app, self.requests, self.limited = app, 0, 0

    async def __call__(self, scope, receive, send) -> None:
        async def counted(message) -> None:
            if message["type"] == "http.response.start":
                self.requests += 1
                self.limited += message["status"] == 429
            await send(message)

        await self.app(scope, receive, counted)


def main() -> None:
    parser = argparse.ArgumentParser(description="Build time and size for a large store")
    parser.add_argument("--products", type=int, default=2000)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--rate-limit", type=int, default=600, help="the sandbox's requests per window")
    parser.add_argument("--rate-window", type=int, default=60, help="seconds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        seed = Path(work) / "seed.json"
        seed.write_text(json.dumps(grown_seed(args.products)))
        config = SandboxConfig(seed_path=seed, rate_limit=args.rate_limit, rate_window_seconds=args.rate_window)
        counting = Counting(sandbox_app(config))
        with serve(counting) as api:
            options = {"STOREFRONT_SITE_URL": "https://toko.example.id"}
            if args.limit is not None:
                options["STOREFRONT_PRERENDER_LIMIT"] = str(args.limit)
            settings = build.BuildSettings.for_sandbox(f"http://127.0.0.1:{api.port}", options)
            started = time.monotonic()
            build.build(Path(work) / "site", settings)
            took = time.monotonic() - started
        site = Path(work) / "site"
        files = [p for p in site.rglob("*") if p.is_file()]
        pages = list((site / "_pages").rglob("*.html")) if (site / "_pages").exists() else []
        print(
            f"store: {args.products} products (+ the demo bundles); limit {settings.prerender_limit};"
            f" sandbox rate limit {args.rate_limit} requests per {args.rate_window} s"
        )
        print(f"build: {took:.1f} s, {counting.requests} requests to the store, {counting.limited} answered 429")
        print(f"pages rendered: {len(pages)} ({sum(p.stat().st_size for p in pages) / 1e6:.1f} MB)")
        print(f"site: {len(files)} files, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
