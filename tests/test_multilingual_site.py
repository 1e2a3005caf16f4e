"""The built site: banners, status page, hreflang, sitemap, per-language search index, <html lang>."""

import re

import pytest
from bs4 import BeautifulSoup

from tests import site_lists
from tests.conftest import LANGS, read

SITE_URL = "http://127.0.0.1:8000/"
PREFIX = {"en": "", "fr": "fr/", "pt-BR": "pt-BR/", "ja": "ja/"}


def soup(site, url):
    return BeautifulSoup(read(site, url), "html.parser")


def test_fr_seed_shows_a_french_stale_banner_linking_the_newer_version(built_site):
    banner = soup(built_site, "fr/runbooks/KA-19371/").select_one(".kb-banner--stale")
    assert banner.select_one(".admonition-title").get_text() == "Version plus récente disponible"
    assert "version 3" in banner.get_text()
    assert {a["hreflang"]: a["href"] for a in banner.select("a")} == {
        "pt-BR": "../../../pt-BR/runbooks/KA-19371/", "ja": "../../../ja/runbooks/KA-19371/"}
    for lang in ("pt-BR", "ja"):
        assert soup(built_site, f"{lang}/runbooks/KA-19371/").select_one(".kb-banner--stale") is None


def test_machine_translation_notice_in_the_page_language(built_site):
    notice = soup(built_site, "ja/runbooks/KA-19371/").select_one(".kb-banner--mt")
    assert notice.select_one(".admonition-title").get_text() == "機械翻訳"
    assert "7%" in notice.get_text()


@pytest.mark.parametrize("lang, title, stale", [
    ("en", "Translation status", "stale"), ("fr", "État des traductions", "obsolète"),
    ("pt-BR", "Status das traduções", "desatualizado"), ("ja", "翻訳の状況", "古い"),
])
def test_translation_status_page_in_every_language(built_site, lang, title, stale):
    status = soup(built_site, PREFIX[lang] + "translations/")
    assert status.html["lang"] == lang
    assert status.h1.get_text().strip().startswith(title)
    link = status.select_one(".kb-status-matrix-link a")["href"]
    matrix_url = site_lists.resolve(PREFIX[lang] + "translations/", link)
    assert matrix_url == PREFIX[lang] + "translations/all/"  # the full matrix is one link away
    page = soup(built_site, matrix_url)
    row = page.select_one('tr[data-id="KA-19371"]')
    states = [td["class"][1].split("--")[1] for td in row.select("td")]
    assert states == ["missing", "stale", "up-to-date", "up-to-date"]
    assert row.select("td")[1].a.get_text() == stale
    switcher = {a["hreflang"] for a in page.select("a.md-select__link")}
    assert switcher == set(LANGS)


def test_translation_to_do_lists_put_stale_before_missing_and_link_the_newest_version(built_site):
    status_url = "fr/translations/"
    status = soup(built_site, status_url)
    todo = {a.find_parent("tr").th["lang"]: site_lists.resolve(status_url, a["href"])
            for a in status.select(".kb-status-summary-table a")}
    assert todo["fr"] == "fr/translations/fr/" and todo["en"] == "fr/translations/en/"
    fr = soup(built_site, todo["fr"])
    rows = fr.select("#kb-todo tbody tr")
    assert [r["data-state"] for r in rows] == sorted((r["data-state"] for r in rows), key=["stale", "missing"].index)
    stale = next(r for r in rows if "KA-19371" in r.get_text())
    assert stale["data-state"] == "stale"
    newest = stale.select("td")[2].a
    assert newest["hreflang"] in ("pt-BR", "ja") and "3" in newest.get_text()
    en = soup(built_site, todo["en"])
    assert {r["data-state"] for r in en.select("#kb-todo tbody tr") if "KA-19371" in r.get_text()} == {"missing"}
    assert fr.select_one("form.kb-filter") is not None  # filterable (shown once kb-filter.js runs)


def hreflang(page):
    return {link["hreflang"]: link["href"] for link in page.select('head link[rel="alternate"][hreflang]')}


