"""Everything one sandbox process holds: its settings, its seed and the live catalog."""

from __future__ import annotations

import dataclasses

from .catalog import Catalog
from .config import SandboxConfig
from .seed import Seed, load_seed


@dataclasses.dataclass
class SandboxState:
    config: SandboxConfig
    seed: Seed
    catalog: Catalog

    @classmethod
    def from_config(cls, config: SandboxConfig) -> "SandboxState":
        seed = load_seed(config.seed_path)
        return cls(config=config, seed=seed, catalog=Catalog(seed))

    @property
    def allowed_origins(self) -> frozenset[str]:
        return frozenset(self.seed.store.allowed_origins) | frozenset(self.config.extra_origins)

    def reset(self) -> None:
        """Back to the seed, as a fresh process would be."""
        self.seed = load_seed(self.config.seed_path)
        self.catalog = Catalog(self.seed)
