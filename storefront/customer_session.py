"""Who is signed in, as the shop shows it, and the one place that signs in and out.

The tokens themselves belong to the client's session (``api/session.py``); this keeps the
customer's name and email next to them, so the header is right on every page load without a
request, and publishes every change: ``changed`` when someone signed in or out (here, or in
another tab of the shop), ``ended`` once when a session could not be renewed.
"""

from __future__ import annotations

import dataclasses

from .api import StorefrontClient
from .api.models import OtpChallenge, Profile
from .api.storage import ACCESS_TOKEN_KEY, REFRESH_TOKEN_KEY, Storage
from .signals import Signal
from .stored import read_json, write_json

IDENTITY_KEY = "storefront_customer"
DEFAULT_ADDRESS_KEY = "storefront_default_address"
#: Storage keys whose change in another tab means someone signed in or out there.
WATCHED_KEYS = (ACCESS_TOKEN_KEY, REFRESH_TOKEN_KEY, IDENTITY_KEY)


@dataclasses.dataclass(frozen=True)
class Identity:
    customer_id: int
    name: str
    email: str

    @classmethod
    def of(cls, profile: Profile) -> Identity:
        email = profile.email or ""
        return cls(profile.id, profile.name or email.split("@")[0], email)


class CustomerSession:
    def __init__(self, client: StorefrontClient, storage: Storage) -> None:
        self.client = client
        self.storage = storage
        self.changed: Signal[Identity | None] = Signal()
        #: The signed-in customer's name became known or changed (the header shows it).
        self.named: Signal[Identity] = Signal()
        self.ended: Signal[None] = Signal()
        client.on_signed_out = self._session_ended

    @property
    def signed_in(self) -> bool:
        return self.client.session.signed_in

    @property
    def identity(self) -> Identity | None:
        """The signed-in customer as last read from their profile (None when signed out, or
        before the profile was read in this browser)."""
        if not self.signed_in:
            return None
        stored = read_json(self.storage, IDENTITY_KEY)
        try:
            return Identity(int(stored["customer_id"]), str(stored["name"]), str(stored["email"]))
        except (TypeError, KeyError, ValueError):
            return None

    def remember(self, profile: Profile) -> Identity:
        """Keeps who is signed in, and says so: a tab that learns the name first writes it,
        and the same value written again by another tab raises no storage event there."""
        identity = Identity.of(profile)
        write_json(self.storage, IDENTITY_KEY, dataclasses.asdict(identity))
        self.named.emit(identity)
        return identity

    def updated(self, profile: Profile) -> Identity:
        """The profile changed (a new name): kept, and published for the header."""
        identity = self.remember(profile)
        self.changed.emit(identity)
        return identity

    async def load_identity(self) -> Identity | None:
        """The identity, reading the profile once when this browser does not know it yet."""
        if not self.signed_in:
            return None
        known = self.identity
        if known is not None:
            return known
        return self.remember(await self.client.get_profile())

    # -- signing in and out ------------------------------------------------------------------

    async def sign_in(self, email: str, password: str) -> Identity | OtpChallenge:
        """Tokens at once (the guest cart is merged into the account), or a code to ask for."""
        answer = await self.client.login(email.strip(), password)
        if isinstance(answer, OtpChallenge):
            return answer
        return self._signed_in(answer)

    async def verify(self, email: str, code: str) -> Identity:
        return self._signed_in(await self.client.verify_otp(email.strip(), code.strip()))

    def _signed_in(self, profile: Profile) -> Identity:
        identity = self.remember(profile)
        self.changed.emit(identity)
        return identity

    async def sign_out(self) -> None:
        """Blacklists both tokens, forgets them and the identity; the guest cart stays."""
        await self.client.logout()
        self.storage.remove(IDENTITY_KEY)
        self.changed.emit(None)

    def _session_ended(self) -> None:
        """The refresh token was refused: the customer is signed out (once) and told so."""
        self.storage.remove(IDENTITY_KEY)
        self.client.cache.clear()
        self.ended.emit(None)
        self.changed.emit(None)

    def storage_changed(self, key: str | None) -> None:
        """Another tab wrote ``key`` (None: it cleared storage); a sign-in or sign-out there is
        published here too."""
        if key is None or key in WATCHED_KEYS:
            self.client.cache.clear()
            self.changed.emit(self.identity)

    # -- the default address -----------------------------------------------------------------

    def default_address(self) -> int | None:
        identity = self.identity
        stored = read_json(self.storage, DEFAULT_ADDRESS_KEY) if identity else None
        if stored is None or identity is None:
            return None
        value = stored.get(str(identity.customer_id))
        return value if isinstance(value, int) else None

    def set_default_address(self, address_id: int | None) -> None:
        identity = self.identity
        if identity is None:
            return
        defaults = read_json(self.storage, DEFAULT_ADDRESS_KEY) or {}
        if address_id is None:
            defaults.pop(str(identity.customer_id), None)
        else:
            defaults[str(identity.customer_id)] = address_id
        write_json(self.storage, DEFAULT_ADDRESS_KEY, defaults)
