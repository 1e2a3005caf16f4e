"""The repository's own site, built with --strict, as a reader gets it."""

import json
import posixpath
import re

import pytest
from bs4 import BeautifulSoup

from tests import site_lists
from tests.conftest import LANGS, read
from tests.pagefind_index import fragments, no_lunr_index

IDS = ("KA-19371", "exl-a039a288", "exl-37b1d7fb")
PREFIX = {"en": "", "fr": "fr/", "pt-BR": "pt-BR/", "ja": "ja/"}
INTERNAL = ("Krunal Oza", "Zita Rodricks", "crm.dynamics.com", "dynamics-url", "internal-notes",
            "article-created-by", "9f67df27-9e95-ed11-aad1-6045bd006793")
RAW_DIALECT = ("[!NOTE]", "{#description}", "[!UICONTROL", "[!DNL", '{target="_blank"}', "common.svg")


def soup(site, url):
    return BeautifulSoup(read(site, url), "html.parser")


def resolve(page_url: str, href: str) -> str:
    return posixpath.normpath(posixpath.join("/" + page_url, href)).lstrip("/") + "/"


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_exists_in_every_language(built_site, lang):
    for url in ["", "runbooks/", *(f"runbooks/{i}/" for i in IDS)]:
        page = soup(built_site, PREFIX[lang] + url)
        assert page.html["lang"] == lang, url


@pytest.mark.parametrize("lang", LANGS)
def test_switcher_goes_to_the_same_runbook(built_site, lang):
    url = f"{PREFIX[lang]}runbooks/KA-19371/"
    links = {a["hreflang"]: a["href"] for a in soup(built_site, url).select("a.md-select__link")}
    assert set(links) == set(LANGS)
    for target_lang, href in links.items():
        target = resolve(url, href)
        assert target == f"{PREFIX[target_lang]}runbooks/KA-19371/"
        assert (built_site / target / "index.html").is_file()


def test_english_url_of_an_untranslated_runbook_says_so(built_site):
    page = soup(built_site, "runbooks/KA-19371/")
    assert page.html["lang"] == "en"
    assert "Not available in English" in page.h1.get_text()
    assert "Email avec URL" not in page.select_one("article").get_text().split("languages:")[0]
    links = {a["hreflang"]: resolve("runbooks/KA-19371/", a["href"]) for a in page.select(".kb-translations a")}
    assert links == {"fr": "fr/runbooks/KA-19371/", "pt-BR": "pt-BR/runbooks/KA-19371/",
                     "ja": "ja/runbooks/KA-19371/"}


@pytest.mark.parametrize("lang, labels", [
    ("fr", ["Article", "Produits", "S’applique à", "Version", "Publié le", "Aussi en", "Codes d’erreur"]),
    ("pt-BR", ["Artigo", "Produtos", "Aplica-se a", "Versão", "Publicado em", "Também em", "Códigos de erro"]),
    ("ja", ["記事番号", "製品", "適用対象", "バージョン", "公開日", "他の言語", "エラーコード"]),
])
def test_runbook_header_is_labelled_in_the_page_language(built_site, lang, labels):
    page = soup(built_site, f"{PREFIX[lang]}runbooks/KA-19371/")
    header = page.select_one(".kb-header")
    assert [dt.get_text(strip=True) for dt in header.select("dt")] == labels
    values = {row["class"][1].split("--")[1]: row.select_one("dd").get_text(" ", strip=True)
              for row in header.select(".kb-meta__row")}
    assert values["article"] == "KA-19371"
    assert "Campaign Classic v7" in values["products"]
    assert values["version"] == ("2" if lang == "fr" else "3")
    assert header.select_one("time")["datetime"] == ("2023-01-16" if lang == "fr" else "2024-04-17")


def test_home_pages_lead_to_every_runbook_through_the_product_pages(built_site):
    for lang in LANGS:
        home = soup(built_site, PREFIX[lang])
        assert home.select_one("article form.kb-home-search input") is not None  # search first
        products = {resolve(PREFIX[lang], a["href"]) for a in home.select(".kb-products a")}
        assert products == set(site_lists.product_urls(built_site, PREFIX[lang]).values())
        assert len(site_lists.listed(built_site, PREFIX[lang])) == 3
    assert "Email avec URL trackée non envoyée" in site_lists.listed(built_site, "fr/").values()


def test_nothing_internal_and_no_raw_dialect_anywhere(built_site):
    for path in built_site.rglob("*"):
        if path.suffix not in (".html", ".json", ".xml", ".txt", ".js") or "assets" in path.parts[-3:-1]:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for value in INTERNAL:
            assert value not in text, (path, value)
        if path.suffix == ".html":
            body = BeautifulSoup(text, "html.parser").select_one("article")
            for marker in RAW_DIALECT:
                assert body is None or marker not in body.get_text(), (path, marker)


def test_search_index_has_no_internal_values(built_site):
    assert no_lunr_index(built_site)
    blob = json.dumps(fragments(built_site), ensure_ascii=False)
    assert "RED-520025" in blob
    for value in INTERNAL:
        assert value not in blob


def test_seed_constructs_render(built_site):
    page = soup(built_site, "fr/runbooks/exl-37b1d7fb/")
    article = page.select_one("article")
    assert article.select(".admonition.note .admonition-title")[0].get_text() == "Remarque"
    assert article.select_one('a[target="_blank"]')["href"].startswith("https://experienceleague.adobe.com/")
    assert article.select_one(".uicontrol").get_text() == "Administration"
    code = article.select_one("pre code").get_text()
    assert "Code HTTP 408" in code
    ka = soup(built_site, "fr/runbooks/KA-19371/").select_one("article")
    assert ka.select_one("h2#description") and ka.select_one("h2#resolution")
    assert any("RED-520025" in c.get_text() for c in ka.select("li code"))
    assert re.search(r"Environnement", ka.select("ul")[0].find_previous("p").get_text())


@pytest.mark.parametrize("lang", LANGS)
def test_navigation_does_not_list_runbooks_or_codes(built_site, lang):
    """Pages stay small at any corpus size: runbooks are reached through index pages, not the sidebar."""
    page = soup(built_site, f"{PREFIX[lang]}runbooks/KA-19371/")
    hrefs = [resolve(f"{PREFIX[lang]}runbooks/KA-19371/", a["href"])
             for a in page.select("nav.md-nav--primary a.md-nav__link") if a.get("href")]
    assert f"{PREFIX[lang]}runbooks/" in hrefs
    assert not [h for h in hrefs if "/runbooks/KA-" in "/" + h or "/errors/RED-" in "/" + h]


@pytest.mark.parametrize("lang, titles", [
    ("en", {"Error codes", "All runbooks"}),
    ("fr", {"Codes d’erreur", "Tous les runbooks"}),
    ("pt-BR", {"Todos os runbooks"}),
    ("ja", {"すべてのランブック"}),
])
def test_navigation_is_flat_and_in_the_page_language(built_site, lang, titles):
    page = soup(built_site, f"{PREFIX[lang]}runbooks/KA-19371/")
    nav = page.select_one("nav.md-nav--primary")
    labels = {a.get_text(strip=True) for a in nav.select(".md-nav__link")}
    assert titles <= labels
    assert not {"Errors", "Runbooks", "Translations"} & labels
