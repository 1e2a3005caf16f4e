"""Every kind of page, in every language, on a desk (1280×800) and on a phone (390×844), in Chromium:
no sideways scrolling, codes never broken at their hyphen, no failed request, no console error, no request
leaving the site, the page in its language. A screenshot of each is kept in test-artifacts/screens/.

The site is built with SITE_URL set to the address it is served at, as a published site is."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from tests.conftest import ARTIFACTS, REPO, SAMPLE_SITES, StaticSiteHandler, build_site

pytestmark = pytest.mark.browser

PREFIX = {"en": "", "fr": "fr/", "pt-BR": "pt-BR/", "ja": "ja/"}
KINDS = {  # kind → path under the language's prefix (in the repository's own runbooks)
    "home": "",
    "runbook-list": "runbooks/",
    "product": "products/campaign/",
    "runbook": "runbooks/KA-19371/",  # English: the "not available in English" page
    "not-translated": "runbooks/exl-a039a288/",  # French: the runbook
    "error-index": "errors/",
    "error-code": "errors/RED-520025/",
    "translation-status": "translations/",
    "translation-to-do": "translations/ja/",
    "translation-matrix": "translations/all/",
    "not-found": "no/such/page/",
}
VIEWPORTS = {"desk": (1280, 800), "phone": (390, 844)}
SCREENS = ARTIFACTS / "screens"
# one line each: a code or id wrapped at its hyphen reads as two words (a Java class longer than the line,
# kb-error-code--long, wraps where it must)
UNBROKEN = ".kb-error-code:not(.kb-error-code--long), .kb-id, .kb-top-codes a:not(.kb-error-code--long)"
PAGE_CHECKS = """(selector) => ({
  overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  broken: Array.from(document.querySelectorAll(selector)).filter((e) => new Set(Array.from(e.getClientRects())
    .filter((r) => r.width > 1).map((r) => Math.round(r.top))).size > 1).map((e) => e.textContent.trim()),
  lang: document.documentElement.lang,
  title: document.title,
})"""


@pytest.fixture(scope="module")
def published_site(tmp_path_factory):
    """The repository's site built for the address it is then served at (a free port on 127.0.0.1)."""
    site = tmp_path_factory.mktemp("published") / "site"
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                            functools.partial(StaticSiteHandler, directory=str(site)))
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    result = build_site(REPO, site, env={"SITE_URL": base})
    assert result.returncode == 0, result.stdout + result.stderr
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", PREFIX)
def test_every_page_kind_reads_well_and_stays_on_the_site(browser, published_site, lang, viewport):
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    problems: list[str] = []
    current = {"url": ""}
    tab.on("requestfailed", lambda r: problems.append(f"{current['url']}: request failed {r.url} ({r.failure})"))
    tab.on("request", lambda r: r.url.startswith(published_site) or r.url.startswith("data:")
           or problems.append(f"{current['url']}: request leaves the site: {r.url}"))
    tab.on("response", lambda r: r.status >= 400 and r.url != current["url"]
           and problems.append(f"{current['url']}: {r.status} for {r.url}"))
    tab.on("console", lambda m: m.type == "error" and not (current["kind"] == "not-found" and "404" in m.text)
           and problems.append(f"{current['url']}: console error: {m.text}"))
    tab.on("pageerror", lambda e: problems.append(f"{current['url']}: script error: {e}"))
    SCREENS.mkdir(parents=True, exist_ok=True)
    try:
        for kind, path in KINDS.items():
            current.update(url=published_site + PREFIX[lang] + path, kind=kind)
            response = tab.goto(current["url"])
            assert response is not None and response.status == (404 if kind == "not-found" else 200), current["url"]
            tab.wait_for_load_state("networkidle")
            found = tab.evaluate(PAGE_CHECKS, UNBROKEN)
            tab.screenshot(path=str(SCREENS / f"{lang}-{kind}-{width}x{height}.png"), full_page=True)
            if found["overflow"] > 0:
                problems.append(f"{current['url']}: {found['overflow']} px wider than the {width} px screen")
            if found["broken"]:
                problems.append(f"{current['url']}: codes broken over two lines: {found['broken'][:5]}")
            if found["lang"] != lang:
                problems.append(f"{current['url']}: <html lang={found['lang']}>")
            if found["title"].count("KB Runbooks") > 1:
                problems.append(f"{current['url']}: tab title {found['title']!r}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang, search, footer, permalink", [
    ("fr", "Rechercher", "Réalisé avec", "Lien permanent"),
    ("pt-BR", "Buscar", "Feito com", "Link permanente"),
    ("ja", "検索", "作成ツール:", "固定リンク"),
    ("en", "Search", "Made with", "Permanent link"),
])
def test_theme_strings_are_in_the_page_language_including_the_404_page(browser, published_site, lang, search,
                                                                          footer, permalink):
    tab = browser.new_page(viewport={"width": 390, "height": 844})  # a phone: the header has a menu button
    try:
        tab.goto(published_site + PREFIX[lang] + "runbooks/exl-a039a288/")
        assert tab.locator("[data-kb-footer]").inner_text().strip() == footer
        assert tab.locator("article a.headerlink").first.get_attribute("title") == permalink
        tab.goto(published_site + PREFIX[lang] + "no/such/page/")
        assert tab.locator("[data-kb-search-query]").get_attribute("placeholder") == search
        assert tab.locator("[data-kb-footer]").inner_text().strip() == footer
        assert tab.locator("nav.md-nav--primary").count() == 0  # the sidebar would be the default language's
        assert not tab.locator(".md-header label[for=__drawer]").is_visible()  # no menu button for it
    finally:
        tab.close()


