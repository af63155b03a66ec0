"""Small helpers every route module shares."""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request

from ..state import SandboxState

MEDIA_PREFIX = "/__sandbox__/media/"
GUEST_HEADER = "X-Scalev-Guest-Token"


def base_url(request: Request, state: SandboxState) -> str:
    return (state.config.public_base_url or str(request.base_url)).rstrip("/")


def storage_url(request: Request, state: SandboxState) -> str:
    """Where uploads go and uploaded files are read: the storage origin, when there is one."""
    return (state.config.storage_base_url or base_url(request, state)).rstrip("/")


def image_resolver(request: Request, state: SandboxState) -> Callable[[str], str]:
    """Seed image names become sandbox media URLs; full URLs in a merchant's seed stay as they are."""
    base = base_url(request, state)

    def resolve(name: str) -> str:
        if name.startswith(("http://", "https://")):
            return name
        return f"{base}{MEDIA_PREFIX}{name}.svg"

    return resolve


def path_int(request: Request, name: str) -> int | None:
    """An integer path parameter of ASCII digits within 64 bits, or None when the text is not
    one (the route then 404s)."""
    raw = str(request.path_params.get(name, ""))
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 19 or int(raw) > 2**63 - 1:
        return None
    return int(raw)


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def origin_of(request: Request) -> str | None:
    return request.headers.get("origin")


def query_int(request: Request, name: str) -> int | None:
    from ..errors import bad_request

    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    try:
        return int(raw)
    except ValueError:
        raise bad_request(f"{name} must be an integer", f"invalid_{name}") from None
