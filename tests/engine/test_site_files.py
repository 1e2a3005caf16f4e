"""Generated files (hooks/engine/site_files.py): URLs reserved for generated pages, dirty rebuilds."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from hooks.base import urls
from hooks.engine import site_files
from hooks.rules import loader
from hooks.site.site_pages import SitePage
from tests.engine.cycle_fixture import cycle


def docs_page(src_uri: str, tmp_path) -> File:
    return File(src_uri, str(tmp_path / "docs"), str(tmp_path / "site"), use_directory_urls=True)


def generated(kind: str, src_uri: str, runbook_id: str | None = None) -> SitePage:
    return SitePage(src_uri, "fr/x/", "body", kind, runbook_id)


@pytest.mark.parametrize("fast", ["1", "0"])
def test_a_page_of_docs_at_a_runbook_url_is_refused(tmp_path, monkeypatch, fast):
    monkeypatch.setenv("KB_FAST", fast)
    src_uri = urls.runbook_src_uri("fr", "KA-19371")
    files = Files([docs_page(src_uri, tmp_path)])
    for kind in ("runbook", "missing", "error", "products"):
        with pytest.raises(PluginError, match=f"docs/ already has a page at {src_uri}; runbook URLs are reserved"):
            site_files.claim_url(files, {src_uri}, generated(kind, src_uri, "KA-19371"))
    assert [file.src_uri for file in files] == [src_uri]


@pytest.mark.parametrize("fast", ["1", "0"])
def test_a_page_of_docs_where_an_index_page_goes_is_replaced(tmp_path, monkeypatch, fast):
    monkeypatch.setenv("KB_FAST", fast)
    other = docs_page("fr/about.md", tmp_path)
    files = Files([docs_page("fr/runbooks/index.md", tmp_path), other])
    site_files.claim_url(files, {"fr/runbooks/index.md", "fr/about.md"}, generated("index", "fr/runbooks/index.md"))
    assert list(files) == [other]


def test_a_free_url_is_left_as_it_is(tmp_path):
    files = Files([docs_page("fr/about.md", tmp_path)])
    site_files.claim_url(files, {"fr/about.md"}, generated("runbook", urls.runbook_src_uri("fr", "KA-1"), "KA-1"))
    assert len(files) == 1


def test_generated_pages_know_which_sources_they_come_from(monkeypatch):
    monkeypatch.setattr(loader, "changed_at", {"KA-1": 50.0, "KA-2": 70.0})
    built = cycle()
    built.all_sources, built.code_sources = 123.0, {"X-1": frozenset({"KA-1", "KA-2"})}
    assert site_files.sources_mtime(built, generated("runbook", "fr/runbooks/KA-1.md", "KA-1")) == 50.0
    assert site_files.sources_mtime(built, SitePage("fr/errors/X-1.md", "fr/errors/X-1/", "", "error")) == 70.0
    assert site_files.sources_mtime(built, generated("errors", "fr/errors/index.md")) == 123.0
    assert site_files.sources_mtime(built, generated("products", "fr/products/x.md")) is None  # always rebuilt


def test_every_language_generates_its_index_runbook_and_code_pages():
    built = cycle()
    pages = {page.src_uri: page.kind for page in site_files.generated_pages(built, "fr")}
    assert pages[urls.runbook_src_uri("fr", "KA-19371")] == "runbook"
    assert "index" in pages.values() and "errors" in pages.values()
    assert sum(kind == "error" for kind in pages.values()) == len(built.errors.codes)
    ja = {page.src_uri: page.kind for page in site_files.generated_pages(built, "ja")}
    assert ja[urls.runbook_src_uri("ja", "exl-37b1d7fb")] == "missing"  # fr only: "not available" in ja
