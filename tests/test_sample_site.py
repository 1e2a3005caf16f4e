"""The site built from the seeds plus the trimmed KB sample of tests/data (28 articles × 4 languages), --strict.

The `sample_site` fixture (tests/conftest.py, built by tests/sample_project.py) imports the sample into a
temporary copy of the project, never into the repository.
"""

import posixpath
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests import site_lists
from tests.conftest import CORPUS
from tests.pagefind_index import fragments
from tests.sample_project import MOVED

PREFIX = {"en": "", "fr": "fr/", "pt-BR": "pt-BR/", "ja": "ja/"}
def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def resolve(page_url: str, href: str) -> str:
    return posixpath.normpath(posixpath.join("/" + page_url, href)).lstrip("/")


def test_strict_build_of_seeds_plus_sample_has_no_warnings(sample_site):
    site, result = sample_site
    assert result.returncode == 0, result.stderr[-3000:]
    noisy = [line for line in result.stderr.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert noisy == []
    for lang, prefix in PREFIX.items():
        # 27 sample runbooks (its KB test article KA-22940 is not published) + KA-17912 moved
        assert len(list((site / prefix / "runbooks").glob("*/index.html"))) >= 28, lang


@pytest.mark.parametrize("lang", PREFIX)
def test_images_are_published_once_and_every_language_shows_them(sample_site, lang):
    site, _ = sample_site
    url = f"{PREFIX[lang]}runbooks/KA-15564/"
    sources = [img["src"] for img in page(site, url).select("article img") if not img["src"].startswith("data:")]
    assert len(sources) == 4
    for src in sources:
        target = site / resolve(url, src)
        assert target.parent == site / "runbooks" / "assets"
        assert target.read_bytes() == (CORPUS / "en" / "articles" / "assets" / target.name).read_bytes()
    assert not list(site.glob("*/runbooks/assets"))


def test_inline_pictures_are_published_once_as_files_every_language_shows(sample_site):
    """KA-13983 carries its screenshots inline in the KB: import made them files; every language links
    the same one, and no page carries a picture's bytes."""
    site, _ = sample_site
    shown = set()
    for prefix in ("", "fr/", "pt-BR/", "ja/"):
        html = page(site, f"{prefix}runbooks/KA-13983/")
        sources = [img["src"] for img in html.select("article img") if "/assets/inline-" in img["src"]]
        assert sources and "data:image" not in str(html)
        shown |= {posixpath.normpath(posixpath.join(f"{prefix}runbooks/KA-13983/", src)) for src in sources}
    assert len(shown) == 1 and all((site / path).read_bytes().startswith(b"\x89PNG") for path in shown)
    # the search result of the page names its picture (Pagefind's meta image), never carries its bytes
    found = [f for f in fragments(site) if f["url"].endswith("/runbooks/KA-13983/")]
    assert len(found) == 4 and all(f["meta"]["image"].endswith(".png") for f in found)


def test_kb_markers_never_show_raw_and_videos_play(sample_site):
    site, _ = sample_site
    for path in site.glob("**/runbooks/K*/index.html"):
        article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article")
        if article is None:
            continue
        text = article.get_text()
        for marker in ("[!VIDEO]", "[!UICONTROL", "[!DNL", "[!NOTE]"):
            assert marker not in text, (path, marker)
    video = page(site, "pt-BR/runbooks/KT-11250/").select_one("article .kb-video")
    assert video.iframe["src"] == "https://video.tv.adobe.com/v/3409876/?quality=12&learn=on"
    assert video.a.get_text() == "Assistir ao vídeo" and video.a["href"] == video.iframe["src"]


def test_xml_in_code_blocks_is_shown_as_code(sample_site):
    site, _ = sample_site
    article = page(site, "runbooks/KA-17454/").select_one("article")
    code = article.select_one("pre code").get_text()
    assert "<profile>" in code and "<activeByDefault>true</activeByDefault>" in code
    assert article.find("profile") is None and article.find("activebydefault") is None


def test_kb_html_underline_line_breaks_and_bold_headings(sample_site):
    site, _ = sample_site
    assert page(site, "runbooks/KA-15564/").select("article u")
    assert page(site, "runbooks/KA-14125/").select("article br")
    article = page(site, "runbooks/KA-03923/").select_one("article")
    bold = article.find("b", string="Environments")
    assert bold is not None and bold.find_next("ul") is not None


def test_hidden_articles_are_reachable_but_not_listed_or_searched(sample_site):
    site, _ = sample_site
    assert (site / "runbooks" / "KA-15118" / "index.html").is_file()
    listed = site_lists.listed(site, "")
    assert not any("KA-15118" in href for href in listed) and any("KA-17454" in href for href in listed)
    searched = [p["url"] for p in fragments(site)]
    assert not any("KA-15118" in url for url in searched)
    assert any("KA-17454" in url for url in searched)


def test_article_references_link_to_the_runbook_in_the_same_language(sample_site):
    site, _ = sample_site
    url = "fr/runbooks/KA-99001/"
    article = page(site, url).select_one("article")
    links = {a.get_text(): resolve(url, a["href"]) for a in article.select("p a")}
    assert links["KA-17454"] == "fr/runbooks/KA-17454"
    assert links["cet article"] == "fr/runbooks/KA-15564"
    assert "KA-17482" not in links  # not in the site: left as text
    assert article.select_one("pre code").get_text().startswith("KA-17454 reste du code")


def test_redirects_are_served_as_redirect_pages(sample_site):
    site, _ = sample_site
    for lang, prefix in PREFIX.items():
        moved = page(site, f"{prefix}runbooks/KA-17912/")
        assert moved.html["lang"] == lang
        assert moved.select_one('meta[http-equiv="refresh"]')["content"] == f"0; url={MOVED}"
    inside = page(site, "fr/runbooks/KA-99002/").select_one('meta[http-equiv="refresh"]')["content"]
    assert resolve("fr/runbooks/KA-99002/", inside.split("url=", 1)[1]) == "fr/runbooks/KA-19371"


@pytest.mark.parametrize("lang", PREFIX)
def test_runbooks_are_reached_through_product_index_pages_not_the_sidebar(sample_site, lang):
    site, _ = sample_site
    products = site_lists.product_urls(site, PREFIX[lang])
    assert {"Campaign", "Experience Manager", "Target"} <= set(products)
    assert len(site_lists.listed(site, PREFIX[lang])) >= 26  # the 27 sample runbooks but the hidden KA-15118
    runbook = page(site, f"{PREFIX[lang]}runbooks/KA-17454/")
    assert len(runbook.select("nav.md-nav--primary a.md-nav__link")) < 10
