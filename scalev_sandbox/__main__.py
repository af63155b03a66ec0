"""``python -m scalev_sandbox``: serve the sandbox on loopback."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import Any

import uvicorn

from .app import create_app
from .config import SandboxConfig


def main() -> None:
    parser = argparse.ArgumentParser(description="Local Scalev Storefront API v3 sandbox")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8787)
    parser.add_argument("--origin", action="append", default=[], help="extra allowed browser origin (repeatable)")
    parser.add_argument("--seed", type=Path, help="seed file (default: the demo store)")
    parser.add_argument("--db", type=Path, help="SQLite file that keeps state across restarts")
    args = parser.parse_args()
    config = SandboxConfig.from_env()
    overrides: dict[str, Any] = {}
    if args.origin:
        overrides["extra_origins"] = config.extra_origins + tuple(args.origin)
    if args.seed:
        overrides["seed_path"] = args.seed
    if args.db:
        overrides["db_path"] = args.db
    config = dataclasses.replace(config, **overrides)
    uvicorn.run(
        create_app(config),
        host=args.host,
        port=args.port,
        log_level="warning",
        proxy_headers=config.trust_forwarded_for,
    )


if __name__ == "__main__":
    main()
