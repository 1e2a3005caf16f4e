"""Real-browser tests: the site built once, served on 127.0.0.1, driven by Debian's Chromium via Playwright.

Without /usr/bin/chromium they skip (with how to install it), except in CI (CI=true) where they fail.
A failing test leaves a screenshot in test-artifacts/ (CI uploads that folder).
"""

from __future__ import annotations

import functools
import http.server
from pathlib import Path

import pytest

from tests.conftest import serve


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site like a static host does: a missing path gets the site's 404.html."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    with serve(functools.partial(_QuietHandler, directory=str(built_site))) as base:
        yield base + "/"


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
