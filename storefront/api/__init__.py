"""One Python surface over Scalev's Storefront API v3.

``client.StorefrontClient`` builds requests and parses answers without doing I/O itself; a
transport (browser ``fetch`` in Pyodide, httpx in CPython) carries them.
"""

from .client import StorefrontClient
from .errors import ApiError, BadAnswer, NetworkError, RequestTimeout, SessionExpired, StorefrontError
from .http import HttpRequest, HttpResponse, Transport

__all__ = [
    "ApiError",
    "BadAnswer",
    "HttpRequest",
    "HttpResponse",
    "NetworkError",
    "RequestTimeout",
    "SessionExpired",
    "StorefrontClient",
    "StorefrontError",
    "Transport",
]
