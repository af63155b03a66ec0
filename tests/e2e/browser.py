"""Launching Chromium for tests and benchmarks, with nothing allowed off the machine."""

from __future__ import annotations

import os
import shutil

#: Every hostname but loopback fails to resolve, so an off-site request shows up as a failure.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def chromium_executable() -> str | None:
    """Debian's Chromium when present (root machines), else Playwright's own download."""
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit:
        return explicit
    return shutil.which("chromium") or shutil.which("chromium-browser")


def launch_options() -> dict:
    options: dict = {"args": CHROMIUM_ARGS}
    executable = chromium_executable()
    if executable:
        options["executable_path"] = executable
    return options
