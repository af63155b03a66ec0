"""Fixtures shared by every test layer."""

from __future__ import annotations

from pathlib import Path

import pytest

import build

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once with default settings (the local sandbox)."""
    out = tmp_path_factory.mktemp("site")
    build.build(out, build.BuildSettings.from_env({}))
    return out


@pytest.fixture
def anyio_backend() -> str:
    """Async tests run on asyncio, as the browser's event loop is asyncio-based too."""
    return "asyncio"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """End-to-end tests run last: sync Playwright keeps an event loop running in the main thread
    while the shared browser is open, and async tests cannot start theirs after that."""
    items.sort(key=lambda item: "/e2e/" in item.nodeid.replace("\\", "/") or item.nodeid.startswith("tests/e2e"))
