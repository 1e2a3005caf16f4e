"""Issue 8, point 2: raw HTML safelisted, active content reported and neutralized, titles escaped."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import markdown
import pytest
from bs4 import BeautifulSoup

from hooks.rules.html_safety import check_body, sanitize
from tests.conftest import build_site, copy_project, serve_site
from tests.pagefind_index import fragments

KB_HTML = ('<p><b>Environment</b><br><u>Cause</u> <a href="https://experienceleague.adobe.com/x" target="_blank">'
           'doc</a></p><div class="note"><table><thead><tr><th style="text-align: center">h</th></tr></thead>'
           '<tbody><tr><td>c</td></tr></tbody></table></div><img alt="shot" src="data:image/png;base64,iVBOR">')


def test_the_kb_safelist_survives_sanitizing():
    assert sanitize(KB_HTML) == KB_HTML.replace("text-align: center", "text-align:center")


@pytest.mark.parametrize("hostile, forbidden", [
    ("<script>alert(1)</script>", "alert"),
    ('<iframe src="https://evil.example/"></iframe>', "evil.example"),
    ('<iframe src="javascript:alert(1)"></iframe>', "alert"),
    ('<object data="x.swf">', "object"),
    ("<style>body{display:none}</style>", "display"),
    ('<img src="x" onerror="alert(1)">', "onerror"),
    ('<a href="javascript:alert(1)">x</a>', "javascript"),
    ('<a href="JaVa&#x09;ScRiPt:alert(1)">x</a>', "alert"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:"),
    ('<img src="data:image/svg+xml;base64,PHN2Zz4=">', "data:"),
    ('<svg><script>alert(1)</script></svg>', "alert"),
    ('<form action="https://evil.example/"><input name="p"></form>', "form"),
])
def test_active_content_is_removed(hostile, forbidden):
    assert forbidden.lower() not in sanitize(f"<p>before</p>{hostile}<p>after</p>").lower()


def test_video_players_from_the_trusted_host_stay():
    player = ('<iframe src="https://video.tv.adobe.com/v/3409876/?quality=12&amp;learn=on" title="Video" '
              'loading="lazy" allowfullscreen="" referrerpolicy="no-referrer"></iframe>')
    assert sanitize(player) == player
    assert sanitize('<iframe src="https://video.tv.adobe.com.evil.example/v/1"></iframe>') == "<iframe></iframe>"


def test_attributes_added_through_markdown_attr_lists_are_removed():
    html = markdown.markdown('[x](https://example.com){onclick="alert(1)" target="_blank"}',
                             extensions=["attr_list"])
    assert "onclick" in html  # Python-Markdown itself lets it through…
    assert sanitize(html) == '<p><a href="https://example.com" target="_blank">x</a></p>'  # …we do not


def test_validation_reports_active_content_with_line_and_column_but_not_in_code():
    body = ("Intro <b>fine</b>\n"
            "<script>alert(1)</script>\n"
            "`<script>` and\n"
            "```html\n<iframe src=x></iframe>\n```\n"
            '<img src="a.png" onerror="x()"> [go](javascript:alert(1)) ![i](data:image/png;base64,AA)\n'
            '[page](data:text/html,hi) text{: onclick="x()" }\n')
    found = [(p.line, p.column, p.message.split(" ")[0]) for p in check_body(body, "runbooks/en/KA-1.md", 10)]
    assert found == [(11, 1, "<script>"), (16, 1, "event"), (16, 38, "link"), (17, 8, "link"), (17, 31, "an")]


def test_validate_command_fails_on_unsafe_html(tmp_path):
    root = tmp_path / "runbooks"
    (root / "en").mkdir(parents=True)
    (root / "en" / "exl-a039a288.md").write_text(
        "---\nid: exl-a039a288\ntype: guide\nlanguage: en\ntitle: Tracking\n"
        "description: Tracking and monitoring of messages\n"
        "exl-id: a039a288-2e7b-4f35-9885-ead3ed4347af\nproduct: [Campaign]\n---\n\n# T\n\n"
        '<iframe src="https://evil.example/"></iframe>\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "hooks", "validate", "--root", str(root)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "runbooks/en/exl-a039a288.md:13:1: error [unsafe-html] <iframe> is not allowed" in result.stdout


TITLE = '<script>alert("title")</script> {{ 7*7 }} & "quotes"'
DESCRIPTION = '"><img src=x onerror=alert(2)> {% raw %}'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    path = project / "runbooks" / "fr" / "exl-a039a288.md"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", lambda _: "title: " + json.dumps(TITLE), text, count=1, flags=re.M)
    text = re.sub(r"^description: .*$", lambda _: "description: " + json.dumps(DESCRIPTION), text, count=1,
                  flags=re.M)
    text = text.replace("ht-degree: 100\n", 'ht-degree: 100\nkeywords: ["<b>kw</b>", "{{ config }}"]\n')
    text += ('\n<marquee>moving</marquee> '
             '<img src="data:image/png;base64,iVBORw0KGgo=" style="position:fixed" alt="a">\n')
    path.write_text(text, encoding="utf-8")
    site = project / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_hostile_title_and_description_are_text_everywhere(hostile_site):
    html = (hostile_site / "fr" / "runbooks" / "exl-a039a288" / "index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    assert page.title.get_text() == f"{TITLE} - KB Runbooks"
    assert page.find("meta", attrs={"name": "description"})["content"] == DESCRIPTION
    assert page.select_one("article h1").get_text() == TITLE
    assert not page.select("[onerror]") and not page.select("marquee") and not page.select("img[style]")
    assert all("alert" not in (script.string or "") for script in page.find_all("script"))
    assert "49" not in page.title.get_text() and "{{ 7*7 }}" in html.replace("&#34;", '"')


def test_hostile_keywords_never_reach_the_output_as_markup(hostile_site):
    for path in hostile_site.rglob("*"):
        if path.suffix in (".html", ".json", ".xml"):
            assert "<b>kw</b>" not in path.read_text(encoding="utf-8"), path


def test_hostile_title_is_escaped_in_the_search_index_and_other_pages(hostile_site):
    # search (Pagefind) holds the title as text, shown with textContent: it was text in the page,
    # not a script element (whose content Pagefind would have dropped)
    entries = [f for f in fragments(hostile_site) if f["url"] == "/fr/runbooks/exl-a039a288/"]
    assert entries and all(f["meta"]["title"] == TITLE for f in entries)
    # the product page that lists it, the home page (recently updated) and the "not translated" page
    for url in ("fr/products/campaign/", "fr/", "runbooks/exl-a039a288/"):
        page = BeautifulSoup((hostile_site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert not page.select("article script") and not page.select("[onerror]")
        assert TITLE in page.select_one("article").get_text()


@pytest.fixture
def served(hostile_site):
    with serve_site(hostile_site) as base:
        yield base


def test_in_a_browser_the_hostile_title_is_shown_as_text_and_runs_nothing(served, browser):
    dialogs: list[str] = []
    context = browser.new_context()
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(served + "fr/runbooks/exl-a039a288/")
        assert page.title() == f"{TITLE} - KB Runbooks"
        assert page.locator("article h1").inner_text() == TITLE
        box = page.locator("[data-kb-search-query]")  # the site's search box (Pagefind)
        box.click()
        box.fill("quotes")
        page.locator(".md-search-result__link").first.wait_for(timeout=20_000)
        assert "<script>" in page.locator(".md-search-result").inner_text()  # shown as text
        assert page.locator("[onerror], marquee, img[src='x']").count() == 0
        # no fixed wait: once every image has loaded or failed, an onerror handler would have run (and
        # inline scripts run while the page is parsed, before goto returns)
        page.wait_for_function("() => [...document.images].every(image => image.complete)")
        page.evaluate("() => new Promise(done => setTimeout(done, 0))")  # the queued error events ran
    finally:
        context.close()
    assert dialogs == []
