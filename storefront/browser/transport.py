"""The browser transport: ``fetch`` with ``credentials: "omit"``, as Scalev requires, and
``XMLHttpRequest`` for a request that wants upload progress (``fetch`` cannot report it).

Both are asynchronous: the page stays responsive while a request is in flight.
"""

from __future__ import annotations

import asyncio
from typing import Any

import js
from pyodide.ffi import JsException, create_proxy, to_js

from ..api.errors import NetworkError, RequestTimeout
from ..api.http import HttpRequest, HttpResponse
from .ffi import js_object, py_value


class BrowserTransport:
    async def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.on_progress is not None:
            return await _xhr(request)
        early = await _prefetched(request)
        if early is not None:
            return early
        options = {
            "method": request.method,
            "headers": dict(request.headers),
            "credentials": "omit",
            "mode": "cors",
            "signal": js.AbortSignal.timeout(int(request.timeout * 1000)),
        }
        if isinstance(request.body, bytes):
            options["body"] = to_js(request.body)  # a Uint8Array
        elif request.body is not None:
            options["body"] = request.body  # JSON text, or a File/Blob handed over untouched
        try:
            response = await js.fetch(request.url, js_object(options))
            text = await response.text()
        except JsException as exc:
            if "TimeoutError" in str(exc) or "AbortError" in str(exc):
                raise RequestTimeout(f"{request.method} {request.url} timed out") from exc
            raise NetworkError(f"{request.method} {request.url}: {exc}") from exc
        headers = {}
        for pair in response.headers.entries():
            headers[str(pair[0]).lower()] = str(pair[1])
        return HttpResponse(int(response.status), headers, str(text))


async def _prefetched(request: HttpRequest) -> HttpResponse | None:
    """The answer ``static/prefetch.mjs`` asked for while Python started, when this is that
    very read (a public GET), taken once; None otherwise, or if asking early failed."""
    if request.method != "GET" or any(name in request.headers for name in ("Authorization", "X-Scalev-Guest-Token")):
        return None
    waiting = py_value(getattr(js.window, "__sfPrefetched", None))
    if waiting is None or not waiting.has(request.url):
        return None
    answer = waiting.get(request.url)
    waiting.delete(request.url)
    try:
        got = await asyncio.wait_for(answer, timeout=request.timeout)
    except (TimeoutError, JsException):
        return None  # asked again, the usual way
    headers = {str(pair[0]).lower(): str(pair[1]) for pair in got.headers}
    return HttpResponse(int(got.status), headers, str(got.text))


async def _xhr(request: HttpRequest) -> HttpResponse:
    """Sends with XMLHttpRequest, reporting upload progress in percent to ``on_progress``."""
    done: asyncio.Future[HttpResponse] = asyncio.get_running_loop().create_future()
    xhr = js.XMLHttpRequest.new()
    proxies: list[Any] = []
    report = request.on_progress
    assert report is not None

    def handler(fn: Any) -> Any:
        proxy = create_proxy(fn)
        proxies.append(proxy)
        return proxy

    def progress(event: Any) -> None:
        if event.lengthComputable:
            report(int(event.loaded * 100 / max(event.total, 1)))

    def loaded(event: Any) -> None:
        if not done.done():
            headers = {}
            for line in str(xhr.getAllResponseHeaders() or "").strip().splitlines():
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            done.set_result(HttpResponse(int(xhr.status), headers, str(xhr.responseText or "")))

    def failed(event: Any) -> None:
        if not done.done():
            done.set_exception(NetworkError(f"{request.method} {request.url}: {event.type}"))

    def timed_out(event: Any) -> None:
        if not done.done():
            done.set_exception(RequestTimeout(f"{request.method} {request.url} timed out"))

    xhr.upload.addEventListener("progress", handler(progress))
    xhr.addEventListener("load", handler(loaded))
    xhr.addEventListener("error", handler(failed))
    xhr.addEventListener("abort", handler(failed))
    xhr.addEventListener("timeout", handler(timed_out))
    xhr.open(request.method, request.url)
    xhr.timeout = int(request.timeout * 1000)
    for name, value in request.headers.items():
        xhr.setRequestHeader(name, value)
    xhr.send(to_js(request.body) if isinstance(request.body, bytes) else request.body)
    try:
        response = await done
        if response.ok:
            report(100)
        return response
    finally:
        for proxy in proxies:
            proxy.destroy()
