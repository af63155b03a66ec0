"""Builds the deployable static site into ``site/``.

One pre-rendered HTML shell per route (first paint never waits for Python), the pinned
PyScript/Pyodide runtime copied from ``node_modules`` (only the files a page requests, with
their CDN defaults pointed at the local copy), the ``storefront`` package as one content-hashed
archive, and Cloudflare Pages' ``_headers`` and ``_redirects``.

Store settings come from ``SCALEV_API_BASE``, ``SCALEV_STORE_UNIQUE_ID`` and
``SCALEV_STOREFRONT_API_KEY``; with none set, the site targets the local sandbox.

    python build.py [--out site]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import importlib
import io
import json
import os
import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from storefront.config import SiteConfig
from storefront.i18n import DEFAULT_LOCALE, Translator
from storefront.routes import NOT_FOUND, ROUTES

ROOT = Path(__file__).resolve().parent
NODE_MODULES = ROOT / "node_modules"

SANDBOX_API_BASE = "http://127.0.0.1:8787"
SANDBOX_STORE_UNIQUE_ID = "store_vlzpML8edzxO5roOdV7Oyfn6"
SANDBOX_STOREFRONT_API_KEY = "sfpk_demo_local_0001"
SANDBOX_STORE_NAME = "Mutaqin Friend Store"

PYSCRIPT_DIST = NODE_MODULES / "@pyscript" / "core" / "dist"
PYODIDE_DIR = NODE_MODULES / "pyodide"
DOMPURIFY_FILE = NODE_MODULES / "dompurify" / "dist" / "purify.es.mjs"

#: Chunks of @pyscript/core a Pyodide page imports: core itself and the plugins it always
#: loads (even when disabled). Editor, terminal, MicroPython, TOML and unzip chunks are never
#: requested by this site (Pyodide unpacks ``files`` archives itself), so they are not shipped;
#: an end-to-end test checks that every shipped file is requested.
PYSCRIPT_CHUNKS = (
    "core",
    "deprecations-manager",
    "donkey",
    "error",
    "py-editor",
    "py-game",
    "py-terminal",
)
#: All that Pyodide requests to start (measured in ../shared/notes/browser-runtime.md).
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)



def npm_version(package: str) -> str:
    manifest = NODE_MODULES / package / "package.json"
    if not manifest.exists():
        raise SystemExit(f"{package} is not installed: run `npm ci` (scripts/setup does it)")
    return json.loads(manifest.read_text())["version"]


#: Vendored folders carry the package version, so they can be cached forever and an upgrade
#: changes every URL.
VENDOR_PYSCRIPT = f"/vendor/pyscript-{npm_version('@pyscript/core')}"
VENDOR_PYODIDE = f"/vendor/pyodide-{npm_version('pyodide')}"
VENDOR_DOMPURIFY = f"/vendor/dompurify-{npm_version('dompurify')}"
#: Remote defaults baked into the vendored JavaScript, and the local paths that replace them.
#: After this no runtime URL in site/ points off-site, even for code paths we never take.
CDN_REWRITES = (
    ("https://cdn.jsdelivr.net/pyodide/v${e}/full/pyodide.mjs", f"{VENDOR_PYODIDE}/pyodide.mjs"),
    ("https://cdn.jsdelivr.net/pyodide/v${U}/full/", f"{VENDOR_PYODIDE}/"),
    (
        "https://cdn.jsdelivr.net/npm/@micropython/micropython-webassembly-pyscript@${e}/micropython.mjs",
        "/vendor/micropython/micropython.mjs",
    ),
    ("https://micropython.org/pi/v2", "/vendor/micropython/index/v2"),
    ("https://raw.githubusercontent.com/", "/vendor/micropython/github/"),
)

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "public, max-age=0, must-revalidate"


@dataclasses.dataclass(frozen=True)
class BuildSettings:
    config: SiteConfig
    store_name: str

    @classmethod
    def from_env(cls, env: dict[str, str] | os._Environ[str] = os.environ) -> "BuildSettings":
        config = SiteConfig(
            api_base=env.get("SCALEV_API_BASE") or SANDBOX_API_BASE,
            store_unique_id=env.get("SCALEV_STORE_UNIQUE_ID") or SANDBOX_STORE_UNIQUE_ID,
            storefront_api_key=env.get("SCALEV_STOREFRONT_API_KEY") or SANDBOX_STOREFRONT_API_KEY,
            default_locale=env.get("STOREFRONT_LOCALE") or DEFAULT_LOCALE,
            after_checkout=env.get("STOREFRONT_AFTER_CHECKOUT") or "storefront",
        )
        uses_sandbox = config.store_unique_id == SANDBOX_STORE_UNIQUE_ID
        name = env.get("STOREFRONT_STORE_NAME") or (SANDBOX_STORE_NAME if uses_sandbox else "Toko")
        return cls(config=config, store_name=name)

    @property
    def api_origin(self) -> str:
        parts = urlsplit(self.config.api_base)
        return f"{parts.scheme}://{parts.netloc}"


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def write_hashed(out: Path, folder: str, stem: str, suffix: str, data: bytes) -> str:
    """Writes ``data`` as ``folder/stem-<hash>suffix`` and returns its root-absolute URL."""
    name = f"{stem}-{content_hash(data)}{suffix}"
    target = out / folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return f"/{folder}/{name}"


# -- runtime ---------------------------------------------------------------------------------


def pyscript_files() -> list[Path]:
    if not PYSCRIPT_DIST.is_dir():
        raise SystemExit("node_modules is missing: run `npm ci` first")
    chunk = re.compile(r"^(?P<stem>[a-z_-]+?)(?:-[A-Za-z0-9_-]{8})?\.js$")
    wanted = []
    for path in sorted(PYSCRIPT_DIST.iterdir()):
        if path.name == "core.css":
            wanted.append(path)
            continue
        found = chunk.match(path.name)
        if found and found["stem"] in PYSCRIPT_CHUNKS:
            wanted.append(path)
    stems = {chunk.match(p.name)["stem"] for p in wanted if p.suffix == ".js"}  # type: ignore[index]
    missing = set(PYSCRIPT_CHUNKS) - stems
    if missing:
        raise SystemExit(f"@pyscript/core has no chunk for {sorted(missing)}: check the pinned version")
    return wanted


def rewrite_cdn(text: str) -> str:
    for remote, local in CDN_REWRITES:
        text = text.replace(remote, local)
    return text


def vendor_runtime(out: Path) -> None:
    target = out / VENDOR_PYSCRIPT.lstrip("/")
    target.mkdir(parents=True)
    for path in pyscript_files():
        data = path.read_text(encoding="utf-8")
        (target / path.name).write_text(rewrite_cdn(data), encoding="utf-8")
    target = out / VENDOR_PYODIDE.lstrip("/")
    target.mkdir(parents=True)
    for name in PYODIDE_FILES:
        source = PYODIDE_DIR / name
        if name.endswith(".mjs"):
            (target / name).write_text(rewrite_cdn(source.read_text(encoding="utf-8")), encoding="utf-8")
        else:
            shutil.copyfile(source, target / name)
    target = out / VENDOR_DOMPURIFY.lstrip("/")
    target.mkdir(parents=True)
    shutil.copyfile(DOMPURIFY_FILE, target / "purify.es.mjs")


# -- the Python package ----------------------------------------------------------------------

#: Modules that exist for CPython only (tests and tools) and are left out of the browser archive.
CPYTHON_ONLY = {"storefront/api/httpx_transport.py", "segno/cli.py"}
#: Pure-Python libraries the browser app imports, packed from the pinned environment.
BROWSER_LIBRARIES = ("segno",)


def library_root(name: str) -> Path:
    module = importlib.import_module(name)
    return Path(module.__file__).parent  # type: ignore[arg-type]


def pack_storefront() -> bytes:
    """``storefront`` and its browser libraries as one deterministic zip (sorted names,
    fixed timestamps), so the archive's hash changes only when its content does."""
    sources = [(ROOT, ROOT / "storefront")] + [(library_root(n).parent, library_root(n)) for n in BROWSER_LIBRARIES]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for base, folder in sources:
            for path in sorted(folder.rglob("*.py")):
                name = path.relative_to(base).as_posix()
                if name in CPYTHON_ONLY or "__pycache__" in name:
                    continue
                info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


