"""``python -m preview``: build the site, start the sandbox and serve the site with Cloudflare's
runtime (``wrangler pages dev``), print the URL.

Ctrl-C stops both servers cleanly.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import signal
import threading
from pathlib import Path

import build
from scalev_sandbox import SandboxConfig

from .servers import bind, sandbox_app, serve
from .wrangler import pages_dev

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    # Ctrl-C stops the preview even when it was started with SIGINT ignored (a background job).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=3000, help="static site port")
    parser.add_argument("--api-port", type=int, default=8787, help="sandbox port")
    parser.add_argument("--storage-port", type=int, default=8788, help="sandbox's file-storage port (uploads)")
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site", help="where to build")
    args = parser.parse_args()

    external_api = bool(os.environ.get("SCALEV_API_BASE"))
    try:
        settings = (
            build.BuildSettings.from_env()
            if external_api
            else build.BuildSettings.for_sandbox(
                f"http://127.0.0.1:{args.api_port}",
                {
                    "STOREFRONT_UPLOAD_ORIGINS": f"http://127.0.0.1:{args.storage_port}",
                    "STOREFRONT_SITE_URL": f"http://localhost:{args.port}",
                    **os.environ,
                },
            )
        )
    except build.SettingsError as exc:
        raise SystemExit(f"preview: {exc}") from None
    bind("127.0.0.1", args.port).close()  # fail early and clearly when the port is taken
    stop = threading.Event()
    if external_api:
        build.build(args.site_dir, settings)
        # Cloudflare's own runtime (workerd) applies the site's _headers and _redirects.
        with pages_dev(args.site_dir, args.port):
            print(f"API: {settings.config.store_root}")
            print(f"Storefront: http://localhost:{args.port}/  (Ctrl-C to stop)", flush=True)
            _wait(stop)
        return
    origins = (f"http://localhost:{args.port}", f"http://127.0.0.1:{args.port}")
    config = SandboxConfig.from_env(extra_origins=origins, storage_base_url=f"http://127.0.0.1:{args.storage_port}")
    if config.db_path is None:  # keep carts, orders and sign-ins across preview restarts
        config = dataclasses.replace(config, db_path=ROOT / ".sandbox" / "sandbox.sqlite3")
    sandbox = sandbox_app(config)
    trusted = config.trust_forwarded_for
    with (
        serve(sandbox, port=args.api_port, proxy_headers=trusted) as api,
        serve(sandbox, port=args.storage_port, proxy_headers=trusted),
    ):
        build.build(args.site_dir, settings)  # with the sandbox up: product pages come from it
        with pages_dev(args.site_dir, args.port):
            print(f"Sandbox API: http://127.0.0.1:{api.port}/v3/stores/{settings.config.store_unique_id}")
            print(f"Sandbox file storage (transfer proofs): http://127.0.0.1:{args.storage_port}")
            print(f"Storefront: http://localhost:{args.port}/  (Ctrl-C to stop)", flush=True)
            _wait(stop)


def _wait(stop: threading.Event) -> None:
    try:
        stop.wait()
    except KeyboardInterrupt:
        print("\nstopping")


if __name__ == "__main__":
    main()
