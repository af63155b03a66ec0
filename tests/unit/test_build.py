"""The built site: shells, runtime, package, and Cloudflare Pages rules."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import build
from storefront.routes import NOT_FOUND, ROUTES

#: A URL with a literal host (``https://${host}`` templates build URLs from arguments at run time).
URL = re.compile(rb"""https?://[A-Za-z0-9][^\s"'`)<>\\]*""")
#: Hosts that appear in the vendored runtime only inside messages, comments or XML namespaces;
#: nothing is ever fetched from them. Anything else found in site/ fails the build test.
NON_FETCHED_HOSTS = {
    "www.w3.org",  # SVG/XHTML namespace identifiers
    "developer.mozilla.org",  # links in PyScript/Pyodide error messages
    "docs.pyscript.net",
    "pyscript.github.io",
    "packages.pyscript.net",  # link printed in a console warning about `packages`
    "github.com",  # issue links in error messages
    "bugs.chromium.org",  # comment in pyodide.asm.mjs
    "0.0.0.0",  # default host in an unused dev-server snippet
}
LOOPBACK = {"127.0.0.1", "localhost"}


def test_no_file_in_the_site_points_at_an_off_site_runtime(built_site: Path):
    offenders = set()
    for path in built_site.rglob("*"):
        if path.is_file() and path.suffix != ".wasm":
            for url in URL.findall(path.read_bytes()):
                host = urlsplit(url.decode()).hostname or ""
                if host and host not in NON_FETCHED_HOSTS | LOOPBACK:
                    offenders.add(f"{path.relative_to(built_site)}: {url.decode()}")
    assert not offenders, sorted(offenders)


def test_the_scan_would_catch_a_cdn_url():
    assert URL.findall(b'import("https://cdn.jsdelivr.net/pyodide/v1/full/pyodide.mjs")') == [
        b"https://cdn.jsdelivr.net/pyodide/v1/full/pyodide.mjs"
    ]
    assert "cdn.jsdelivr.net" not in NON_FETCHED_HOSTS


def test_cdn_defaults_in_the_runtime_are_rewritten_to_local_paths(built_site: Path):
    vendor = build.Vendor.installed()
    core = next((built_site / vendor.pyscript.lstrip("/")).glob("core-*.js")).read_text()
    assert f"{vendor.pyodide}/pyodide.mjs" in core
    assert "jsdelivr" not in core


def test_every_route_has_a_shell_and_every_deep_link_rule_points_at_one(built_site: Path):
    for route in (*ROUTES, NOT_FOUND):
        html = (built_site / route.shell).read_text()
        assert f'data-view="{route.name}"' in html
    rules = (built_site / "_redirects").read_text().split("\n")
    targets = [line.split()[1] for line in rules if line and not line.startswith("#")]
    assert targets, "no deep-link rules"
    for target in targets:
        assert (built_site / f"{target.lstrip('/')}.html").is_file(), target


def test_pages_load_python_with_a_hashed_package_and_a_local_interpreter(built_site: Path):
    html = (built_site / "index.html").read_text()
    config_url = re.search(r'<script type="py" config="([^"]+)"', html).group(1)
    config = json.loads((built_site / config_url.lstrip("/")).read_text())
    pyodide = build.Vendor.installed().pyodide
    assert re.fullmatch(r"/assets/boot-[0-9a-f]{12}\.mjs", config["interpreter"])
    boot = (built_site / config["interpreter"].lstrip("/")).read_text()
    assert f'from "{pyodide}/pyodide.mjs"' in boot  # the vendored runtime, restored or started by boot.mjs
    assert "__SNAPSHOT__" not in boot and "__PYODIDE__" not in boot and "__COMPILE_WORKER__" not in boot
    worker = re.search(r'COMPILE_WORKER = "(/assets/compile-worker-[0-9a-f]{12}\.mjs)"', boot).group(1)
    assert "compileStreaming" in (built_site / worker.lstrip("/")).read_text()
    (package_url,) = config["files"]
    assert re.fullmatch(r"/pkg/storefront-[0-9a-f]{12}\.zip", package_url)
    names = zipfile.ZipFile(built_site / package_url.lstrip("/")).namelist()
    assert "storefront/browser/app.pyc" in names  # precompiled, without sources
    assert not [name for name in names if name.endswith(".py")]
    assert not [name for name in names if "httpx" in name]  # the CPython transport lives outside the package


def test_the_package_archive_is_reproducible():
    assert build.pack_storefront() == build.pack_storefront()


