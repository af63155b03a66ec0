"""Validates sandbox answers against Scalev's published ``openapi-storefront.json``.

openapi-core does the validation; this module only adapts httpx requests and responses to its
protocols. Requests are matched as if sent to the spec's server, ``https://api.scalev.com``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import httpx
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict

#: The storefront part of Scalev's OpenAPI spec, committed so tests run wherever the repo does.
SPEC_PATH = Path(__file__).resolve().parents[2] / "spec" / "openapi-storefront.json"
SPEC_SERVER = "https://api.scalev.com"


@cache
def spec() -> OpenAPI:
    return OpenAPI.from_dict(json.loads(SPEC_PATH.read_text()))


def spec_operations() -> list[tuple[str, str]]:
    data = json.loads(SPEC_PATH.read_text())
    return [
        (method.upper(), path)
        for path, item in data["paths"].items()
        for method in item
        if method in {"get", "post", "patch", "put", "delete"}
    ]


class _Request:
    def __init__(self, request: httpx.Request) -> None:
        self._request = request
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(list(request.url.params.multi_items())),
            header=Headers(list(request.headers.items())),
            cookie=ImmutableMultiDict(),
        )

    host_url = SPEC_SERVER

    @property
    def path(self) -> str:
        return self._request.url.path

    @property
    def method(self) -> str:
        return self._request.method.lower()

    @property
    def body(self) -> bytes | None:
        return self._request.content or None

    @property
    def content_type(self) -> str:
        return self._request.headers.get("content-type", "application/octet-stream")


class _Response:
    def __init__(self, response: httpx.Response) -> None:
        self._response = response

    @property
    def status_code(self) -> int:
        return self._response.status_code

    @property
    def content_type(self) -> str:
        return self._response.headers.get("content-type", "")

    @property
    def headers(self) -> Headers:
        return Headers(list(self._response.headers.items()))

    @property
    def data(self) -> bytes | None:
        return self._response.content


def validate(response: httpx.Response) -> httpx.Response:
    """Raises openapi-core's error when the response breaks the spec; returns it otherwise."""
    spec().validate_response(_Request(response.request), _Response(response))
    return response
