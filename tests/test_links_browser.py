"""A reader in Chromium follows a link into another language's section and sees the runbook's image."""

from __future__ import annotations

import pytest

from tests.conftest import build_site, copy_project, serve_site
from tests.finish.test_links import PNG, RUNBOOK

pytestmark = pytest.mark.browser


@pytest.fixture
def site_url(tmp_path, browser):
    project = copy_project(tmp_path / "project")
    (project / "runbooks" / "fr" / "KT-99001.md").write_text(RUNBOOK.format(broken=""), encoding="utf-8")
    (project / "runbooks" / "fr" / "assets").mkdir()
    (project / "runbooks" / "fr" / "assets" / "schema.png").write_bytes(PNG)
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    with serve_site(site) as base:
        yield base


def test_reader_follows_a_link_into_the_japanese_resolution(site_url, browser):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url + "fr/runbooks/KT-99001/")
        image = page.locator("article img[alt='schéma']")
        assert image.evaluate("img => img.complete && img.naturalWidth") == 1
        page.locator("article a", has_text="en japonais").click()
        page.wait_for_url("**/ja/runbooks/KA-19371/#resolution", timeout=15_000)
        assert page.locator("html").get_attribute("lang") == "ja"
        heading = page.locator("h2#resolution")
        assert heading.inner_text().startswith("解決策")
        box = heading.bounding_box()
        assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
    finally:
        context.close()
