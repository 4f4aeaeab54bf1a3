"""Real-browser tests: Playwright driving the system's Chromium against the live server.

Where Chromium or the playwright package is missing, the tests are skipped with a message
saying why; under continuous integration (CI set to "true", "1" or "yes") they fail with
that message instead, so that a CI run never passes without its browser tests.
"""

import os
from pathlib import Path
from typing import NoReturn

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API keeps an event loop in the test thread; the ORM calls made by the
# tests themselves are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def browser_unavailable(reason: str) -> NoReturn:
    """Skip the browser tests, or fail them under CI, where they must run."""
    if in_ci():
        pytest.fail(
            f"{reason} : les tests navigateur sont obligatoires en intégration continue (CI).",
            pytrace=False,
        )
    pytest.skip(f"{reason} : tests navigateur ignorés.")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        browser_unavailable(f"Chromium introuvable ({CHROMIUM})")
    try:
        from playwright import sync_api
    except ImportError as error:
        browser_unavailable(f"Le paquet playwright n’est pas installé ({error})")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """Open pages in fresh browser contexts (no shared cookies), closed after the test."""
    contexts = []

    def open_page(width: int = 1280, height: int = 900):
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale="fr-FR", accept_downloads=True
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()
