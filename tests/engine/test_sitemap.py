"""sitemap.xml's contents (hooks/engine/sitemap.py)."""

from __future__ import annotations

from types import SimpleNamespace

from hooks.base import registry
from hooks.corpus import error_codes
from hooks.engine import sitemap
from tests.engine.cycle_fixture import corpus

LANGS = registry.language_codes()


def every_language(path: str) -> dict[str, str]:
    return {code: f"{registry.language(code).url_prefix}{path}" for code in LANGS}


def docs_file(url: str, alternates: dict[str, str]):
    return SimpleNamespace(url=url, alternates={code: SimpleNamespace(url=u) for code, u in alternates.items()})


def test_generated_pages_of_every_language_runbooks_and_codes_are_listed_once():
    kb = corpus()
    errors = error_codes.build_index(kb)
    pages = sitemap.pages({}, kb, errors)
    assert every_language("runbooks/") in pages
    assert every_language("errors/") in pages
    for slug in errors.codes:
        assert every_language(f"errors/{slug}/") in pages, slug
    assert {"fr": "fr/runbooks/KA-19371/", "ja": "ja/runbooks/KA-19371/",
            "pt-BR": "pt-BR/runbooks/KA-19371/"}.items() <= next(
        page for page in pages if page.get("fr") == "fr/runbooks/KA-19371/").items()
    assert len(pages) == len({frozenset(page.items()) for page in pages})


def test_a_runbook_hidden_in_all_its_languages_is_left_out_hidden_in_one_it_stays():
    fr_only = "exl-37b1d7fb"
    kb = corpus(hidden=((fr_only, "fr"), ("KA-19371", "ja")))
    pages = sitemap.pages({}, kb, error_codes.build_index(kb))
    listed = {url for page in pages for url in page.values()}
    assert f"fr/runbooks/{fr_only}/" not in listed
    assert "fr/runbooks/KA-19371/" in listed
    assert "fr/runbooks/exl-a039a288/" in listed


def test_pages_of_docs_come_from_the_i18n_plugin_each_group_once():
    kb = corpus()
    about = {"en": "about/", "fr": "fr/about/"}
    i18n_alternates = {"en": [docs_file("about/", about), docs_file("./", {})],
                       "fr": [docs_file("fr/about/", about)]}
    pages = sitemap.pages(i18n_alternates, kb, error_codes.build_index(kb))
    assert pages[:2] == [about, {"": ""}]  # the home page's "./" is written ""
    assert pages.count(about) == 1


def test_the_template_gets_the_sitemap_xml():
    kb = corpus()
    context = sitemap.context("https://example.org/", {}, kb, error_codes.build_index(kb))
    assert "<loc>https://example.org/fr/runbooks/KA-19371/</loc>" in context["kb_sitemap"]
    assert sitemap.url_of("./") == sitemap.url_of(".") == "" and sitemap.url_of("fr/") == "fr/"
