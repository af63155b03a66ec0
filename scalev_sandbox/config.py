"""Settings of one sandbox process.

Defaults suit the preview; tests build their own ``SandboxConfig`` (strict limits, their own
origin, a fresh database).
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
    #: Public base URL of this sandbox, used for media URLs; taken from the request when unset.
    public_base_url: str | None = None

    @classmethod
    def from_env(cls, **overrides: object) -> "SandboxConfig":
        """Reads ``SANDBOX_SEED`` and ``SANDBOX_ALLOWED_ORIGINS`` (comma-separated)."""
        values: dict[str, object] = {}
        if seed := os.environ.get("SANDBOX_SEED"):
            values["seed_path"] = Path(seed)
        if origins := os.environ.get("SANDBOX_ALLOWED_ORIGINS"):
            values["extra_origins"] = tuple(o.strip() for o in origins.split(",") if o.strip())
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]
