"""``python -m preview``: builds, serves site and sandbox, prints the URL, stops on Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

import build
from preview.servers import bind

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    sock.close()
    return port


def test_preview_serves_both_and_stops_cleanly_on_ctrl_c(tmp_path: Path):
    site_port, api_port, storage_port = free_port(), free_port(), free_port()
    command = [
        sys.executable,
        "-m",
        "preview",
        "--port",
        str(site_port),
        "--api-port",
        str(api_port),
        "--storage-port",
        str(storage_port),
        "--site-dir",
        str(tmp_path / "site"),
    ]
    env = {**os.environ, "SANDBOX_DB": str(tmp_path / "sandbox.sqlite3")}
    # Started with Ctrl-C ignored, as a shell's background job or some CI runners start it: the
    # preview must still stop on it.
    with subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    ) as process:
        try:
            check_preview(process, site_port, api_port, tmp_path)
            bind("127.0.0.1", storage_port).close()
        finally:
            if process.poll() is None:
                process.kill()


def check_preview(process: subprocess.Popen, site_port: int, api_port: int, tmp_path: Path) -> None:
    lines = []
    deadline = time.monotonic() + 60
    while not any(line.startswith("Storefront:") for line in lines):
        assert time.monotonic() < deadline and process.poll() is None, lines
        lines.append(process.stdout.readline())
    assert f"http://localhost:{site_port}/" in lines[-1]
    page = httpx.get(f"http://127.0.0.1:{site_port}/products/kaos-katun-premium")
    assert page.status_code == 200 and f"127.0.0.1:{api_port}" in page.text
    demo = build.demo_store()
    api = httpx.get(
        f"http://127.0.0.1:{api_port}/v3/stores/{demo.unique_id}/public/items/count",
        headers={"X-Scalev-Storefront-Api-Key": demo.storefront_key, "Origin": f"http://localhost:{site_port}"},
    )
    assert api.json()["total"] > 0
    assert api.headers["access-control-allow-origin"] == f"http://localhost:{site_port}"
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=15) == 0
    bind("127.0.0.1", site_port).close()  # the ports are free again (wrangler's too)
    bind("127.0.0.1", api_port).close()
    assert (tmp_path / "sandbox.sqlite3").exists()  # preview state is kept on disk
