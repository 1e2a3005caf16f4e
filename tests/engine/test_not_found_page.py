"""The 404 page (hooks/engine/not_found_page.py): written by the default language's build only."""

from __future__ import annotations

from hooks.base import registry
from hooks.engine import not_found_page


def test_only_the_default_language_renders_the_404_page():
    default = registry.default_language().code
    templates = {"sitemap.xml"}
    for lang in registry.language_codes():
        not_found_page.choose(templates, lang, default)
        assert ("404.html" in templates) == (lang == default), lang
        assert "sitemap.xml" in templates
    not_found_page.choose(templates, "fr", default)  # not there: nothing to take out
    assert templates == {"sitemap.xml"}


def test_the_404_page_knows_the_site_root_and_speaks_every_language():
    context = not_found_page.context("https://example.org/docs")
    assert context["kb_site_root"] == "/docs/"
    assert [block["lang"] for block in context["kb_not_found"]] == list(registry.language_codes())
    assert not_found_page.context(None)["kb_site_root"] == "/"
    assert not_found_page.context("http://127.0.0.1:8000/")["kb_site_root"] == "/"
