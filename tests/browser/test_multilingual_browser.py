"""What a reader does in a real browser: switch language, search in their language, read banners."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def search(page, query: str):
    box = page.locator("[data-kb-search-query]")
    box.click()
    box.fill(query)
    return page.locator(".md-search-result__link")


@pytest.mark.parametrize("target, name", [("pt-BR", "Português (Brasil)"), ("ja", "日本語")])
def test_switching_language_on_a_runbook_lands_on_the_same_runbook(page, site_url, target, name):
    page.goto("fr/runbooks/KA-19371/")
    page.locator(".md-header__option .md-select button").focus()  # opens the language list
    page.locator(".md-select__list").get_by_role("link", name=name, exact=True).click()
    expect(page).to_have_url(f"{site_url}{target}/runbooks/KA-19371/")
    expect(page.locator("html")).to_have_attribute("lang", target)
    expect(page.locator(".kb-meta__row--article dd")).to_have_text("KA-19371")


def test_switching_to_a_language_without_the_runbook_opens_the_missing_translation_page(page, site_url):
    page.goto("ja/runbooks/exl-a039a288/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")  # a page saying so, in Japanese
    expect(page.locator("h1")).to_contain_text("日本語版はありません")
    page.goto("fr/runbooks/exl-a039a288/")
    page.locator(".md-header__option .md-select button").focus()  # opens the language list
    page.locator(".md-select__list").get_by_role("link", name="English", exact=True).click()
    expect(page).to_have_url(f"{site_url}runbooks/exl-a039a288/")
    expect(page.locator("h1")).to_contain_text("Not available in English")
    page.locator(".kb-translations a[hreflang=fr]").click()
    expect(page).to_have_url(f"{site_url}fr/runbooks/exl-a039a288/")


@pytest.mark.parametrize("lang, found", [("fr", "2 documents trouvés"), ("ja", "2件見つかりました"),
                                         ("pt-BR", "2 documentos encontrados")])
def test_error_code_search_finds_the_runbook_in_the_page_language_only(page, site_url, lang, found):
    page.goto(f"{lang}/")
    results = search(page, "RED-520025")
    expect(page.locator(".md-search-result__meta")).to_have_text(found)  # the runbook, then the code's page
    expect(results).to_have_count(2)
    expect(results.nth(1)).to_have_attribute("href", re.compile(rf"/{lang}/errors/RED-520025/$"))
    results.first.click()  # the first result: the runbook that quotes the code
    expect(page).to_have_url(f"{site_url}{lang}/runbooks/KA-19371/")
    page.locator("a.kb-error-code", has_text="RED-520025").first.click()  # follow the error-code link
    expect(page).to_have_url(f"{site_url}{lang}/errors/RED-520025/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("article h1")).to_contain_text("RED-520025")


def test_article_number_search_is_exact(page):
    page.goto("ja/")
    results = search(page, "KA-19371")
    expect(results).to_have_count(1)
    expect(results.first).to_have_attribute("href", re.compile(r"/ja/runbooks/KA-19371/$"))


def test_japanese_word_search(page):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("ja/runbooks/KA-19371/")
    results = search(page, "トラッキング")
    expect(results).to_have_count(1)
    expect(results.first.locator("mark").first).to_have_text("トラッキング")
    assert any("/pagefind/" in url for url in requested)
    assert not any("search_index.json" in url for url in requested)  # the global lunr index is not loaded


def test_search_from_an_english_page_gives_the_english_code_page_not_another_languages_runbook(page, site_url):
    page.goto("runbooks/")
    results = search(page, "RED-520025")
    expect(page.locator(".md-search-result__meta")).to_have_text("1 matching document")
    expect(results.first).to_have_attribute("href", f"{site_url}errors/RED-520025/")


def test_other_languages_results_are_offered_labelled_when_this_language_has_none(page, site_url):
    page.goto("runbooks/")  # no English runbook: words of the French one are found in French, labelled
    results = search(page, "diffusions bloquées")
    expect(page.locator(".md-search-result__meta")).to_contain_text("Results in other languages")
    expect(results.first).to_have_attribute("href", re.compile(r"/fr/runbooks/KA-19371/$"))
    expect(results.first.locator(".kb-lang-badge")).to_have_text("Français")


def test_stale_banner_on_the_french_seed_links_the_newer_version(page, site_url):
    page.goto("fr/runbooks/KA-19371/")
    banner = page.locator(".kb-banner--stale")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Version plus récente disponible")
    banner.locator("a[hreflang=ja]").click()
    expect(page).to_have_url(f"{site_url}ja/runbooks/KA-19371/")
    expect(page.locator(".kb-banner--stale")).to_have_count(0)
    expect(page.locator(".kb-banner--mt")).to_contain_text("7%")


@pytest.mark.parametrize("path, lang, title, home", [
    ("ja/runbooks/KA-00000/", "ja", "ページが見つかりません", "ja/"),
    ("pt-BR/nada/", "pt-BR", "Página não encontrada", "pt-BR/"),
    ("nothing/here/", "en", "Page not found", ""),
])
def test_404_page_speaks_the_language_of_the_missing_url(page, site_url, path, lang, title, home):
    response = page.goto(path)
    assert response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", lang)
    visible = page.locator(".kb-not-found:visible")
    expect(visible).to_have_count(1)
    expect(visible.locator("h1")).to_have_text(title)
    visible.locator("a").first.click()
    expect(page).to_have_url(site_url + home)
