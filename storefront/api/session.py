"""The shopper's tokens as data: the guest cart token and the customer's JWT pair.

Every change is written through to storage at once, so a reload, another tab, or a crash in the
middle of a refresh never loses the cart or leaves a spent refresh token behind.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from .storage import ACCESS_EXPIRES_KEY, ACCESS_TOKEN_KEY, GUEST_TOKEN_KEY, REFRESH_TOKEN_KEY, Storage

#: Refresh this long before the access token expires, so a request never leaves with a token
#: that dies on the way.
REFRESH_MARGIN_SECONDS = 60


@dataclasses.dataclass
class Session:
    storage: Storage

    # -- guest -------------------------------------------------------------------------------

    @property
    def guest_token(self) -> str | None:
        return self.storage.get(GUEST_TOKEN_KEY) or None

    def adopt_guest_token(self, token: str | None) -> bool:
        """Keeps the token the API sent; returns True when it replaced another one."""
        if not token or token == self.guest_token:
            return False
        replaced = self.guest_token is not None
        self.storage.set(GUEST_TOKEN_KEY, token)
        return replaced

    # -- customer ----------------------------------------------------------------------------

    @property
    def access(self) -> str | None:
        return self.storage.get(ACCESS_TOKEN_KEY) or None

    @property
    def refresh(self) -> str | None:
        return self.storage.get(REFRESH_TOKEN_KEY) or None

    @property
    def access_expires_at(self) -> float | None:
        raw = self.storage.get(ACCESS_EXPIRES_KEY)
        try:
            return float(raw) if raw else None
        except ValueError:
            return None

    @property
    def signed_in(self) -> bool:
        return self.refresh is not None

    def store_tokens(self, body: dict[str, Any], now: float) -> None:
        """Keeps a token pair; an answer without one changes nothing (read whole, then written)."""
        access, refresh = body["access"], body["refresh"]
        if not (isinstance(access, str) and access and isinstance(refresh, str) and refresh):
            raise ValueError("a token answer without an access and a refresh token")
        expires = now + int(body.get("expires_in") or 900)
        # The expiry last: a tab that reads the new expiry reads the new tokens too.
        self.storage.set(REFRESH_TOKEN_KEY, refresh)
        self.storage.set(ACCESS_TOKEN_KEY, access)
        self.storage.set(ACCESS_EXPIRES_KEY, str(expires))

    def needs_refresh(self, now: float) -> bool:
        expires = self.access_expires_at
        return self.access is None or expires is None or now >= expires - REFRESH_MARGIN_SECONDS

    def sign_out(self) -> None:
        """Forgets the customer; the guest token, and so the guest cart, stays."""
        for key in (ACCESS_TOKEN_KEY, REFRESH_TOKEN_KEY, ACCESS_EXPIRES_KEY):
            self.storage.remove(key)