def test_store_settings_come_from_the_environment(tmp_path: Path):
    settings = build.BuildSettings.from_env(
        {
            "SCALEV_API_BASE": "https://api.scalev.com/",
            "SCALEV_STORE_UNIQUE_ID": "store_merchant1",
            "SCALEV_STOREFRONT_API_KEY": "sfpk_live_1",
            "STOREFRONT_STORE_NAME": "Toko <Budi> & Co",
        }
    )
    build.render_pages(
        tmp_path,
        settings,
        {
            k: f"/{k}"
            for k in (
                "css",
                "pyscript_js",
                "pyscript_css",
                "pyscript_config",
                "boot",
                "pyodide",
                "package",
                "prefetch",
                "stdlib",
            )
        },
    )
    html = (tmp_path / "index.html").read_text()
    config = json.loads(re.search(r'id="sf-config">(.*?)</script>', html).group(1))
    assert config == {
        "api_base": "https://api.scalev.com",
        "store_unique_id": "store_merchant1",
        "storefront_api_key": "sfpk_live_1",
        "store_name": "Toko <Budi> & Co",
        "default_locale": "id",
        "after_checkout": "storefront",
        "timezone": "WIB",
        "meta_pixel_id": "",
        "tiktok_pixel_id": "",
        "snackvideo_pixel_id": "",
        "tracking_consent": "implied",
        "recaptcha_site_key": "",
    }
    assert "Toko &lt;Budi&gt; &amp; Co" in html and "<Budi>" not in html
    policy = dict(directive.split(" ", 1) for directive in build.content_security_policy(settings).split("; "))
    assert policy["connect-src"] == "'self' https://api.scalev.com https://files.scalev.com"
    assert policy["script-src"] == "'self' 'wasm-unsafe-eval' 'unsafe-eval'"  # no inline, no remote script
    assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'"
    assert f"Content-Security-Policy: {build.content_security_policy(settings)}" in build.headers_file(settings)


def test_a_pixels_hosts_are_allowed_only_when_its_channel_is_on():
    env = {"SCALEV_API_BASE": "https://api.scalev.com", "SCALEV_STORE_UNIQUE_ID": "s", "SCALEV_STOREFRONT_API_KEY": "k"}

    def policy(extra: dict[str, str]) -> dict[str, str]:
        text = build.content_security_policy(build.BuildSettings.from_env({**env, **extra}))
        return dict(directive.split(" ", 1) for directive in text.split("; "))

    off = policy({})
    assert "facebook" not in str(off) and "tiktok" not in str(off) and "google" not in str(off)
    meta = policy({"STOREFRONT_META_PIXEL_ID": "1234567890"})
    assert (
        meta["script-src"].endswith("https://connect.facebook.net")
        and "https://www.facebook.com" in meta["connect-src"]
    )
    assert "tiktok" not in str(meta) and "kwai" not in str(meta)
    every = policy(
        {
            "STOREFRONT_META_PIXEL_ID": "1",
            "STOREFRONT_TIKTOK_PIXEL_ID": "C4ABC",
            "STOREFRONT_SNACKVIDEO_PIXEL_ID": "2",
            "STOREFRONT_RECAPTCHA_SITE_KEY": "6Lc_key",
        }
    )
    assert {"https://analytics.tiktok.com", "https://s1.kwai.net", "https://www.gstatic.com"} <= set(
        every["script-src"].split()
    )
    assert every["frame-src"] == "https://www.google.com"
    with pytest.raises(build.SettingsError, match="meta_pixel_id"):
        build.BuildSettings.from_env({**env, "STOREFRONT_META_PIXEL_ID": "1'; script-src *"})
    with pytest.raises(build.SettingsError, match="tracking_consent"):
        build.BuildSettings.from_env({**env, "STOREFRONT_TRACKING_CONSENT": "maybe"})
    sandbox = build.BuildSettings.for_sandbox("http://127.0.0.1:9")
    assert sandbox.config.recaptcha_site_key == "sandbox" and "google" not in build.content_security_policy(sandbox)


def test_transfer_proofs_go_to_the_upload_origins_set_and_nowhere_else():
    env = {
        "SCALEV_API_BASE": "https://api.scalev.com",
        "SCALEV_STORE_UNIQUE_ID": "store_1",
        "SCALEV_STOREFRONT_API_KEY": "sfpk_1",
        "STOREFRONT_UPLOAD_ORIGINS": "https://uploads.example.com/any/path, https://b.example.com:8443",
    }
    settings = build.BuildSettings.from_env(env)
    assert settings.upload_origins == ("https://uploads.example.com", "https://b.example.com:8443")
    with pytest.raises(build.SettingsError, match="STOREFRONT_UPLOAD_ORIGINS"):
        build.BuildSettings.from_env({**env, "STOREFRONT_UPLOAD_ORIGINS": "http://uploads.example.com"})
    sandbox = build.BuildSettings.for_sandbox("http://127.0.0.1:9999")
    assert "connect-src 'self' http://127.0.0.1:9999;" in build.content_security_policy(sandbox)


