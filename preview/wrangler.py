"""Cloudflare's own runtime for the built site: ``wrangler pages dev`` (it runs ``workerd``),
pinned in package.json, with the ``compatibility_date`` of ``wrangler.toml``.

The preview serves the site with it, so what a merchant tries is what Cloudflare Pages does
with the site's ``_headers`` and ``_redirects``. The tests and benchmarks keep the in-process
emulation of ``static_server.py`` (measured: one ``wrangler pages dev`` takes 1.3 s to start
and 380 MB of memory, and a test run starts several sites), held to this runtime's answers by
``tests/contract/test_pages_parity.py``.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
WRANGLER = ROOT / "node_modules" / ".bin" / "wrangler"


def compatibility_date() -> str:
    found = re.search(r'^compatibility_date = "([\d-]+)"', (ROOT / "wrangler.toml").read_text(), re.MULTILINE)
    if found is None:
        raise RuntimeError("wrangler.toml has no compatibility_date")
    return found.group(1)


@contextlib.contextmanager
def pages_dev(site_dir: Path, port: int, host: str = "127.0.0.1") -> Iterator[str]:
    """Serves ``site_dir`` until the block ends; yields its URL once it answers. Wrangler's
    own state and log stay in a scratch folder, out of the site."""
    if not WRANGLER.exists():
        raise RuntimeError("wrangler is missing: run `npm ci`")
    command = [str(WRANGLER), "pages", "dev", str(site_dir.resolve()), "--ip", host, "--port", str(port)]
    env = {**os.environ, "WRANGLER_SEND_METRICS": "false", "NO_UPDATE_NOTIFIER": "1"}
    url = f"http://{host}:{port}"
    with tempfile.TemporaryDirectory(prefix="wrangler-") as work:
        command += ["--compatibility-date", compatibility_date(), "--persist-to", f"{work}/state"]
        log = Path(work) / "wrangler.log"
        with log.open("wb") as output:
            process = subprocess.Popen(command, cwd=work, env=env, stdout=output, stderr=subprocess.STDOUT)
            try:
                deadline = time.monotonic() + 60
                while True:
                    try:
                        httpx.get(url + "/", timeout=1)
                        break
                    except httpx.TransportError:
                        if process.poll() is not None or time.monotonic() > deadline:
                            raise RuntimeError(f"wrangler pages dev did not start:\n{log.read_text()}") from None
                        time.sleep(0.2)
                yield url
            finally:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
