"""Error-code pages, links and api/*.json in a real --strict build of seeds + sample-corpus articles (the copies
in tests/data)."""

import json
import posixpath
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from hooks.cli import main
from tests.conftest import CORPUS, DATA, LANGS, build_site, copy_project, serve_site
from tests.pagefind_index import fragments, no_lunr_index

PREFIX = {"en": "", "fr": "fr/", "pt-BR": "pt-BR/", "ja": "ja/"}
NAMES = {"en": "English", "fr": "Français", "pt-BR": "Português (Brasil)", "ja": "日本語"}
# KB folder → articles imported into the test project (real articles, chosen for their codes)
IMPORTS = {"en": ["KA-22570", "KA-24054", "KA-14146", "KA-19380", "KA-16796", "KA-16542"],
           "fr-FR": ["KA-22570", "KA-14146", "KA-16796"], "pt-BR": ["KA-22570"],
           "ja-JP": ["KA-22570", "KA-15253", "KA-22031"]}
# quotes org.apache.jackrabbit.oak.segment.SegmentNotFoundException, KA-16542 the oak.plugins.segment one
MORE = DATA / "kcs-more" / "en" / "articles" / "KA-15609.md"
JA_ONLY = "URL-140005"  # quoted only by the ja translation of KA-15253
HIGHLIGHTED = "\n```js\nvar code = RED-520025; logError('DLV-490119 failed');\n```\n"
INTERNAL = ("article-created-by", "internal-notes", "dynamics-url", "crm.dynamics.com", "Zita Rodricks")


