"""Builds the deployable static site into ``site/``.

One pre-rendered HTML shell per route (first paint never waits for Python), the pinned
PyScript/Pyodide runtime copied from ``node_modules`` (only the files a page requests, with
their CDN defaults pointed at the local copy), the ``storefront`` package as one content-hashed
archive, and Cloudflare Pages' ``_headers`` and ``_redirects``.

Store settings come from ``SCALEV_API_BASE``, ``SCALEV_STORE_UNIQUE_ID`` and
``SCALEV_STOREFRONT_API_KEY``; with none set, the site targets the local sandbox and its demo
store (read from the sandbox's seed).

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
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

import prerender
from scalev_sandbox.config import DEFAULT_SEED
from scalev_sandbox.seed import StoreSeed, load_seed
from storefront.account_forms import PASSWORD_MIN
from storefront.api.models import BundleDetail, ProductDetail
from storefront.config import SANDBOX_RECAPTCHA, SiteConfig
from storefront.i18n import DEFAULT_LOCALE, Translator
from storefront.routes import NOT_FOUND, ROUTES
from tools.prepare_python import prepare_python

ROOT = Path(__file__).resolve().parent
NODE_MODULES = ROOT / "node_modules"
TEMPLATES = ROOT / "templates"

SANDBOX_API_BASE = "http://127.0.0.1:8787"
#: The storage host of Scalev's transfer proofs, as its docs show it (``files.scalev.com``);
#: the upload host itself is not documented (OPEN-QUESTIONS 34), so it can be set.
SCALEV_UPLOAD_ORIGIN = "https://files.scalev.com"

PYSCRIPT_DIST = NODE_MODULES / "@pyscript" / "core" / "dist"
PYODIDE_DIR = NODE_MODULES / "pyodide"
DOMPURIFY_FILE = NODE_MODULES / "dompurify" / "dist" / "purify.es.mjs"

#: Chunks of @pyscript/core a Pyodide page imports: core itself and the plugins it always
#: loads (even when disabled). Editor, terminal, MicroPython, TOML and unzip chunks are never
#: requested by this site (Pyodide unpacks ``files`` archives itself), so they are not shipped;
#: an end-to-end test checks that every shipped file is requested.
PYSCRIPT_CHUNKS = ("core", "deprecations-manager", "donkey", "error", "py-editor", "py-game", "py-terminal")
#: All that Pyodide requests to start (measured in ../shared/notes/browser-runtime.md).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")


def npm_version(package: str) -> str:
    manifest = NODE_MODULES / package / "package.json"
    if not manifest.exists():
        raise SystemExit(f"{package} is not installed: run `npm ci` (scripts/setup does it)")
    return str(json.loads(manifest.read_text())["version"])


@dataclasses.dataclass(frozen=True)
class Vendor:
    """Where the runtime is served from. The folders carry the package versions (read from
    ``node_modules`` when a build starts), so they can be cached forever and an upgrade
    changes every URL."""

    pyscript: str
    pyodide: str
    dompurify: str

    @classmethod
    def installed(cls) -> Vendor:
        return cls(
            f"/vendor/pyscript-{npm_version('@pyscript/core')}",
            f"/vendor/pyodide-{npm_version('pyodide')}",
            f"/vendor/dompurify-{npm_version('dompurify')}",
        )

    @property
    def cdn_rewrites(self) -> tuple[tuple[str, str], ...]:
        """Remote defaults baked into the vendored JavaScript, and the local paths that replace
        them. After this no runtime URL in site/ points off-site, even for code paths we never take."""
        return (
            ("https://cdn.jsdelivr.net/pyodide/v${e}/full/pyodide.mjs", f"{self.pyodide}/pyodide.mjs"),
            ("https://cdn.jsdelivr.net/pyodide/v${U}/full/", f"{self.pyodide}/"),
            (
                "https://cdn.jsdelivr.net/npm/@micropython/micropython-webassembly-pyscript@${e}/micropython.mjs",
                "/vendor/micropython/micropython.mjs",
            ),
            ("https://micropython.org/pi/v2", "/vendor/micropython/index/v2"),
            ("https://raw.githubusercontent.com/", "/vendor/micropython/github/"),
        )

    def rewrite(self, text: str) -> str:
        for remote, local in self.cdn_rewrites:
            text = text.replace(remote, local)
        return text


def demo_store() -> StoreSeed:
    """The sandbox's demo store: the default target of a build with no store settings."""
    return load_seed(DEFAULT_SEED).store


IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "public, max-age=0, must-revalidate"


STORE_VARIABLES = ("SCALEV_API_BASE", "SCALEV_STORE_UNIQUE_ID", "SCALEV_STOREFRONT_API_KEY")
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


class SettingsError(ValueError):
    """Build settings that would ship a broken or unsafe shop; the message is one line."""


@dataclasses.dataclass(frozen=True)
class BuildSettings:
    config: SiteConfig
    #: Where transfer proofs are uploaded (``upload_url`` is presigned, straight to storage):
    #: origins the page may send them to besides the API.
    upload_origins: tuple[str, ...] = ()
    #: Where browsers send Content-Security-Policy violation reports (a collector of the
    #: merchant's; Cloudflare Pages has none of its own); none by default.
    csp_report_url: str = ""
    #: The shop's public address (``STOREFRONT_SITE_URL``), for canonical links, Open Graph,
    #: JSON-LD and the sitemap; without it, pages carry no absolute links and no sitemap.
    site_url: str = ""
    #: How many products and bundles get a page rendered at build time.
    prerender_limit: int = prerender.DEFAULT_LIMIT

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> BuildSettings:
        """A real store when all three ``SCALEV_*`` variables are set, the local sandbox's demo
        store when none is; anything between is refused (it would ship the demo key)."""
        given = [name for name in STORE_VARIABLES if env.get(name)]
        if not given:
            return cls.for_sandbox(SANDBOX_API_BASE, env)
        missing = [name for name in STORE_VARIABLES if name not in given]
        if missing:
            raise SettingsError(
                f"set all of {', '.join(STORE_VARIABLES)} or none of them (missing {', '.join(missing)})"
            )
        api_base = env["SCALEV_API_BASE"]
        web_origin(api_base, "SCALEV_API_BASE")
        return cls(
            cls._config(
                api_base,
                env["SCALEV_STORE_UNIQUE_ID"],
                env["SCALEV_STOREFRONT_API_KEY"],
                env.get("STOREFRONT_STORE_NAME") or "Toko",
                env,
            ),
            upload_origins(env.get("STOREFRONT_UPLOAD_ORIGINS", SCALEV_UPLOAD_ORIGIN)),
            report_url(env.get("STOREFRONT_CSP_REPORT_URL", "")),
            *page_settings(env),
        )

    @classmethod
    def for_sandbox(cls, api_base: str, options: Mapping[str, str] = {}) -> BuildSettings:
        """The sandbox's demo store at ``api_base``, with the shop options (``STOREFRONT_*``)
        ``options`` gives (its uploads go to the sandbox itself unless they name its storage)."""
        demo = demo_store()
        return cls(
            cls._config(
                api_base,
                demo.unique_id,
                demo.storefront_key,
                options.get("STOREFRONT_STORE_NAME") or demo.name,
                options,
                SANDBOX_RECAPTCHA,
            ),
            upload_origins(options.get("STOREFRONT_UPLOAD_ORIGINS", "")),
            report_url(options.get("STOREFRONT_CSP_REPORT_URL", "")),
            *page_settings(options),
        )

    @staticmethod
    def _config(
        api_base: str, store_id: str, key: str, name: str, options: Mapping[str, str], sandbox_recaptcha: str = ""
    ) -> SiteConfig:
        """The site's settings; ``sandbox_recaptcha`` is the reCAPTCHA key when none is set (the
        sandbox's stand-in for sandbox builds, none for a real store)."""
        try:
            return SiteConfig(
                api_base=api_base,
                store_unique_id=store_id,
                storefront_api_key=key,
                store_name=name,
                default_locale=options.get("STOREFRONT_LOCALE") or DEFAULT_LOCALE,
                after_checkout=options.get("STOREFRONT_AFTER_CHECKOUT") or "storefront",
                timezone=options.get("STOREFRONT_TIMEZONE") or "WIB",
                meta_pixel_id=options.get("STOREFRONT_META_PIXEL_ID", ""),
                tiktok_pixel_id=options.get("STOREFRONT_TIKTOK_PIXEL_ID", ""),
                snackvideo_pixel_id=options.get("STOREFRONT_SNACKVIDEO_PIXEL_ID", ""),
                tracking_consent=options.get("STOREFRONT_TRACKING_CONSENT") or "implied",
                recaptcha_site_key=options.get("STOREFRONT_RECAPTCHA_SITE_KEY", sandbox_recaptcha),
            )
        except ValueError as exc:
            raise SettingsError(str(exc)) from None

    @property
    def store_name(self) -> str:
        return self.config.store_name

    @property
    def api_origin(self) -> str:
        parts = urlsplit(self.config.api_base)
        return f"{parts.scheme}://{parts.netloc}"