# -- Cloudflare Pages rules ------------------------------------------------------------------


def content_security_policy(settings: BuildSettings) -> str:
    api = settings.api_origin
    return "; ".join(
        [
            "default-src 'self'",
            # Pyodide compiles WebAssembly, and PyScript core builds its lifecycle hooks with
            # Function() (measured: boot fails with an EvalError without 'unsafe-eval').
            # No inline or remote script is ever allowed.
            "script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'",
            f"connect-src 'self' {api}",
            f"img-src 'self' data: blob: https: {api}",
            "style-src 'self' 'unsafe-inline'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def headers_file(settings: BuildSettings) -> str:
    """``_headers``: HTML revalidates on every visit, hashed and vendored files never change.

    Cloudflare merges every matching rule, so the long-lived rules detach (``!``) the short
    ``Cache-Control`` of ``/*`` before setting their own.
    """
    blocks = [
        (
            "/*",
            [
                f"Cache-Control: {REVALIDATE}",
                f"Content-Security-Policy: {content_security_policy(settings)}",
                "X-Content-Type-Options: nosniff",
                "Referrer-Policy: strict-origin-when-cross-origin",
                "Permissions-Policy: camera=(), microphone=(), geolocation=()",
            ],
        ),
        ("/vendor/*", ["! Cache-Control", f"Cache-Control: {IMMUTABLE}"]),
        ("/pkg/*", ["! Cache-Control", f"Cache-Control: {IMMUTABLE}"]),
        ("/assets/*", ["! Cache-Control", f"Cache-Control: {IMMUTABLE}"]),
    ]
    return "\n".join(path + "\n" + "\n".join(f"  {line}" for line in lines) + "\n" for path, lines in blocks)


def redirects_file() -> str:
    """``_redirects``: deep links into the app are served their route's shell (a 200 rewrite)."""
    lines = ["# Deep links: each route's pre-rendered shell, same URL in the address bar."]
    for route in ROUTES:
        if route.pattern == "/":
            continue
        target = "/" + route.shell.removesuffix(".html")
        lines.append(f"{route.pattern}  {target}  200")
    return "\n".join(lines) + "\n"


# -- pages -----------------------------------------------------------------------------------


def render_pages(out: Path, settings: BuildSettings, assets: dict[str, str]) -> None:
    env = Environment(
        loader=FileSystemLoader(ROOT / "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    t = Translator(settings.config.default_locale)
    view_names = [route.name for route in (*ROUTES, NOT_FOUND)]
    titles = {
        "catalog": t("catalog.title"),
        "product": t("product.loading"),
        "bundle": t("product.loading"),
        "checkout": t("checkout.title"),
        "order": t("order.loading"),
        "not_found": t("notfound.title"),
    }
    template = env.get_template("base.html")
    for route in (*ROUTES, NOT_FOUND):
        html = template.render(
            t=t,
            locale=t.locale,
            route=route,
            page_title=titles[route.name],
            store_name=settings.store_name,
            site_config=settings.config.to_mapping(),
            api_origin=settings.api_origin,
            assets=assets,
            view_names=view_names,
        )
        target = out / route.shell
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")


def build(out: Path, settings: BuildSettings) -> dict[str, str]:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    vendor_runtime(out)
    package_url = write_hashed(out, "pkg", "storefront", ".zip", pack_storefront())
    pyscript_config = {
        "interpreter": f"{VENDOR_PYODIDE}/pyodide.mjs",
        "files": {package_url: "./*"},
        # Merchant HTML is sanitised by DOMPurify, never by hand: `from pyscript.js_modules import dompurify`.
        "js_modules": {"main": {f"{VENDOR_DOMPURIFY}/purify.es.mjs": "dompurify"}},
    }
    assets = {
        "css": write_hashed(out, "assets", "app", ".css", (ROOT / "static" / "app.css").read_bytes()),
        "pyscript_js": f"{VENDOR_PYSCRIPT}/core.js",
        "pyscript_css": f"{VENDOR_PYSCRIPT}/core.css",
        "package": package_url,
        "pyscript_config": write_hashed(
            out, "pkg", "pyscript", ".json", json.dumps(pyscript_config, sort_keys=True).encode()
        ),
    }
    render_pages(out, settings, assets)
    (out / "_headers").write_text(headers_file(settings), encoding="utf-8")
    (out / "_redirects").write_text(redirects_file(), encoding="utf-8")
    return assets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    settings = BuildSettings.from_env()
    assets = build(args.out, settings)
    print(f"built {args.out} for {settings.config.store_root} (package {assets['package']})")


if __name__ == "__main__":
    main()
