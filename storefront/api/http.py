"""The request and response values that cross between the client and a transport."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Awaitable, Callable, Mapping
from typing import Any


@dataclasses.dataclass(frozen=True)
class HttpRequest:
    method: str
    url: str
    headers: Mapping[str, str]
    body: Any = None  # JSON text, or bytes / a browser Blob for uploads
    timeout: float = 20.0
    #: Upload progress in percent, for transports that can report it (the browser's XHR).
    on_progress: Callable[[int], None] | None = dataclasses.field(default=None, compare=False, repr=False)
    #: A POST that only asks (see ``flow.Call.read_only``): retried like a GET.
    read_only: bool = False


@dataclasses.dataclass(frozen=True)
class HttpResponse:
    status: int
    headers: Mapping[str, str]  # names lower-cased by the transport
    text: str

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    def json(self) -> Any:
        return json.loads(self.text) if self.text else None

    @property
    def request_id(self) -> str | None:
        """Scalev's id for the request, for the merchant to quote to its support."""
        return self.header("x-request-id") or self.header("x-scalev-request-id")


#: Sends one request and returns its response; raises NetworkError or RequestTimeout.
Transport = Callable[[HttpRequest], Awaitable[HttpResponse]]
