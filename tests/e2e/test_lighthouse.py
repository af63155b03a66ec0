"""Lighthouse (pinned in package.json) on the catalog and a product page rendered at build time:
search engines, accessibility and best practices. Performance is measured by bench.startup,
not asserted here."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from .conftest import Shop

LIGHTHOUSE = Path(__file__).resolve().parents[2] / "node_modules" / ".bin" / "lighthouse"
MINIMUM = {"seo": 95, "accessibility": 95, "best-practices": 90}


@pytest.mark.parametrize("path", ["/", "/products/kaos-katun-premium"])
def test_lighthouse_scores(browser: Browser, shop: Shop, tmp_path: Path, path: str):
    assert LIGHTHOUSE.exists(), "lighthouse is missing: run `npm ci`"
    report = tmp_path / "report.json"
    done = subprocess.run(
        [
            str(LIGHTHOUSE),
            shop.url(path),
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(MINIMUM)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
        ],
        env={**os.environ, "CHROME_PATH": browser.browser_type.executable_path},
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0 and report.exists(), done.stderr[-2000:]
    found = json.loads(report.read_text())
    scores = {name: round(category["score"] * 100) for name, category in found["categories"].items()}
    failing = [
        f"{category}: {found['audits'][ref['id']]['title']}"
        for category, details in found["categories"].items()
        for ref in details["auditRefs"]
        if ref.get("weight") and found["audits"][ref["id"]].get("score") not in (None, 1)
    ]
    print(path, scores)
    assert all(scores[name] >= minimum for name, minimum in MINIMUM.items()), (scores, failing)
