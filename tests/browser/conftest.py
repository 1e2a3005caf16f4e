"""Real-browser tests: the site built once, served on 127.0.0.1, driven by Debian's Chromium via Playwright.

Without /usr/bin/chromium they skip (with how to install it), except in CI (CI=true) where they fail.
A failing test leaves a screenshot in test-artifacts/ (CI uploads that folder).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import serve_site


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    with serve_site(built_site) as base:
        yield base


@pytest.fixture
def page(browser, site_url):
    from playwright.sync_api import expect

    # generous: the machine is shared; a passing test does not wait for these
    expect.set_options(timeout=15_000)
    context = browser.new_context(base_url=site_url)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()