def make_project(root: Path) -> Path:
    project = copy_project(root / "project")
    for folder, ids in IMPORTS.items():
        files = [str(CORPUS / folder / "articles" / f"{i}.md") for i in ids]
        assert main(["import", *files, "--root", str(project / "runbooks")]) == 0
    assert main(["import", str(MORE), "--root", str(project / "runbooks")]) == 0
    # a fenced block with a lexer, to check that links keep Pygments' highlighting
    with open(project / "runbooks" / "en" / "KA-14146.md", "a", encoding="utf-8") as fh:
        fh.write(HIGHLIGHTED)
    return project


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("errors")
    project = make_project(root)
    result = build_site(project, root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def resolve(page_url: str, href: str) -> str:
    return posixpath.normpath(posixpath.join("/" + page_url, href)).lstrip("/") + "/"


def api(site: Path, name: str) -> dict:
    return json.loads((site / "api" / name).read_text(encoding="utf-8"))


def test_every_code_found_anywhere_has_a_page_in_every_language(site):
    codes = api(site, "errors.json")["codes"]
    assert {"RED-520025", "DLV-490119", "HTTP 408", "ODB-240000", "ORA-210000", "ORA-00904", JA_ONLY} <= set(codes)
    assert not [c for c in codes if c.startswith(("NEO-", "CAMP-", "KA-"))]
    for lang in LANGS:
        for code in codes:
            page = soup(site, f"{PREFIX[lang]}errors/{code.replace(' ', '-')}/")
            assert page.html["lang"] == lang
            assert page.h1.get_text(strip=True).startswith(code)


@pytest.mark.parametrize("lang, family, here", [
    ("en", "Family RED", "Runbooks in English"), ("fr", "Famille RED", "Runbooks en français"),
    ("pt-BR", "Família RED", "Runbooks em português"), ("ja", "ファミリー RED", "日本語のランブック"),
])
def test_code_page_shows_family_messages_and_runbooks_here_then_elsewhere(site, lang, family, here):
    url = f"{PREFIX[lang]}errors/RED-520025/"
    page = soup(site, url).select_one("article")
    assert family in page.select_one(".kb-error-family").get_text()
    assert "Communication failed with tracking server" in page.select_one(".kb-error-messages").get_text()
    assert here in [h2.get_text(strip=True).rstrip("¶") for h2 in page.select("h2")]
    local = [resolve(url, a["href"]) for a in page.select(".kb-error-here a")]
    elsewhere = {a["hreflang"]: resolve(url, a["href"]) for a in page.select(".kb-error-elsewhere a")}
    if lang == "en":  # the seed KA-19371 has no English version; the test project's KA-14146 quotes it
        assert local == ["runbooks/KA-14146/"]
    else:
        assert local == [f"{PREFIX[lang]}runbooks/KA-19371/"]
    # a runbook listed in the reader's language is not listed again in the others; one quoting the code only
    # in other languages is one line, with a link to each of them (issue 21: 8 runbooks were 24 more lines)
    others = [other for other in LANGS if other != lang] if lang == "en" else ["en"]
    rid = "KA-19371" if lang == "en" else "KA-14146"
    assert elsewhere == {other: f"{PREFIX[other]}runbooks/{rid}/" for other in others}
    assert len(page.select(".kb-error-elsewhere li")) == 1
    badges = [b.get_text() for b in page.select(".kb-error-elsewhere .kb-lang-badge")]
    assert badges == [NAMES[other] for other in others]


def test_a_code_quoted_only_in_japanese_has_a_page_in_every_language(site):
    for lang in ("en", "fr", "pt-BR"):
        url = f"{PREFIX[lang]}errors/{JA_ONLY}/"
        page = soup(site, url).select_one("article")
        assert page.select_one(".kb-empty") is not None
        links = page.select(".kb-error-elsewhere a")
        assert {(a["hreflang"], resolve(url, a["href"])) for a in links} == {("ja", "ja/runbooks/KA-15253/")}
        assert len(page.select(".kb-error-elsewhere li")) == 1
        assert page.select_one(".kb-error-elsewhere .kb-lang-badge").get_text() == "日本語"


def test_error_index_groups_codes_by_family_with_counts(site):
    for lang in LANGS:
        url = f"{PREFIX[lang]}errors/"
        page = soup(site, url)
        tables = {t["data-family"]: t for t in page.select("table.kb-error-table")}
        assert list(tables)[:2] == ["RED", "DLV"]  # registry order
        assert {"ODB", "SOP", "WDB", "ORA", "ORACLE", "HTTP", "XTK", "RST", "URL", "CRL"} <= set(tables)
        rows = {tr.select_one("a").get_text(): [td.get_text() for td in tr.select("td")[1:]]
                for tr in tables["ODB"].select("tbody tr")}
        here = {"en": "1", "fr": "1", "pt-BR": "1", "ja": "1"}[lang]
        assert rows["ODB-240000"] == [here, "1"]
        assert rows.keys() == {"ODB-240000"}
        link = tables["URL"].select_one("a")
        assert resolve(url, link["href"]) == f"{PREFIX[lang]}errors/{JA_ONLY}/"


@pytest.mark.parametrize("lang", ["fr", "pt-BR", "ja"])
def test_every_mention_in_a_runbook_links_to_the_code_page_in_its_language(site, lang):
    url = f"{PREFIX[lang]}runbooks/KA-19371/"
    article = soup(site, url).select_one("article")
    body = article.select_one(".kb-header").find_next_siblings()
    mentions = [a for element in body for a in element.select("a.kb-error-code")]
    assert {(a.get_text(), resolve(url, a["href"])) for a in mentions} == {
        (code, f"{PREFIX[lang]}errors/{code}/") for code in ("RED-520025", "RED-520005", "DLV-490119")}
    assert all(a.find_parent("code") is not None for a in mentions)  # the seed quotes them in inline code
    header = article.select_one(".kb-meta__row--codes")
    assert [a.get_text() for a in header.select("a")] == ["RED-520025", "RED-520005", "DLV-490119"]
    assert {"fr": "Codes d’erreur", "pt-BR": "Códigos de erro", "ja": "エラーコード"}[lang] == header.dt.get_text()
    # no unlinked mention left in the text
    for element in body:
        for text in element.find_all(string=re.compile(r"[A-Z]{3}-\d{6}")):
            assert text.find_parent("a") is not None, text


def test_fenced_blocks_keep_their_text_and_highlighting(site):
    fenced = soup(site, "fr/runbooks/exl-37b1d7fb/").select_one("pre code")
    assert "Code HTTP 408 'Service temporarily unavailable'" in fenced.get_text()
    assert fenced.select_one("a.kb-error-code").get_text() == "HTTP 408"
    pre = soup(site, "runbooks/KA-14146/").select("div.highlight pre")
    js = next(p for p in pre if "var code" in p.get_text())
    assert js.get_text().strip() == HIGHLIGHTED.strip().split("\n")[1]
    link = js.select_one('a.kb-error-code[href$="RED-520025/"]')
    assert [span["class"] for span in link.select("span")][:1] == [["nx"]]
    assert js.select_one('span.s1 a.kb-error-code').get_text() == "DLV-490119"
    logs = [a.get_text() for p in pre for a in p.select("a.kb-error-code")]
    assert {"RST-360011", "XTK-170017"} <= set(logs)


def test_switcher_on_a_code_page_goes_to_the_same_code(site):
    url = "ja/errors/HTTP-408/"
    links = {a["hreflang"]: resolve(url, a["href"]) for a in soup(site, url).select("a.md-select__link")}
    assert links == {lang: f"{PREFIX[lang]}errors/HTTP-408/" for lang in LANGS}


def test_api_errors_json(site):
    data = api(site, "errors.json")
    assert data["version"] == 1
    red = data["codes"]["RED-520025"]
    assert red["family"] == "RED" and set(red["description"]) == set(LANGS)
    assert red["messages"][0].startswith("Communication failed with tracking server")
    assert {lang: [r["path"] for r in refs] for lang, refs in red["runbooks"].items()} == {
        "en": ["runbooks/KA-14146/"], **{lang: [f"{lang}/runbooks/KA-19371/"] for lang in ("fr", "pt-BR", "ja")}}
    assert red["pages"]["ja"].endswith("/ja/errors/RED-520025/")
    assert data["codes"][JA_ONLY]["runbooks"].keys() == {"ja"}
    assert data["codes"]["HTTP 408"]["pages"]["en"].endswith("/errors/HTTP-408/")


def test_api_runbooks_json(site):
    data = api(site, "runbooks.json")["runbooks"]
    ka = data["KA-19371"]
    assert ka["languages"] == ["fr", "pt-BR", "ja"]
    assert ka["urls"]["pt-BR"].endswith("/pt-BR/runbooks/KA-19371/")
    assert ka["version"] == 3 and ka["versions"] == {"fr": 2, "pt-BR": 3, "ja": 3}
    assert "Campaign Classic v7" in ka["products"] and "Campaign v8" in ka["applies-to"]
    assert ka["error-codes"] == ["RED-520025", "RED-520005", "DLV-490119"]
    assert data["KA-22570"]["languages"] == ["en", "fr", "pt-BR", "ja"]
    assert data["KA-15253"]["languages"] == ["ja"]


def test_published_json_has_nothing_internal(site):
    for path in (site / "api").glob("*.json"):
        text = path.read_text(encoding="utf-8")
        for value in INTERNAL:
            assert value not in text, (path.name, value)


def test_a_pasted_code_is_found_by_search_in_every_language(site):
    pages = fragments(site)
    assert no_lunr_index(site)  # search is Pagefind's per-language index, of runbook pages
    for lang, code in (("en", "RED-520025"), ("fr", "WDB-200001"), ("pt-BR", "DLV-491034"), ("ja", JA_ONLY)):
        # Japanese text is stored segmented (zero-width spaces); queries are segmented the same way
        hits = [p["url"] for p in pages if p["url"].startswith(f"/{PREFIX[lang]}runbooks/")
                and code in p["content"].replace("\u200b", "")]
        assert hits, (lang, code)


def test_build_is_reproducible_byte_for_byte(site, tmp_path):
    project = make_project(tmp_path)
    assert build_site(project, tmp_path / "again").returncode == 0
    for name in ("errors.json", "runbooks.json"):
        assert (tmp_path / "again" / "api" / name).read_bytes() == (site / "api" / name).read_bytes()
    for url in ("errors/", "ja/errors/RED-520025/", "fr/runbooks/KA-22570/"):
        assert (tmp_path / "again" / url / "index.html").read_bytes() == (site / url / "index.html").read_bytes()


@pytest.fixture(scope="module")
def served(site):
    with serve_site(site) as base:  # listening before it yields: nothing to wait for
        yield base


def test_in_a_browser_a_code_link_leads_to_its_page_and_copy_keeps_the_log_text(served, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(served + "fr/runbooks/exl-37b1d7fb/")
    block = page.locator("div.highlight").first
    expected = block.locator("code").inner_text()
    assert "Code HTTP 408" in expected
    block.hover()
    block.locator('button[data-md-type="copy"]').click()
    assert page.evaluate("navigator.clipboard.readText()").strip() == expected.strip()
    page.locator("article a.kb-error-code", has_text="HTTP 408").first.click()
    page.wait_for_url("**/fr/errors/HTTP-408/")
    assert page.locator("h1").inner_text().startswith("HTTP 408")
    assert page.locator(".kb-error-here a").first.get_attribute("href") == "../../runbooks/exl-37b1d7fb/"
    context.close()


def test_home_pages_link_the_code_they_quote(site):
    for lang in LANGS:
        link = soup(site, PREFIX[lang]).select_one("article code a.kb-error-code")
        assert resolve(PREFIX[lang], link["href"]) == f"{PREFIX[lang]}errors/RED-520025/"


def test_a_broken_registry_fails_the_build_with_file_line_and_fix(tmp_path):
    project = copy_project(tmp_path / "project")
    registry_file = project / "hooks" / "data" / "error_codes.yml"
    text = registry_file.read_text(encoding="utf-8")
    registry_file.write_text(text.replace("pattern: 'DLV-\\d{6}'", "pattern: 'DLV-[\\d{6}'", 1), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert re.search(r"hooks/data/error_codes\.yml:\d+:\d+: error \[error-codes\] pattern of family 'DLV'", output)
    assert "Fix: write a Python regular expression" in output


@pytest.mark.parametrize("lang, names", [
    ("en", ["Simple name", "Fully qualified name"]), ("fr", ["Nom simple", "Nom complet"]),
    ("pt-BR", ["Nome simples", "Nome totalmente qualificado"]), ("ja", ["単純名", "完全修飾名"]),
])
def test_an_exception_page_shows_both_names_and_the_runbooks_in_the_readers_language_first(site, lang, names):
    url = f"{PREFIX[lang]}errors/com.adobe.granite.crypto.CryptoException/"
    page = soup(site, url).select_one("article")
    assert page.h1.get_text(strip=True).startswith("com.adobe.granite.crypto.CryptoException")
    assert [dt.get_text() for dt in page.select(".kb-error-names dt")] == names
    assert [dd.get_text() for dd in page.select(".kb-error-names dd")] == [
        "CryptoException", "com.adobe.granite.crypto.CryptoException"]
    assert "Cannot convert byte data" in page.select_one(".kb-error-messages").get_text()
    here = [resolve(url, a["href"]) for a in page.select(".kb-error-here a")]
    elsewhere = page.select(".kb-error-elsewhere li")
    if lang in ("en", "fr"):
        assert here == [f"{PREFIX[lang]}runbooks/KA-16796/"]
        assert elsewhere == []  # listed here: not repeated for the other languages
    else:
        assert here == [] and page.select_one(".kb-empty") is not None
        # one line for the runbook, linking each language that quotes the code
        assert len(elsewhere) == 1
        assert {(a["hreflang"], resolve(url, a["href"])) for a in elsewhere[0].select("a")} == {
            ("en", "runbooks/KA-16796/"), ("fr", "fr/runbooks/KA-16796/")}


def test_a_runbook_links_each_exception_of_its_stack_trace_to_its_page(site):
    url = "fr/runbooks/KA-16796/"
    article = soup(site, url).select_one("article")
    linked = {(a.get_text(), resolve(url, a["href"])) for a in article.select("a.kb-error-code")}
    assert {(code, f"fr/errors/{code}/") for code in (
        "java.lang.SecurityException", "com.adobe.granite.crypto.CryptoException",
        "com.rsa.jsafe.JSAFE_PaddingException")} <= linked
    assert [a.get_text() for a in article.select(".kb-meta__row--codes a")] == [
        "java.lang.SecurityException", "com.adobe.granite.crypto.CryptoException",
        "com.rsa.jsafe.JSAFE_PaddingException"]
    ja = soup(site, "ja/runbooks/KA-22031/").select_one("article")
    assert "OakName0001" in [a.get_text() for a in ja.select("a.kb-error-code")]


def test_a_simple_name_of_several_classes_leads_to_a_choice_between_them(site):
    plugins = "org.apache.jackrabbit.oak.plugins.segment.SegmentNotFoundException"
    segment = "org.apache.jackrabbit.oak.segment.SegmentNotFoundException"
    url = "runbooks/KA-15609/"
    links = {(a.get_text(), resolve(url, a["href"])) for a in soup(site, url).select("article a.kb-error-code")}
    assert {("SegmentNotFoundException", "errors/SegmentNotFoundException/"), (plugins, f"errors/{plugins}/"),
            (segment, f"errors/{segment}/")} <= links
    for lang in LANGS:
        url = f"{PREFIX[lang]}errors/SegmentNotFoundException/"
        page = soup(site, url).select_one("article")
        choices = [(a.get_text(), resolve(url, a["href"])) for a in page.select(".kb-error-choices a")]
        assert choices == [(plugins, f"{PREFIX[lang]}errors/{plugins}/"), (segment, f"{PREFIX[lang]}errors/{segment}/")]
        url = f"{PREFIX[lang]}errors/{segment}/"
        others = [resolve(url, a["href"]) for a in soup(site, url).select(".kb-error-same-name a")]
        assert others == [f"{PREFIX[lang]}errors/{plugins}/"]
    data = api(site, "errors.json")["codes"]
    assert data["SegmentNotFoundException"]["choices"] == [plugins, segment]


def test_the_index_counts_java_and_oak_codes_with_their_family_description(site):
    for lang in LANGS:
        page = soup(site, f"{PREFIX[lang]}errors/")
        java = page.select_one('table.kb-error-table[data-family="JAVA"]')
        rows = [tr.select_one("a").get_text() for tr in java.select("tbody tr")]
        assert "com.adobe.granite.crypto.CryptoException" in rows and "SegmentNotFoundException" not in rows
        family = java.find_previous("p", class_="kb-error-family").get_text()
        assert str(len(rows)) in family and "Java" in family
        assert page.select_one('table.kb-error-table[data-family="OAK"] a').get_text() == "OakName0001"
