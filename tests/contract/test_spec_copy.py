import hashlib
from pathlib import Path

from .openapi import SPEC_PATH, spec_operations

#: Checksum of the subset published with the shared API contract (OPENAPI-INDEX.md).
SPEC_SHA256_PREFIX = "177de3823e19cdd9"
SHARED_COPY = Path(__file__).resolve().parents[3] / "shared" / "scalev-api" / "openapi-storefront.json"


def test_the_committed_spec_is_the_published_subset():
    digest = hashlib.sha256(SPEC_PATH.read_bytes()).hexdigest()
    assert digest.startswith(SPEC_SHA256_PREFIX)
    if SHARED_COPY.exists():
        assert SHARED_COPY.read_bytes() == SPEC_PATH.read_bytes()
    assert len(spec_operations()) == 71
