"""Japanese writes a code straight against its text (`エラーRED-520025が`): search still finds it exactly."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_multilingual_browser import search
from tests.conftest import VALID_RUNBOOK, build_site, copy_project, serve_site

pytestmark = pytest.mark.browser

GLUED = (VALID_RUNBOOK.replace("language: fr", "language: ja").replace("KA-12345", "KA-99999")
         .replace("Un runbook valide", "配信がブロックされる")
         + "\n配信ログにエラーRED-520025が表示され、続いてSOP-330011エラーで停止しました。\n")


@pytest.fixture(scope="module")
def glued_site(tmp_path_factory, browser):
    tmp = tmp_path_factory.mktemp("glued")
    project = copy_project(tmp / "project")
    (project / "runbooks" / "ja" / "KA-99999.md").write_text(GLUED, encoding="utf-8")
    result = build_site(project, tmp / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    with serve_site(tmp / "site") as base:
        yield base


@pytest.fixture
def ja_page(browser, glued_site):
    context = browser.new_context(base_url=glued_site)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.goto("ja/")
    yield tab
    context.close()


def test_a_code_glued_to_japanese_text_is_found_exactly(ja_page):
    results = search(ja_page, "SOP-330011")
    expect(results).to_have_count(2)  # the runbook quoting it, then the code's page
    expect(results.first).to_have_attribute("href", re.compile(r"/ja/runbooks/KA-99999/$"))
    expect(results.nth(1)).to_have_attribute("href", re.compile(r"/ja/errors/SOP-330011/$"))


def test_every_japanese_runbook_quoting_the_code_is_found_and_nothing_else(ja_page):
    results = search(ja_page, "RED-520025")
    expect(results).to_have_count(3)  # the code's page first (it lists both), then both runbooks
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert re.search(r"/ja/errors/RED-520025/$", hrefs[0])
    assert sorted(h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs[1:]) == ["KA-19371", "KA-99999"]
    assert all("/ja/runbooks/" in h for h in hrefs[1:])
