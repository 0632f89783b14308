"""Browser tests: Debian's Chromium driven by Playwright, with axe-core checking WCAG 2.2 A and AA.

Never downloads a browser. Without /usr/bin/chromium the tests are skipped, unless
SENDSUPPORT_REQUIRE_BROWSER=1 (as in CI), when a missing browser is a failure.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls tests make to set up
# data are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# Every browser test must use django_db(transaction=True, serialized_rollback=True): a transactional
# test without it flushes and re-creates content types with new ids, which the next serialized
# test then collides with on PostgreSQL.


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        message = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("SENDSUPPORT_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server) -> Iterator:
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 1024, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()


def sign_in(page, username: str, password: str) -> None:
    """Sign in using the keyboard only, as a keyboard user would."""
    page.goto("/sign-in/")
    page.locator("#id_username").focus()
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    with page.expect_navigation():
        page.keyboard.press("Enter")


# What Chromium says when a script ran into a page that a click had just sent elsewhere: the
# old document is torn down under axe ("reading 'documentElement'"), or the new one has no axe yet.
NAVIGATION_RACES = ("reading 'documentElement'", "Execution context was destroyed", "axe is not defined")


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page once it has loaded.

    A click on a link returns as soon as the navigation starts, so a check straight after it can
    meet the page between two documents (seen in CI, not locally): it waits for the load and, if
    the document still changed under it, checks the new one again.
    """
    from playwright.sync_api import Error as PlaywrightError

    for _ in range(2):
        page.wait_for_load_state("load")
        try:
            return _run_axe(page)
        except PlaywrightError as error:
            if not any(race in str(error) for race in NAVIGATION_RACES):
                raise
    page.wait_for_load_state("load")
    return _run_axe(page)


def _run_axe(page) -> list[dict]:
    page.evaluate(AXE_SOURCE.read_text())
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return result["violations"]


def assert_accessible(page) -> None:
    """Zero axe-core violations for WCAG 2.2 A and AA, at desktop width and at 320 px."""
    for width in (1024, 320):
        page.set_viewport_size({"width": width, "height": 800})
        violations = axe_violations(page)
        summary = [
            {
                "rule": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [node["target"] for node in v["nodes"]][:5],
            }
            for v in violations
        ]
        assert violations == [], f"{page.url} at {width}px:\n" + json.dumps(summary, indent=2)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at {width}px wide"
    page.set_viewport_size({"width": 1024, "height": 800})
    csp_errors = [error for error in page.console_errors if "Content Security Policy" in error]
    assert csp_errors == [], f"{page.url} broke the content security policy: {csp_errors}"
