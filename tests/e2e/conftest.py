"""One Chromium, one page and one stack (sandbox + built site) for the whole session.

Python boots once and tests navigate inside the app, as a shopper would; a full page load
happens only where a test is about full loads (deep links, the first paint).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from preview.servers import Stack, stack
from scalev_sandbox import SandboxConfig

from .browser import launch_options

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
BOOT_TIMEOUT = 90_000  # a cold Pyodide start on 2 busy cores
#: How long an expectation waits for the page (Playwright's default is 5 s): a 2-core machine
#: running the suite beside other work is slower, never less correct.
expect.set_options(timeout=15_000)


@dataclasses.dataclass
class Traffic:
    """Everything the page did that a test may want to assert on."""

    requests: list[str] = dataclasses.field(default_factory=list)
    responses: list[tuple[str, int]] = dataclasses.field(default_factory=list)
    failures: list[str] = dataclasses.field(default_factory=list)
    console_errors: list[str] = dataclasses.field(default_factory=list)
    #: Console errors the current test causes on purpose (substrings); reset after each test.
    expected_errors: list[str] = dataclasses.field(default_factory=list)

    def expect_console_error(self, fragment: str) -> None:
        self.expected_errors.append(fragment)

    def unexpected_errors(self, since: int) -> list[str]:
        return [
            error
            for error in self.console_errors[since:]
            if not any(fragment in error for fragment in self.expected_errors)
        ]

    def off_machine(self) -> list[str]:
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme in ("http", "https") and urlsplit(url).hostname != "127.0.0.1"
        ]

    def api_calls(self, api_base: str, since: int = 0) -> list[str]:
        return [url for url in self.requests[since:] if url.startswith(api_base)]


@dataclasses.dataclass
class Shop:
    page: Page
    live: Stack
    traffic: Traffic

    def url(self, path: str) -> str:
        return self.live.site_url + path

    def open(self, path: str) -> None:
        """A full page load (Python boots again), waiting until the view is ready."""
        self.page.goto(self.url(path))
        self.wait_ready()

    def wait_ready(self, view: str | None = None) -> None:
        selector = "main[data-view-state=ready]" if view is None else f"main[data-view={view}][data-view-state=ready]"
        self.page.wait_for_selector(selector, state="attached", timeout=BOOT_TIMEOUT)

    def screenshot(self, name: str, page: Page | None = None) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        (page or self.page).screenshot(path=path, full_page=True)
        return path


#: Every test's requests come from 127.0.0.1, so the suite's sandbox counts them all in one
#: bucket: roomier than the default, which its own contract tests cover.
SUITE_SANDBOX = SandboxConfig(rate_limit=6000, auth_rate_limit=600)


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with stack(tmp_path_factory.mktemp("e2e-site"), SUITE_SANDBOX) as running:
        yield running


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options())
        yield browser
        browser.close()


def recorded_page(context: BrowserContext) -> tuple[Page, Traffic]:
    """A new page in ``context``, and what it does as it goes (for the assertions of a test
    and for ``clean_console_and_network``)."""
    page = context.new_page()
    traffic = Traffic()
    page.on("request", lambda request: traffic.requests.append(request.url))
    page.on("response", lambda response: traffic.responses.append((response.url, response.status)))
    page.on("requestfailed", lambda request: traffic.failures.append(f"{request.url}: {request.failure}"))
    page.on("console", lambda message: traffic.console_errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: traffic.console_errors.append(f"pageerror: {error}"))
    return page, traffic


@pytest.fixture(scope="session")
def shop(browser: Browser, live: Stack) -> Iterator[Shop]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page, traffic = recorded_page(context)
    shop = Shop(page, live, traffic)
    shop.open("/")
    yield shop
    context.close()


@pytest.fixture(scope="session")
def customer_shop(browser: Browser, live: Stack) -> Iterator[Shop]:
    """A second shopper, in a browser profile of their own (their own storage): the one who
    signs in, so the guest journey's shopper stays a guest."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page, traffic = recorded_page(context)
    shop = Shop(page, live, traffic)
    shop.open("/signin")
    yield shop
    context.close()


SHOPS = ("shop", "customer_shop")


@pytest.fixture(autouse=True)
def clean_console_and_network(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every end-to-end test ends with no console error and no request off the machine."""
    shops: list[Shop] = [request.getfixturevalue(name) for name in SHOPS if name in request.fixturenames]
    before = [len(shop.traffic.console_errors) for shop in shops]
    yield
    for shop, errors_before in zip(shops, before, strict=True):
        unexpected = shop.traffic.unexpected_errors(errors_before)
        shop.traffic.expected_errors.clear()
        assert unexpected == [], "\n".join(unexpected)
        assert shop.traffic.off_machine() == []
