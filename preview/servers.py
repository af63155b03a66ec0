"""Runs the sandbox and the static site in background threads of one process.

Used by the preview command, the end-to-end tests and the benchmarks, so they all start
the same stack the same way.
"""

from __future__ import annotations

import contextlib
import dataclasses
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import uvicorn
from starlette.types import ASGIApp

import build
from scalev_sandbox import SandboxConfig, create_app

from .static_server import PagesSite


def bind(host: str, port: int) -> socket.socket:
    """A listening socket; port 0 picks a free one."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    return sock


class BackgroundServer:
    def __init__(self, app: ASGIApp, sock: socket.socket, *, proxy_headers: bool = False) -> None:
        """``proxy_headers``: believe X-Forwarded-For (only behind a proxy of one's own; the
        sandbox's ``trust_forwarded_for``)."""
        self.sock = sock
        self.server = uvicorn.Server(
            uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", proxy_headers=proxy_headers)
        )
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)

    @property
    def port(self) -> int:
        return self.sock.getsockname()[1]

    def start(self) -> BackgroundServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)
        self.sock.close()


@contextlib.contextmanager
def serve(
    app: ASGIApp, host: str = "127.0.0.1", port: int = 0, *, proxy_headers: bool = False
) -> Iterator[BackgroundServer]:
    server = BackgroundServer(app, bind(host, port), proxy_headers=proxy_headers).start()
    try:
        yield server
    finally:
        server.stop()


def sandbox_app(config: SandboxConfig) -> ASGIApp:
    return create_app(config)


def site_app(root: Path) -> ASGIApp:
    return PagesSite(root)


@dataclasses.dataclass
class Stack:
    """A built site and a sandbox that trusts its origin, both on free loopback ports."""

    site_url: str
    api_base: str
    site_dir: Path
    sandbox: ASGIApp
    settings: build.BuildSettings
    storage_url: str  # the sandbox's second origin, for transfer-proof uploads


@contextlib.contextmanager
def stack(
    site_dir: Path, sandbox_config: SandboxConfig | None = None, build_env: dict[str, str] | None = None
) -> Iterator[Stack]:
    """Builds ``site_dir`` against a fresh sandbox and serves both until the block ends;
    ``build_env`` adds build settings (``STOREFRONT_*``).

    The sockets are bound first, so the build knows the API's and the site's URLs and the
    sandbox knows the site's origin before any server starts; the build runs once the sandbox
    answers, and renders the product pages from it. The sandbox answers on a second origin too, as the
    file storage that transfer proofs are uploaded to (Scalev's storage is a host of its own).
    """
    site_sock, api_sock, storage_sock = (bind("127.0.0.1", 0) for _ in range(3))
    site_url = f"http://127.0.0.1:{site_sock.getsockname()[1]}"
    api_base = f"http://127.0.0.1:{api_sock.getsockname()[1]}"
    storage_url = f"http://127.0.0.1:{storage_sock.getsockname()[1]}"
    options = {"STOREFRONT_UPLOAD_ORIGINS": storage_url, "STOREFRONT_SITE_URL": site_url, **(build_env or {})}
    settings = build.BuildSettings.for_sandbox(api_base, options)
    config = dataclasses.replace(
        sandbox_config or SandboxConfig(),
        extra_origins=(*(sandbox_config.extra_origins if sandbox_config else ()), site_url),
        storage_base_url=storage_url,
    )
    sandbox = sandbox_app(config)
    trusted = config.trust_forwarded_for
    api = BackgroundServer(sandbox, api_sock, proxy_headers=trusted).start()
    storage = BackgroundServer(sandbox, storage_sock, proxy_headers=trusted).start()
    try:
        build.build(site_dir, settings)  # with the sandbox up: product pages are rendered from it
        site = BackgroundServer(site_app(site_dir), site_sock).start()
        try:
            yield Stack(site_url, api_base, site_dir, sandbox, settings, storage_url)
        finally:
            site.stop()
    finally:
        storage.stop()
        api.stop()
