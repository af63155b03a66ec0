"""``python -m scalev_sandbox``: serve the sandbox on loopback."""

from __future__ import annotations

import argparse

import uvicorn

from .app import create_app
from .config import SandboxConfig


def main() -> None:
    parser = argparse.ArgumentParser(description="Local Scalev Storefront API v3 sandbox")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8787)
    parser.add_argument(
        "--origin", action="append", default=[], help="extra allowed browser origin (repeatable)"
    )
    args = parser.parse_args()
    config = SandboxConfig.from_env()
    if args.origin:
        config = SandboxConfig.from_env(extra_origins=config.extra_origins + tuple(args.origin))
    uvicorn.run(create_app(config), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
