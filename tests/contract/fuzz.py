"""Schema-driven fuzzing of the sandbox with schemathesis' generators.

Every storefront operation gets cases generated from Scalev's spec, valid (positive) and
deliberately invalid (negative), sent with the real storefront key and a real customer token
so they reach the route logic. No answer may be a 5xx, and every answer must pass the same
validation as the contract tests.
"""

from __future__ import annotations

import collections
import dataclasses
import json
import time
from typing import Any

import hypothesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.openapi import from_dict
from starlette.testclient import TestClient

from scalev_sandbox import SandboxConfig, create_app

from .conftest import KEY, STORE
from .openapi import SPEC_PATH, validate_any
from .test_sandbox_operations import OUT_OF_SCOPE


@dataclasses.dataclass
class FuzzReport:
    cases: int = 0
    by_status: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    server_errors: list[str] = dataclasses.field(default_factory=list)
    schema_failures: list[str] = dataclasses.field(default_factory=list)
    seconds: float = 0.0
    operations: int = 0


def run(max_examples: int, seed: int = 1) -> FuzzReport:
    app = create_app(SandboxConfig(rate_limit=10**9, auth_rate_limit=10**9))
    client = TestClient(app, raise_server_exceptions=False)
    login = client.post(
        f"/v3/stores/{STORE}/public/auth/login",
        headers={"X-Scalev-Storefront-Api-Key": KEY},
        json={"email": "siti@example.com", "password": "Rahasia123!"},
    ).json()
    schema = from_dict(json.loads(SPEC_PATH.read_text()))
    report = FuzzReport()
    started = time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()  # type: ignore[union-attr]  # the committed spec parses whole
        if (operation.method.upper(), operation.path) in OUT_OF_SCOPE:
            continue
        report.operations += 1
        headers: dict[str, Any] = {"X-Scalev-Storefront-Api-Key": KEY}
        if "/customers/me" in operation.path or operation.path.endswith("/cart/merge"):
            headers["Authorization"] = f"Bearer {login['access']}"
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(generation_mode=mode, path_parameters={"store_id": STORE})

            @given(case=strategy)
            @settings(
                max_examples=max_examples,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
                phases=[hypothesis.Phase.generate],
            )
            def exercise(case: Any) -> None:
                case.path_parameters["store_id"] = STORE
                case.headers = {**(case.headers or {}), **headers}  # noqa: B023 (run within its iteration)
                kwargs = case.as_transport_kwargs(base_url="http://sandbox.test")
                response = client.request(
                    kwargs["method"],
                    kwargs["url"].removeprefix("http://sandbox.test"),
                    headers=kwargs.get("headers"),
                    params=kwargs.get("params"),
                    content=kwargs.get("data") if isinstance(kwargs.get("data"), (bytes, str)) else None,
                    json=kwargs.get("json"),
                )
                report.cases += 1
                report.by_status[response.status_code] += 1
                label = f"{operation.method.upper()} {operation.path} ({mode.value})"  # noqa: B023
                if response.status_code >= 500:
                    report.server_errors.append(f"{label}: {response.status_code} {response.text[:200]}")
                    return
                try:
                    validate_any(response)
                except Exception as exc:
                    report.schema_failures.append(f"{label}: {str(exc)[:300]}")

            exercise()
    report.seconds = time.monotonic() - started
    return report


def summary(report: FuzzReport) -> str:
    statuses = ", ".join(f"{code}: {count}" for code, count in sorted(report.by_status.items()))
    return (
        f"{report.cases} cases over {report.operations} operations in {report.seconds:.1f} s; "
        f"5xx: {len(report.server_errors)}; schema failures: {len(report.schema_failures)}; "
        f"statuses: {statuses}"
    )
