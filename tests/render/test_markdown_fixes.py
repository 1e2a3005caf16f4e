"""Python-Markdown's output where it differs from CommonMark or loses text (hooks/render/markdown_fixes.py)."""

import markdown
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from hooks.render import markdown_fixes
from tests.engine.fast.test_plain_markdown import CONFIGS, EXTENSIONS

WITHOUT = [name for name in EXTENSIONS if name != "hooks.render.markdown_fixes"]


def convert(text: str, extensions=EXTENSIONS) -> str:
    return markdown.Markdown(extensions=extensions, extension_configs=CONFIGS).convert(text)


def text_of(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text()


def test_emphasis_never_drops_a_character():
    assert "ux" in text_of(convert("foo*bar**baz*qux", WITHOUT))  # the upstream bug: the "q" is gone
    assert convert("foo*bar**baz*qux") == "<p>foo<em>bar**baz</em>qux</p>"  # as CommonMark renders it
    assert convert("日本*語**テ*スト") == "<p>日本<em>語**テ</em>スト</p>"


def test_without_the_patch_a_pairing_that_would_drop_a_character_stays_text(monkeypatch):
    monkeypatch.setattr(markdown_fixes, "_FIXED_HANDLE_MATCH", None)
    assert text_of(convert("foo*bar**baz*qux")) == "foo*bar**baz*qux"
    assert convert("**bold** and *em*") == "<p><strong>bold</strong> and <em>em</em></p>"


_EMPHASIS = st.lists(st.sampled_from(["*", "**", "***", "_", "__", "a", "b", "日", "本", " ", "x y", "."]),
                     max_size=14).map("".join)


@given(_EMPHASIS)
def test_emphasis_keeps_every_letter(text):
    letters = [c for c in text if c.isalnum()]
    assert [c for c in text_of(convert(text)) if c.isalnum()] == letters


def test_a_table_with_only_a_header_has_no_empty_row():
    html = convert("| Code | Meaning |\n|---|---|\n\nAfter.\n")
    assert "<th>Code</th>" in html and "<td" not in html and "<tbody" not in html
    assert "<td>1</td>" in convert("| A |\n|---|\n| 1 |\n")


def test_ordered_lists_keep_their_first_number_as_commonmark_does():
    source = "3. third\n4. fourth\n"
    assert '<ol start="3">' in convert(source)
    assert 'start="3"' in MarkdownIt("commonmark").render(source)
    assert "<ol>" in convert("1. first\n")


def test_a_nested_list_in_an_admonition_keeps_its_items_together():
    source = '!!! note "Note"\n\n    - alpha\n        - one\n\n            more about one\n\n        - two\n'
    soup = BeautifulSoup(convert(source), "html.parser")
    assert [li.get_text(" ", strip=True)[:5] for li in soup.select("div.admonition > ul > li > ul > li")] == \
        ["one m", "two"]
    assert soup.select_one("div.admonition > ul > li > p").get_text() == "alpha"