def web_origin(url: str, name: str) -> str:
    """``scheme://host[:port]`` of an https URL (http only on this machine), or a SettingsError."""
    parts = urlsplit(url)
    if not parts.hostname or not (
        parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS)
    ):
        raise SettingsError(f"{name} must be an https:// URL (or http:// on this machine), not {url!r}")
    return f"{parts.scheme}://{parts.netloc}"


def upload_origins(text: str) -> tuple[str, ...]:
    """``STOREFRONT_UPLOAD_ORIGINS``: origins separated by spaces or commas."""
    return tuple(web_origin(item, "STOREFRONT_UPLOAD_ORIGINS") for item in re.split(r"[\s,]+", text) if item)


def page_settings(env: Mapping[str, str]) -> tuple[str, int]:
    """``STOREFRONT_SITE_URL`` (an origin) and ``STOREFRONT_PRERENDER_LIMIT`` (0 renders none)."""
    site = env.get("STOREFRONT_SITE_URL", "")
    if site:
        site = web_origin(site, "STOREFRONT_SITE_URL")
    raw = env.get("STOREFRONT_PRERENDER_LIMIT", "")
    try:
        limit = int(raw) if raw else prerender.DEFAULT_LIMIT
    except ValueError:
        limit = -1
    if not 0 <= limit <= MAX_PRERENDERED:
        raise SettingsError(
            f"STOREFRONT_PRERENDER_LIMIT must be a whole number from 0 to {MAX_PRERENDERED}, not {raw!r}"
        )
    return site, limit


def report_url(url: str) -> str:
    """``STOREFRONT_CSP_REPORT_URL``: an https URL (http only on this machine), or none."""
    if url:
        web_origin(url, "STOREFRONT_CSP_REPORT_URL")
    return url


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


#: Pyodide makes a shared WebAssembly memory as its module loads, for a sleep that only works
#: off the main thread (``Atomics.wait``). Without cross-origin isolation Chromium reports that
#: as a deprecated use of SharedArrayBuffer on every page (Lighthouse: best practices). Made
#: when first needed instead; on the main thread the sleep fails as it did.
EAGER_SHARED_MEMORY = (
    "var io=new Int32Array(new WebAssembly.Memory({shared:!0,initial:1,maximum:1}).buffer);"
    "function so(t){try{return Atomics.wait(io,0,0,t),!0}catch{return!1}}"
)
LAZY_SHARED_MEMORY = (
    "var io;"
    "function so(t){try{io??=new Int32Array(new WebAssembly.Memory({shared:!0,initial:1,maximum:1}).buffer);"
    "return Atomics.wait(io,0,0,t),!0}catch{return!1}}"
)


def lazy_shared_memory(text: str) -> str:
    if text.count(EAGER_SHARED_MEMORY) != 1:
        raise SystemExit("build: pyodide.asm.mjs changed; review lazy_shared_memory for this Pyodide")
    return text.replace(EAGER_SHARED_MEMORY, LAZY_SHARED_MEMORY)


def vendor_runtime(out: Path, vendor: Vendor) -> None:
    target = out / vendor.pyscript.lstrip("/")
    target.mkdir(parents=True)
    for path in pyscript_files():
        data = path.read_text(encoding="utf-8")
        (target / path.name).write_text(vendor.rewrite(data), encoding="utf-8")
    target = out / vendor.pyodide.lstrip("/")
    target.mkdir(parents=True)
    for name in PYODIDE_FILES:
        source = PYODIDE_DIR / name
        if name.endswith(".mjs"):
            text = vendor.rewrite(source.read_text(encoding="utf-8"))
            if name == "pyodide.asm.mjs":
                text = lazy_shared_memory(text)
            (target / name).write_text(text, encoding="utf-8")
        else:
            shutil.copyfile(source, target / name)
    target = out / vendor.dompurify.lstrip("/")
    target.mkdir(parents=True)
    shutil.copyfile(DOMPURIFY_FILE, target / "purify.es.mjs")


