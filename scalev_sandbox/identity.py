"""Which store a request is for, and whether it may use it.

Scalev answers an unknown store, a wrong or revoked key and a store on an ineligible plan
with the same 404, so nobody can probe which stores exist.
"""

from __future__ import annotations

from starlette.requests import Request

from .errors import store_not_found
from .state import SandboxState

KEY_HEADER = "X-Scalev-Storefront-Api-Key"


def sandbox(request: Request) -> SandboxState:
    return request.app.state.sandbox


def require_public_store(request: Request) -> SandboxState:
    """Resolves ``/v3/stores/{store_id}/public/*``: the path's store plus an active storefront key."""
    state = sandbox(request)
    store = state.seed.store
    if (
        request.path_params.get("store_id") != store.unique_id
        or request.headers.get(KEY_HEADER) not in store.active_keys
        or not store.is_eligible
    ):
        raise store_not_found()
    return state