def test_hreflang_names_only_real_translations_with_absolute_urls(built_site):
    expected = {"fr": SITE_URL + "fr/runbooks/KA-19371/", "pt-BR": SITE_URL + "pt-BR/runbooks/KA-19371/",
                "ja": SITE_URL + "ja/runbooks/KA-19371/"}
    for lang in ("fr", "pt-BR", "ja"):
        assert hreflang(soup(built_site, f"{lang}/runbooks/KA-19371/")) == expected
    assert hreflang(soup(built_site, "runbooks/KA-19371/")) == {}  # "not available" page
    assert hreflang(soup(built_site, "fr/runbooks/exl-a039a288/")) == {}  # only in French
    code_page = hreflang(soup(built_site, "ja/errors/RED-520025/"))  # error pages exist in every language
    assert code_page == {lang: f"{SITE_URL}{PREFIX[lang]}errors/RED-520025/" for lang in LANGS}
    home = hreflang(soup(built_site, "fr/"))
    assert home == {lang: SITE_URL + PREFIX[lang] for lang in LANGS}


def test_sitemap_lists_real_alternates_and_no_dates(built_site):
    xml = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>" not in xml
    entry = re.search(r"<url>\s*<loc>" + re.escape(SITE_URL + "fr/runbooks/KA-19371/") + r"</loc>(.*?)</url>",
                      xml, re.DOTALL).group(1)
    assert set(re.findall(r'hreflang="([^"]+)"', entry)) == {"fr", "pt-BR", "ja"}
    assert SITE_URL + "runbooks/KA-19371/</loc>" not in xml  # the English "not available" page
    assert SITE_URL + "ja/translations/</loc>" in xml


def test_404_page_switcher_goes_to_home_pages_not_to_the_last_page_built(built_site):
    page = BeautifulSoup((built_site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert page.html["lang"] == "en"
    hrefs = [a["href"] for a in page.select("a.md-select__link")]
    assert hrefs and not any("translations" in h or "runbooks" in h for h in hrefs)


def test_search_index_is_per_language_with_runbook_and_code_pages_only(built_site):
    import json
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    counts = {code: info["page_count"] for code, info in entry["languages"].items()}
    # each language: its runbooks and the 4 code pages (no English runbook yet); lists are not results
    assert counts == {"en": 4, "fr": 3 + 4, "pt-br": 1 + 4, "ja": 1 + 4}
    assert soup(built_site, "errors/RED-520025/").select_one("[data-pagefind-body]") is not None
    assert soup(built_site, "errors/").select_one("[data-pagefind-body]") is None
    for lang in LANGS:
        assert 'src="' in read(built_site, PREFIX[lang] + "runbooks/KA-19371/")
    page = soup(built_site, "ja/runbooks/KA-19371/")
    assert page.select_one("[data-pagefind-body]") is not None
    assert page.select_one("[data-kb-search-query]")["placeholder"] == "検索"
    assert soup(built_site, "runbooks/KA-19371/").select_one("[data-pagefind-body]") is None


def test_html_lang_is_right_on_every_page_including_generated_ones(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        first = path.relative_to(built_site).parts[0]
        expected = first if first in PREFIX and first != "en" else "en"
        tag = re.search(r'<html lang="([^"]+)"', path.read_text(encoding="utf-8"))
        assert tag and tag.group(1) == expected, path


def test_two_builds_are_identical_byte_for_byte(built_site, tmp_path):
    from tests.conftest import REPO, build_site

    again = tmp_path / "site"
    result = build_site(REPO, again)
    assert result.returncode == 0, result.stderr
    first = {p.relative_to(built_site): p.read_bytes() for p in built_site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_language_switcher_never_lands_on_a_404_or_on_a_home_page(built_site):
    import posixpath

    homes = {PREFIX[lang] for lang in LANGS}
    checked = 0
    for path in sorted(built_site.rglob("index.html")):
        url = path.parent.relative_to(built_site).as_posix()
        url = "" if url == "." else url + "/"
        if url.startswith(("assets/", "pagefind/", "search/")):
            continue
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        links = {a["hreflang"]: a["href"] for a in page.select("a.md-select__link")}
        assert set(links) == set(LANGS), url
        for lang, href in links.items():
            target = posixpath.normpath(posixpath.join("/" + url, href)).lstrip("/")
            target = "" if target in (".", "") else target + "/"
            assert (built_site / target / "index.html").is_file(), (url, href)
            assert (target in homes) == (url in homes), (url, lang, target)
            checked += 1
    assert checked >= 4 * 20