def test_the_after_checkout_flow_is_a_choice_with_two_values():
    settings = build.BuildSettings.from_env({"STOREFRONT_AFTER_CHECKOUT": "redirect_url"})
    assert settings.config.after_checkout == "redirect_url"
    with pytest.raises(build.SettingsError):
        build.BuildSettings.from_env({"STOREFRONT_AFTER_CHECKOUT": "payment_url"})


def test_defaults_target_the_local_sandbox_and_its_demo_store():
    settings = build.BuildSettings.from_env({})
    demo = build.demo_store()
    assert settings.config.api_base == build.SANDBOX_API_BASE
    assert (settings.config.store_unique_id, settings.config.storefront_api_key) == (
        demo.unique_id,
        demo.storefront_key,
    )
    assert settings.store_name == demo.name


REAL = {
    "SCALEV_API_BASE": "https://api.scalev.com",
    "SCALEV_STORE_UNIQUE_ID": "store_m1",
    "SCALEV_STOREFRONT_API_KEY": "sfpk_live_1",
}


@pytest.mark.parametrize("missing", sorted(REAL))
def test_a_partial_store_configuration_is_refused(missing: str):
    partial = {k: v for k, v in REAL.items() if k != missing}
    with pytest.raises(build.SettingsError, match=missing):
        build.BuildSettings.from_env(partial)


@pytest.mark.parametrize("base", ["http://api.scalev.com", "ftp://api.scalev.com", "api.scalev.com"])
def test_an_api_base_that_is_not_https_is_refused(base: str):
    with pytest.raises(build.SettingsError, match="https"):
        build.BuildSettings.from_env({**REAL, "SCALEV_API_BASE": base})
    assert build.BuildSettings.from_env({**REAL, "SCALEV_API_BASE": "http://127.0.0.1:8787"}).config.api_base


def test_importing_the_build_needs_no_node_modules(tmp_path: Path):
    """Reading npm versions waits until a build starts, so tools and tests import it freely."""
    import shutil
    import subprocess
    import sys

    shutil.copy(build.ROOT / "build.py", tmp_path / "build.py")
    for package in ("storefront", "scalev_sandbox", "tools", "prerender.py", "httpx_transport.py"):
        (tmp_path / package).symlink_to(build.ROOT / package)
    code = "import build; print(build.BuildSettings.from_env({}).store_name)"
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert not (tmp_path / "node_modules").exists()
    assert done.stdout.strip() == build.demo_store().name, done.stderr
    missing = subprocess.run(
        [sys.executable, "build.py", "--out", "site"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert missing.returncode != 0 and "npm ci" in missing.stderr


def test_headers_ask_for_https_and_send_csp_reports_only_where_the_merchant_collects_them():
    env = {"SCALEV_API_BASE": "https://api.scalev.com", "SCALEV_STORE_UNIQUE_ID": "s", "SCALEV_STOREFRONT_API_KEY": "k"}
    plain = build.BuildSettings.from_env(env)
    headers = build.headers_file(plain)
    assert "  Strict-Transport-Security: max-age=31536000\n" in headers
    assert "report-" not in headers and "Reporting-Endpoints" not in headers
    reporting = build.BuildSettings.from_env({**env, "STOREFRONT_CSP_REPORT_URL": "https://csp.example.id/r"})
    policy = build.content_security_policy(reporting).split("; ")
    assert policy[-2:] == ["report-uri https://csp.example.id/r", "report-to csp"]
    assert '  Reporting-Endpoints: csp="https://csp.example.id/r"\n' in build.headers_file(reporting)
    with pytest.raises(build.SettingsError, match="STOREFRONT_CSP_REPORT_URL"):
        build.BuildSettings.from_env({**env, "STOREFRONT_CSP_REPORT_URL": "http://csp.example.id/r"})


def test_a_storage_origin_apart_from_the_api_is_allowed_to_take_uploads_and_show_them():
    settings = build.BuildSettings.for_sandbox(
        "http://127.0.0.1:8787", {"STOREFRONT_UPLOAD_ORIGINS": "http://127.0.0.1:8788"}
    )
    policy = dict(directive.split(" ", 1) for directive in build.content_security_policy(settings).split("; "))
    assert policy["connect-src"] == "'self' http://127.0.0.1:8787 http://127.0.0.1:8788"
    assert policy["img-src"].endswith("http://127.0.0.1:8787 http://127.0.0.1:8788")
