"""Settings of one sandbox process.

Defaults suit the preview (generous rate limits, state kept in ``.sandbox/``); tests build
their own ``SandboxConfig`` (memory database, strict limits, their own origin).
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

DEFAULT_SEED = Path(__file__).parent / "seed" / "demo-store.json"


@dataclasses.dataclass(frozen=True)
class SandboxConfig:
    seed_path: Path = DEFAULT_SEED
    #: Origins allowed in addition to the ones the seed registers for its store.
    extra_origins: tuple[str, ...] = ()
    #: Public base URL of this sandbox, used for media and upload URLs; from the request when unset.
    public_base_url: str | None = None
    #: Base URL of the file storage that takes transfer-proof uploads, when it is served on an
    #: origin of its own (as Scalev's storage host is); the API's own base when unset.
    storage_base_url: str | None = None
    #: SQLite file for state that survives restarts; None keeps state in memory.
    db_path: Path | None = None
    access_ttl: int = 900
    refresh_ttl: int = 2_592_000
    #: Requests per client address per window, for all storefront routes and for the
    #: sensitive ones (sign-in, OTP, password reset, order creation).
    rate_limit: int = 600
    auth_rate_limit: int = 60
    rate_window_seconds: int = 60
    #: Scalev may answer 429 as plain text or JSON; "text" or "json".
    rate_limit_body: str = "text"
    #: How money is written: "decimal" ("7000.00"), "plain" ("7000") or "number" (7000).
    money_format: str = "decimal"
    #: Trust ``X-Forwarded-For`` for the client address (only behind a proxy of your own).
    trust_forwarded_for: bool = False

    @classmethod
    def from_env(cls, **overrides: object) -> SandboxConfig:
        """Reads ``SANDBOX_SEED``, ``SANDBOX_ALLOWED_ORIGINS`` (comma-separated), ``SANDBOX_DB``."""
        values: dict[str, object] = {}
        if seed := os.environ.get("SANDBOX_SEED"):
            values["seed_path"] = Path(seed)
        if origins := os.environ.get("SANDBOX_ALLOWED_ORIGINS"):
            values["extra_origins"] = tuple(o.strip() for o in origins.split(",") if o.strip())
        if db := os.environ.get("SANDBOX_DB"):
            values["db_path"] = Path(db)
        if money := os.environ.get("SANDBOX_MONEY_FORMAT"):
            values["money_format"] = money
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]