def test_the_home_page_search_field_searches_in_the_page_language(browser, published_site):
    tab = browser.new_page()
    try:
        tab.goto(published_site + "fr/")
        tab.locator(".kb-home-search input").fill("RED-520025")
        tab.locator(".kb-home-search button").click()
        results = tab.locator(".md-search-result__link")
        results.first.wait_for()
        hrefs = {href.split("://", 1)[-1].split("/", 1)[-1] for href in
                 (results.nth(i).get_attribute("href") for i in range(results.count()))}
        # the code's own page and the runbook that quotes it, both in the page's language (issue 20)
        assert hrefs == {"fr/errors/RED-520025/", "fr/runbooks/KA-19371/"}, hrefs
    finally:
        tab.close()


@pytest.mark.parametrize("sample", SAMPLE_SITES)
def test_pages_built_from_the_real_kb_sample_do_not_scroll_sideways_on_a_phone(request, sample, browser):
    """The lists, status pages and error pages of a site built from real KB articles, and some of its
    runbooks, at 390 px: long titles, messages and URLs wrap inside the screen."""
    from tests.conftest import serve_site

    site, _ = request.getfixturevalue(sample)
    ids = sorted(p.name for p in (site / "runbooks").iterdir() if p.is_dir() and p.name.startswith("KA-"))[::10]
    codes = sorted(p.name for p in (site / "errors").iterdir() if p.is_dir())[::4]
    paths = [prefix + path for prefix in PREFIX.values()
             for path in ("", "runbooks/", "products/experience-manager/", "translations/", "translations/pt-BR/",
                          "translations/all/", "errors/", *(f"errors/{c}/" for c in codes),
                          *(f"runbooks/{i}/" for i in ids))]
    with serve_site(site) as base:
        tab = browser.new_page(viewport={"width": 390, "height": 844})
        try:
            wide = []
            for path in paths:
                assert tab.goto(base + path).status == 200, path
                overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                if overflow > 0:
                    wide.append((path, overflow))
        finally:
            tab.close()
    assert len(paths) > 60 and not wide


def test_a_translation_to_do_list_filters_by_text_and_state(browser, published_site):
    tab = browser.new_page()
    try:
        tab.goto(published_site + "fr/translations/en/")
        rows = tab.locator("#kb-todo tbody tr:visible")
        assert rows.count() == 3  # English lacks all three runbooks
        tab.locator("form.kb-filter input[type=search]").fill("a039")
        assert rows.count() == 1 and "exl-a039a288" in rows.first.inner_text()
        tab.locator("form.kb-filter input[value=missing]").uncheck()
        assert rows.count() == 0
    finally:
        tab.close()
