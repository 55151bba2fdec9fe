"""A real Chromium driven by Playwright against pytest-django's live server.

Playwright's sync API keeps an event loop running in the test thread, which makes Django refuse ORM
calls from that thread unless told that this is safe; it is here, the test thread is the only user.
The ORM calls made while Playwright runs get their own database connection (Django keeps connections
per context), which must be closed before Playwright stops, or PostgreSQL cannot drop the test database.
"""

import os
from pathlib import Path

import pytest
from django.db import connections

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def page():
    """A fresh browser page; the test is skipped where Debian's chromium is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(locale="id-ID")
        context.set_default_timeout(15_000)
        yield context.new_page()
        context.close()
        browser.close()
        connections.close_all()
