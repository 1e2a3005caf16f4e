"""The render pipeline per kind of page (hooks/engine/page_render.py): runbook, error code, other
generated pages, pages of docs/."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from jinja2 import DictLoader, Environment

from hooks.engine import page_render
from hooks.engine.fast import html_blocks
from hooks.site import error_pages, home_page, site_pages
from hooks.site.site_pages import SitePage
from tests.engine.cycle_fixture import REPO, cycle

CODE = "RED-520025"  # quoted by runbooks/: it has a page
HTML = f'<h1 id="t">Title</h1>\n<p>See {CODE}.</p>\n<p onclick="x()">ok</p><script>alert(1)</script>'
BLOCKY = '<div class="kb">\n<p>block</p>\n</div>\n\n## Heading\n'


def page(src_uri: str, url: str, abs_src_path: str | None = None, alternates: dict | None = None):
    file = SimpleNamespace(src_uri=src_uri, abs_src_path=abs_src_path, dest_uri=url + "index.html",
                           alternates=alternates or {})
    return SimpleNamespace(file=file, url=url, meta={"from": "front matter"})


def runbook_page():
    built = cycle()
    site_page = site_pages.runbook_page(built.corpus.get("KA-19371", "fr"))
    return built, site_page, page(site_page.src_uri, site_page.url)


def error_page(built, kind: str = "error") -> SitePage:
    """A code's page (or, by `kind`, another page of the error section at the same place)."""
    return SitePage(f"fr/errors/{CODE}.md", f"fr/errors/{CODE}/", BLOCKY, kind, meta={"title": CODE})


# --- Markdown


def test_a_runbook_gets_its_metadata_and_its_links_are_kept_for_the_check():
    built, site_page, runbook = runbook_page()
    text = page_render.markdown("Voir [ici](https://example.org).\n", runbook, site_page, built, built.language, REPO)
    assert runbook.meta == site_page.meta
    assert [links.src_uri for links in built.page_links] == [site_page.src_uri]
    assert "example.org" in text and built.language.html_blocks == {}  # a runbook's text is Markdown


@pytest.mark.parametrize("fast", ["1", "0"])
def test_a_code_page_gets_its_metadata_and_its_html_blocks_stashed_when_fast(monkeypatch, fast):
    monkeypatch.setenv("KB_FAST", fast)
    built = cycle()
    site_page = error_page(built)
    code = page(site_page.src_uri, site_page.url)
    text = page_render.markdown(BLOCKY, code, site_page, built, built.language, REPO)
    assert code.meta == {"title": CODE} and built.page_links == []
    if fast == "1":
        assert text == html_blocks.stash(BLOCKY)[0] != BLOCKY
        assert built.language.html_blocks[site_page.src_uri]
    else:
        assert text == BLOCKY and built.language.html_blocks == {}


def test_an_index_page_keeps_its_front_matter():
    built = cycle()
    site_page = SitePage("fr/runbooks/index.md", "fr/runbooks/", "", "index", meta={"title": "Runbooks"})
    index = page(site_page.src_uri, site_page.url)
    page_render.markdown("# Runbooks\n", index, site_page, built, built.language, REPO)
    assert index.meta == {"from": "front matter"}


def test_a_docs_page_is_left_as_written_its_links_kept_the_home_listing_filled_in(tmp_path):
    built = cycle()
    source = tmp_path / "about.md"
    source.write_text("[Runbooks](runbooks/index.md)\n", encoding="utf-8")
    about = page("fr/about.md", "fr/about/", str(source))
    text = "# About\n\n<div>raw</div>\n"
    assert page_render.markdown(text, about, None, built, built.language, tmp_path) == text
    assert [links.src_uri for links in built.page_links] == ["fr/about.md"]
    home = page("fr/index.md", "fr/")
    listed = page_render.markdown(f"# Accueil\n\n{home_page.MARKER}\n", home, None, built, built.language, REPO)
    assert home_page.MARKER not in listed and "runbooks/KA-19371/" in listed


# --- HTML


