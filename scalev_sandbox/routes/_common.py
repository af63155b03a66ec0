"""Small helpers every route module shares."""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request

from ..state import SandboxState

MEDIA_PREFIX = "/__sandbox__/media/"


def image_resolver(request: Request, state: SandboxState) -> Callable[[str], str]:
    """Seed image names become sandbox media URLs; full URLs in a merchant's seed stay as they are."""
    base = (state.config.public_base_url or str(request.base_url)).rstrip("/")

    def resolve(name: str) -> str:
        if name.startswith(("http://", "https://")):
            return name
        return f"{base}{MEDIA_PREFIX}{name}.svg"

    return resolve


def path_int(request: Request, name: str) -> int | None:
    """An integer path parameter, or None when the text is not one (the route then 404s)."""
    try:
        return int(request.path_params[name])
    except (KeyError, ValueError):
        return None
