"""The browser transport: ``window.fetch`` with ``credentials: "omit"``, as Scalev requires.

Asynchronous, so the page stays responsive while a request is in flight.
"""

from __future__ import annotations

import js
from pyodide.ffi import JsException, to_js

from ..api.errors import NetworkError, RequestTimeout
from ..api.http import HttpRequest, HttpResponse
from .ffi import js_object


class FetchTransport:
    async def __call__(self, request: HttpRequest) -> HttpResponse:
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