def test_a_runbook_loses_its_first_heading_is_sanitized_and_links_its_codes():
    built, site_page, runbook = runbook_page()
    html = page_render.content(HTML, runbook, site_page, built, built.language)
    assert "<h1" not in html and "<script" not in html and "onclick" not in html
    assert f"errors/{CODE}/" in html and "data-pagefind-body" not in html


def test_a_code_page_links_codes_and_is_a_search_result():
    built = cycle()
    site_page = error_page(built)
    html = page_render.content(HTML, page(site_page.src_uri, site_page.url), site_page, built, built.language)
    assert html.startswith('<div class="kb-error-page" data-pagefind-body>\n<h1 id="t">Title</h1>')
    assert "<script>" in html  # generated from our own text: not sanitized


def test_the_codes_index_links_codes_without_the_search_wrapper():
    built = cycle()
    site_page = SitePage("fr/errors/index.md", "fr/errors/", "", "errors")
    html = page_render.content(HTML, page(site_page.src_uri, site_page.url), site_page, built, built.language)
    assert f'href="{CODE}/"' in html and "kb-error-page" not in html and "<h1" in html


def test_other_generated_pages_are_left_alone_docs_pages_get_their_codes_linked():
    built = cycle()
    products = SitePage("fr/products/campaign.md", "fr/products/campaign/", "", "products")
    html = page_render.content(HTML, page(products.src_uri, products.url), products, built, built.language)
    assert html == HTML
    docs = page_render.content(HTML, page("fr/about.md", "fr/about/"), None, built, built.language)
    assert f"errors/{CODE}/" in docs and "<h1" in docs and "kb-error-page" not in docs


def test_html_blocks_stashed_with_the_markdown_come_back():
    built = cycle()
    site_page = error_page(built)
    code = page(site_page.src_uri, site_page.url)
    text = page_render.markdown(BLOCKY, code, site_page, built, built.language, REPO)
    html = page_render.content(f"<p>{text.split(chr(10))[0]}</p>", code, site_page, built, built.language)
    assert '<div class="kb">' in html and built.language.html_blocks == {}


# --- template context


def config():
    return SimpleNamespace(site_url="https://example.org/", extra=SimpleNamespace(alternate=["theme's"]))


def test_a_runbook_page_is_shelled_with_its_header_and_the_switcher_points_at_its_translations():
    built, site_page, runbook = runbook_page()
    built.language.env = Environment(loader=DictLoader({page_render.RUNBOOK_TEMPLATE: "{{ runbook.title }}|"
                                                        "{{ runbook_searchable }}"}))
    settings = config()
    context = page_render.context({}, runbook, site_page, built, built.language, settings)
    assert context["kb_shell"] == "runbook" and "kb_home" not in context
    assert context["kb_content"] == "Email avec URL trackée non envoyée|True"
    assert 'hreflang="ja"' in context["kb_hreflang"]
    assert [alt["link"].rstrip("/").rsplit("/", 1)[-1] for alt in settings.extra.alternate] == ["KA-19371"] * 4


@pytest.mark.parametrize("kind", error_pages.KINDS)
def test_code_pages_are_shelled_without_runbook_content(kind):
    built = cycle()
    site_page = error_page(built, kind)
    context = page_render.context({}, page(site_page.src_uri, site_page.url), site_page, built, built.language,
                                  config())
    assert context["kb_shell"] == kind and "kb_content" not in context


def test_docs_pages_are_not_shelled_and_each_home_is_marked():
    built = cycle()
    settings = config()
    home = page("fr/index.md", "fr/", alternates={"en": SimpleNamespace(url="./"), "fr": SimpleNamespace(url="fr/")})
    context = page_render.context({}, home, None, built, built.language, settings)
    assert context["kb_home"] is True and "kb_shell" not in context
    assert 'href="https://example.org/"' in context["kb_hreflang"]
    assert settings.extra.alternate == ["theme's"]  # the i18n plugin's switcher
    about = page_render.context({}, page("fr/about.md", "fr/about/"), None, built, built.language, settings)
    assert "kb_home" not in about


def test_a_products_page_is_not_shelled():
    built = cycle()
    products = SitePage("fr/products/campaign.md", "fr/products/campaign/", "", "products")
    context = page_render.context({}, page(products.src_uri, products.url), products, built, built.language,
                                  config())
    assert "kb_shell" not in context
