"""The built site served as Cloudflare Pages serves it: ``_redirects``, ``_headers`` (on
redirects too), pretty URLs (``/a.html`` and ``/a/index.html`` answer at ``/a`` and ``/a/``,
``/a/`` goes to ``/a`` when only ``a.html`` exists), nearest ``404.html`` (never cached),
``Access-Control-Allow-Origin: *``, and ETag revalidation so the HTML's ``must-revalidate``
costs a 304, not a download. ``tests/contract/test_pages_parity.py`` holds it to what Cloudflare's
own runtime (``wrangler pages dev``) answers.
"""

from __future__ import annotations

import hashlib
import mimetypes
from pathlib import Path

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import Receive, Scope, Send

from .pages_rules import first_redirect, headers_for, parse_headers, parse_redirects

mimetypes.add_type("application/javascript", ".mjs")
mimetypes.add_type("application/javascript", ".js")
mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("image/svg+xml", ".svg")

HIDDEN = {"_headers", "_redirects"}


class PagesSite:
    """An ASGI app over a built ``site/`` folder."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        self.header_rules = parse_headers(self._read("_headers"))
        self.redirects = parse_redirects(self._read("_redirects"))
        self._etags: dict[Path, tuple[float, str]] = {}

    def _read(self, name: str) -> str:
        path = self.root / name
        return path.read_text(encoding="utf-8") if path.exists() else ""

    def _file(self, path: str) -> Path | None:
        relative = path.lstrip("/")
        if any(part in ("..", "") for part in relative.split("/")[:-1]) or relative in HIDDEN:
            return None
        candidate = (self.root / relative).resolve()
        if not candidate.is_relative_to(self.root):
            return None
        options = [candidate / "index.html"] if path.endswith("/") else [candidate, Path(f"{candidate}.html")]
        for option in options:
            if option.is_file():
                return option
        return None

    def _etag(self, path: Path) -> str:
        mtime = path.stat().st_mtime
        cached = self._etags.get(path)
        if cached and cached[0] == mtime:
            return cached[1]
        etag = '"' + hashlib.sha1(path.read_bytes()).hexdigest()[:20] + '"'
        self._etags[path] = (mtime, etag)
        return etag

    def _headers(self, request: Request) -> dict[str, str]:
        return {"Access-Control-Allow-Origin": "*", **headers_for(self.header_rules, request.url.path)}

    def _redirect(self, request: Request, target: str, status: int) -> Response:
        return RedirectResponse(target, status_code=status, headers=self._headers(request))

    def _serve(self, request: Request, file: Path, status: int = 200) -> Response:
        headers = self._headers(request)
        if status == 404:
            headers["Cache-Control"] = "no-store"
        etag = self._etag(file)
        headers["ETag"] = etag
        if status == 200 and etag in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers=headers)
        media_type, encoding = mimetypes.guess_type(file.name)
        # A .gz file is served as what it is (gzip), not as its content with an encoding.
        media_type = "application/gzip" if encoding == "gzip" else media_type or "application/octet-stream"
        if media_type.startswith("text/"):
            media_type += "; charset=utf-8"
        body = b"" if request.method == "HEAD" else file.read_bytes()
        response = Response(body, status_code=status, media_type=media_type, headers=headers)
        if request.method == "HEAD":
            response.headers["content-length"] = str(file.stat().st_size)
        return response

    def _not_found(self, request: Request) -> Response:
        folder = self.root / request.url.path.lstrip("/")
        for parent in [folder, *folder.parents]:
            page = parent / "404.html"
            if parent.is_relative_to(self.root) and page.is_file():
                return self._serve(request, page, status=404)
        return Response("Not found", status_code=404, media_type="text/plain", headers={"Cache-Control": "no-store"})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert scope["type"] == "http"
        request = Request(scope, receive)
        response = self.respond(request)
        await response(scope, receive, send)

    def respond(self, request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            return Response("Method not allowed", status_code=405, media_type="text/plain")
        path = request.url.path
        redirect = first_redirect(self.redirects, path)
        if redirect is not None:
            rule, target = redirect
            if rule.status == 200:
                file = self._file(target)
                return self._serve(request, file) if file else self._not_found(request)
            return self._redirect(request, target, rule.status)
        if path.endswith("/index.html"):
            return self._redirect(request, path.removesuffix("index.html"), 308)
        if path.endswith(".html") and self._file(path):
            return self._redirect(request, path.removesuffix(".html"), 308)
        if path != "/" and path.endswith("/") and not self._file(path) and self._file(path.rstrip("/")):
            return self._redirect(request, path.rstrip("/"), 308)
        file = self._file(path)
        if file is None:
            return self._not_found(request)
        return self._serve(request, file)