# -- the Python package ----------------------------------------------------------------------

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
                info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


# -- Cloudflare Pages rules ------------------------------------------------------------------


#: The hosts a channel's browser pixel loads from and reports to (on only when it is).
PIXEL_HOSTS: dict[str, dict[str, tuple[str, ...]]] = {
    "meta": {"script": ("https://connect.facebook.net",), "connect": ("https://www.facebook.com",)},
    "tiktok": {"script": ("https://analytics.tiktok.com",), "connect": ("https://analytics.tiktok.com",)},
    "snackvideo": {"script": ("https://s1.kwai.net",), "connect": ("https://*.kwai.net", "https://*.kwai.com")},
}
#: reCAPTCHA v3, for starting checkout intents with a real site key.
RECAPTCHA_HOSTS: dict[str, tuple[str, ...]] = {
    "script": ("https://www.google.com", "https://www.gstatic.com"),
    "connect": ("https://www.google.com",),
    "frame": ("https://www.google.com",),
}


CSP_REPORT_GROUP = "csp"
#: A year; without includeSubDomains, since a merchant's other subdomains are not ours to
#: commit to HTTPS. Browsers ignore it over plain HTTP (the preview).
HSTS = "max-age=31536000"


def content_security_policy(settings: BuildSettings) -> str:
    config = settings.config
    third_party = [PIXEL_HOSTS[channel] for channel in config.channels]
    if config.recaptcha_site_key and config.recaptcha_site_key != SANDBOX_RECAPTCHA:
        third_party.append(RECAPTCHA_HOSTS)

    def hosts(kind: str) -> list[str]:
        return list(dict.fromkeys(host for group in third_party for host in group.get(kind, ())))

    api = settings.api_origin
    directives = [
        "default-src 'self'",
        # Pyodide compiles WebAssembly, and PyScript core builds its lifecycle hooks with
        # Function() (measured: boot fails with an EvalError without 'unsafe-eval').
        # No inline script is ever allowed; remote ones only from an advertising pixel's
        # host when its channel is on.
        " ".join(["script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'", *hosts("script")]),
        " ".join(["connect-src 'self'", api, *settings.upload_origins, *hosts("connect")]),
        " ".join(["img-src 'self' data: blob: https:", api, *settings.upload_origins]),
        "style-src 'self' 'unsafe-inline'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    if hosts("frame"):
        directives.append(" ".join(["frame-src", *hosts("frame")]))
    if settings.csp_report_url:
        # report-to for browsers with the Reporting API, report-uri for the others.
        directives += [f"report-uri {settings.csp_report_url}", f"report-to {CSP_REPORT_GROUP}"]
    return "; ".join(directives)


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
                *(
                    [f'Reporting-Endpoints: {CSP_REPORT_GROUP}="{settings.csp_report_url}"']
                    if settings.csp_report_url
                    else []
                ),
                f"Strict-Transport-Security: {HSTS}",
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


#: Cloudflare Pages takes 2,000 fixed rules in ``_redirects`` (and 100 with placeholders); the
#: routes use a few, each page rendered at build time one.
MAX_PRERENDERED = 1_900


def redirects_file(pages: Sequence[str] = ()) -> str:
    """``_redirects``: deep links into the app are served their route's shell (a 200 rewrite),
    and the products and bundles rendered at build time their own page (rules win over files
    on Pages, so each has a rule, before the placeholder rules)."""
    lines = [f"{path}  /_pages{path}  200" for path in pages]
    lines.insert(0, "# Deep links: each route's pre-rendered shell, same URL in the address bar.")
    # Fixed paths before those with placeholders: Cloudflare matches those faster.
    for route in sorted(ROUTES, key=lambda route: ":" in route.pattern):
        if route.pattern == "/":
            continue
        target = "/" + route.shell.removesuffix(".html")
        lines.append(f"{route.pattern}  {target}  200")
    return "\n".join(lines) + "\n"


# -- pages -----------------------------------------------------------------------------------


def i18n_helpers(t: Translator) -> dict[str, object]:
    """Template globals that write a translated text once, with the key that lets the browser
    translate it again on a language switch:

    - ``tr("button", "product.add", class_="button")`` → ``<button class="button"
      data-i18n="product.add">Tambah ke keranjang</button>``; a keyword ending in ``_key``
      (``aria_label_key="cart.close"``) makes a translated attribute;
    - ``tr_attr("aria-label", "cart.close")`` → ``aria-label="Tutup keranjang"
      data-i18n-aria-label="cart.close"``.
    """

    def tr_attr(name: str, key: str) -> Markup:
        return Markup('{}="{}" data-i18n-{}="{}"').format(name, t(key), name, key)

    def tr(tag: str, key: str, **attributes: object) -> Markup:
        parts = []
        for name, value in attributes.items():
            if name.endswith("_key"):
                parts.append(str(tr_attr(name.removesuffix("_key").replace("_", "-"), str(value))))
                continue
            name = name.rstrip("_").replace("_", "-")
            if value is True:
                parts.append(name)
            elif value not in (False, None):
                parts.append(f'{name}="{escape(value)}"')
        opening = " ".join([tag, *parts, f'data-i18n="{escape(key)}"'])
        return Markup(f"<{opening}>{escape(t(key))}</{tag}>")

    return {"tr": tr, "tr_attr": tr_attr}


def fragment_files() -> list[str]:
    """Every ``templates/fragments/**.html``, one per browser module that clones fragments."""
    folder = TEMPLATES / "fragments"
    return sorted(path.relative_to(TEMPLATES).as_posix() for path in folder.rglob("*.html"))


#: Slugs that can be a file name and a ``_redirects`` rule as they are; others stay rendered in
#: the browser.
PLAIN_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")


def render_pages(
    out: Path, settings: BuildSettings, assets: dict[str, str], store: prerender.StorePages | None = None
) -> list[str]:
    """Every route's shell, and a page per product and bundle of ``store``; returns the paths
    of those pages."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    t = Translator(settings.config.default_locale)
    env.globals.update(i18n_helpers(t), password_min=PASSWORD_MIN)
    routes = (*ROUTES, NOT_FOUND)
    template = env.get_template("base.html")
    common = {
        "t": t,
        "locale": t.locale,
        "store_name": settings.store_name,
        "site_config": settings.config.to_mapping(),
        "site_url": settings.site_url,
        "api_origin": settings.api_origin,
        "assets": assets,
        "view_names": [r.name for r in routes],
        "fragment_files": fragment_files(),
    }
    catalog = None
    if store is not None and store.catalog is not None:
        catalog = prerender.catalog_page(store.catalog, settings.site_url, settings.store_name, t)
    for route in routes:
        shown = catalog if route.pattern == "/" else None
        html = template.render(common, route=route, page_title=t(route.title_key), pre=None, catalog=shown)
        target = out / route.shell
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    if store is None:
        return []
    pages = []
    by_name = {route.name: route for route in ROUTES}
    details: list[ProductDetail | BundleDetail] = [*store.products, *store.bundles]
    for detail in details:
        if not PLAIN_SLUG.match(detail.card.slug):
            continue
        pre = prerender.detail_page(detail, settings.site_url, settings.store_name, t)
        html = template.render(common, route=by_name[pre["kind"]], page_title=pre["name"], pre=pre, catalog=None)
        target = out / "_pages" / f"{pre['path'].lstrip('/')}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        pages.append(pre["path"])
    print(
        f"build: rendered {len(pages)} of the store's {store.listed} products and bundles"
        f" (STOREFRONT_PRERENDER_LIMIT={settings.prerender_limit}); the rest are rendered in the browser"
    )
    return pages


UNUSED_PYSCRIPT_PLUGINS = ("codemirror", "deprecations-manager", "donkey", "py-editor", "py-game", "py-terminal")


def needs_tracking(config: SiteConfig) -> bool:
    """Whether pages load ``static/tracking.mjs``: an advertising channel is on, or checkout
    intents use a real reCAPTCHA key."""
    return bool(config.channels) or config.recaptcha_site_key not in ("", SANDBOX_RECAPTCHA)


def build(out: Path, settings: BuildSettings, *, bytecode: bool = True, snapshot: bool = True) -> dict[str, str]:
    """Builds the site into ``out``. ``bytecode=False`` ships the Python as source and
    ``snapshot=False`` without a start-up snapshot (both for measuring what they save)."""
    vendor = Vendor.installed()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    vendor_runtime(out, vendor)
    package = pack_storefront()
    prepared = prepare_python(PYODIDE_DIR, package) if bytecode else None
    snapshot_url = ""
    stdlib_url = f"{vendor.pyodide}/python_stdlib.zip"
    if prepared is not None:
        package = prepared.app_zip
        # Hashed, since which modules are bytecode follows the app: the version-named runtime
        # folder is cached as immutable.
        (out / stdlib_url.lstrip("/")).unlink()
        stdlib_url = write_hashed(out, "pkg", "stdlib", ".zip", prepared.stdlib_zip)
        if snapshot:
            snapshot_url = write_hashed(out, "pkg", "snapshot", ".bin.gz", prepared.snapshot_gz)
    package_url = write_hashed(out, "pkg", "storefront", ".zip", package)
    compile_worker_url = write_hashed(
        out, "assets", "compile-worker", ".mjs", (ROOT / "static" / "compile_worker.mjs").read_bytes()
    )
    boot = (ROOT / "static" / "boot.mjs").read_text(encoding="utf-8")
    for marker, value in (
        ("__PYODIDE__", vendor.pyodide),
        ("__STDLIB__", stdlib_url),
        ("__SNAPSHOT__", snapshot_url),
        ("__COMPILE_WORKER__", compile_worker_url),
    ):
        boot = boot.replace(marker, value)
    boot_url = write_hashed(out, "assets", "boot", ".mjs", boot.encode())
    js_modules = {f"{vendor.dompurify}/purify.es.mjs": "dompurify"}
    if needs_tracking(settings.config):  # pixels or reCAPTCHA: `from pyscript.js_modules import tracking`
        js_modules[write_hashed(out, "assets", "tracking", ".mjs", (ROOT / "static" / "tracking.mjs").read_bytes())] = (
            "tracking"
        )
    pyscript_config = {
        # static/boot.mjs: Pyodide restored from the start-up snapshot, or started afresh.
        "interpreter": boot_url,
        "files": {package_url: "./*"},
        # Merchant HTML is sanitised by DOMPurify, never by hand: `from pyscript.js_modules import dompurify`.
        "js_modules": {"main": js_modules},
        # PyScript's plugins the shop does not use, not fetched (its error plugin stays: a
        # Python error at start shows on the page rather than a dead shell).
        "plugins": [f"!{name}" for name in UNUSED_PYSCRIPT_PLUGINS],
    }
    assets = {
        "css": write_hashed(out, "assets", "app", ".css", (ROOT / "static" / "app.css").read_bytes()),
        "pyscript_js": f"{vendor.pyscript}/core.js",
        "pyscript_css": f"{vendor.pyscript}/core.css",
        "package": package_url,
        "boot": boot_url,
        "prefetch": write_hashed(out, "assets", "prefetch", ".mjs", (ROOT / "static" / "prefetch.mjs").read_bytes()),
        "pyodide": vendor.pyodide,
        "stdlib": stdlib_url,
        "pyscript_config": write_hashed(
            out, "pkg", "pyscript", ".json", json.dumps(pyscript_config, sort_keys=True).encode()
        ),
    }
    pages = render_pages(out, settings, assets, prerender.fetch_store(settings.config, settings.prerender_limit))
    (out / "_headers").write_text(headers_file(settings), encoding="utf-8")
    (out / "_redirects").write_text(redirects_file(pages), encoding="utf-8")
    (out / "robots.txt").write_text(prerender.robots(settings.site_url), encoding="utf-8")
    if settings.site_url:
        (out / "sitemap.xml").write_text(prerender.sitemap(settings.site_url, ["/", *pages]), encoding="utf-8")
    return assets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "site")
    parser.add_argument("--source", action="store_true", help="ship the Python as source, without a snapshot")
    parser.add_argument("--no-snapshot", action="store_true", help="ship bytecode but no start-up snapshot")
    args = parser.parse_args()
    try:
        settings = BuildSettings.from_env()
    except SettingsError as exc:
        raise SystemExit(f"build: {exc}") from None
    assets = build(args.out, settings, bytecode=not args.source, snapshot=not args.no_snapshot)
    print(f"built {args.out} for {settings.config.store_root} (package {assets['package']})")


if __name__ == "__main__":
    main()
