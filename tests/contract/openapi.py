"""Validates sandbox answers against Scalev's published ``openapi-storefront.json``.

openapi-core does the validation; this module only adapts httpx requests and responses to its
protocols. Requests are matched as if sent to the spec's server, ``https://api.scalev.com``.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import httpx
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_schema_validator import OAS30Validator
from werkzeug.datastructures import Headers, ImmutableMultiDict

#: The storefront part of Scalev's OpenAPI spec, committed so tests run wherever the repo does.
SPEC_PATH = Path(__file__).resolve().parents[2] / "spec" / "openapi-storefront.json"
SPEC_SERVER = "https://api.scalev.com"


def nullable_wrappers_inlined(data: dict) -> dict:
    """The spec with ``{"nullable": true, "allOf": [{"$ref": X}]}`` read as "X or null".

    Under OpenAPI 3.0.3, ``nullable`` does not reach into ``allOf``, so a strict validator
    rejects ``null`` there; Scalev documents ``discount_code: null`` for unknown codes, which is
    what the wrapper was written for. It occurs once (``StorefrontDiscountCodeCheckResponse``).
    """
    schemas = data["components"]["schemas"]

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in list(node.items()):
                if (
                    isinstance(value, dict)
                    and value.get("nullable")
                    and len(value.get("allOf", ())) == 1
                    and "$ref" in value["allOf"][0]
                ):
                    target = schemas[value["allOf"][0]["$ref"].rsplit("/", 1)[1]]
                    node[key] = {**target, "nullable": True}
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    return data


@cache
def spec() -> OpenAPI:
    return OpenAPI.from_dict(nullable_wrappers_inlined(json.loads(SPEC_PATH.read_text())))


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


@cache
def raw_spec() -> dict:
    return json.loads(SPEC_PATH.read_text())


@cache
def error_validator() -> OAS30Validator:
    """``ApiErrorResponse`` with the spec's components alongside, so its references resolve."""
    return OAS30Validator({"$ref": "#/components/schemas/ApiErrorResponse", "components": raw_spec()["components"]})


def documented_statuses(response: httpx.Response) -> set[str] | None:
    """The statuses the spec lists for this request's operation; None when no operation matches."""
    method = response.request.method.lower()
    for path, item in raw_spec()["paths"].items():
        pattern = "^" + re.sub(r"\{[^/]+\}", "[^/]+", path) + "$"
        if re.match(pattern, response.request.url.path) and method in item:
            return set(item[method]["responses"])
    return None


def validate_any(response: httpx.Response) -> None:
    """Every sandbox answer must follow the spec: a documented status by its schema, any other
    status as the documented error object (or plain text for 429)."""
    if not response.request.url.path.startswith("/v3/") or response.request.method == "OPTIONS":
        return
    statuses = documented_statuses(response)
    if statuses is None:  # a path Scalev does not have: the router's own 404/405 error object
        assert response.status_code in (404, 405), response.request.url.path
    elif str(response.status_code) in statuses:
        validate(response)
        return
    if response.status_code == 429 and response.headers.get("content-type", "").startswith("text/plain"):
        return
    body = response.json()
    errors = [e.message for e in error_validator().iter_errors(body)]
    assert not errors and body.get("error"), f"{response.status_code} body is not an ApiErrorResponse: {body} {errors}"
