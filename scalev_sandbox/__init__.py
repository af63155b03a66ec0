"""A local emulator of Scalev's Storefront API v3.

It is the backend of every test and the default backend of the preview, so it is as strict as
Scalev is documented to be: unknown stores and wrong keys look alike, CORS is limited to the
store's registered origins, and every body follows ``openapi-storefront.json``.
"""

from .app import create_app
from .config import SandboxConfig

__all__ = ["SandboxConfig", "create_app"]
