"""Issue 8, point 6: arbitrary input never raises anything but ProblemError, and finishes.

Hypothesis generates the input; each example must finish with bounded work: it counts function calls (no
deadline: a clock fails on a busy machine and passes on a fast one whatever the code does). Markdown-ish
alphabets make the generators hit the interesting paths (fences, block quotes, [!NOTE], code spans,
front-matter fences, YAML syntax) far more often than plain random text would.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hooks.base import mdtext
from hooks.base.problems import ProblemError
from hooks.corpus import path_safety
from hooks.corpus.frontmatter import decode, parse
from hooks.render import dialect
from hooks.rules import html_safety, leak_lint, leak_patterns
from tests.work import CallCounter

PROPERTY = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
MAX_CALLS = 1_000_000  # per example; measured: most cost under 5,000 calls, the costliest ~180,000


def bounded(test: Callable[..., None]) -> Callable[..., None]:
    """Under @given: each example runs with its function calls counted; too many fails the example."""
    @functools.wraps(test)
    def run(*args, **kwargs) -> None:
        with CallCounter() as work:
            test(*args, **kwargs)
        assert work.calls < MAX_CALLS, f"{work.calls:,} calls"
    return run


FRAGMENTS = ["---", "\n", " ", "\t", ">", "> ", "[!NOTE]", "[!TIP]", "[!UICONTROL ", "[!DNL ", "]", "[", "(", ")",
             "`", "```", "~~~", "{#id}", '{target="_blank"}', "- ", "1. ", "#", "*", "&", "<b>", "</b>", "<br>",
             "<script>", "<a href='javascript:x'>", "key: value", ": ", "- item", "&a", "*a", "!!python/object",
             "'", '"', "\\", "é", "日本", "\u0000", "\ufeff", "\r\n", "10.42.137.123", "x@y.com", "../"]
markdownish = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=80).map("".join)
any_text = st.one_of(st.text(max_size=2000), markdownish)


@PROPERTY
@given(text=any_text)
@bounded
def test_front_matter_reader_raises_only_problem_errors(text):
    try:
        doc = parse(text, "runbooks/en/x.md")
    except ProblemError as exc:
        assert exc.problem.path == "runbooks/en/x.md" and exc.problem.line >= 1 and exc.problem.fix
        return
    assert isinstance(doc.meta, dict) and doc.body_line >= 1


@PROPERTY
@given(yaml_text=markdownish, body=markdownish)
@bounded
def test_front_matter_with_fences_raises_only_problem_errors(yaml_text, body):
    try:
        doc = parse(f"---\n{yaml_text}\n---\n{body}", "x.md")
    except ProblemError as exc:
        assert exc.problem.line >= 1
    else:
        assert isinstance(doc.meta, dict)


@PROPERTY
@given(data=st.binary(max_size=500))
@bounded
def test_any_bytes_decode_or_name_the_bad_byte(data):
    try:
        decode(data, "x.md")
    except ProblemError as exc:
        assert exc.problem.rule == "encoding" and exc.problem.line >= 1


@PROPERTY
@given(text=any_text, lang=st.sampled_from(["en", "fr", "pt-BR", "ja"]))
@bounded
def test_dialect_renderer_always_returns_markdown(text, lang):
    assert isinstance(dialect.render(text, lang), str)


@PROPERTY
@given(text=any_text)
@bounded
def test_code_extractor_splits_and_joins_back_exactly(text):
    assert "".join(chunk for _, chunk in mdtext.blocks(text)) == text
    for is_code, chunk in mdtext.blocks(text):
        if not is_code:
            assert "".join(piece for _, piece in mdtext.spans(chunk)) == chunk
    assert mdtext.map_prose(text, lambda s: s) == text
    assert mdtext.map_prose(text, str.upper).count("\n") == text.count("\n")


@PROPERTY
@given(text=any_text)
@bounded
def test_safety_checks_never_raise(text):
    assert isinstance(html_safety.check_body(text, "x.md", 1), list)
    assert "<script" not in html_safety.sanitize(text).lower()
    from pathlib import PurePosixPath
    assert isinstance(path_safety.check_body(text, "x.md", 1, PurePosixPath("runbooks/en")), list)
    assert isinstance(list(leak_lint.scan(text, leak_patterns.load())), list)


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.sampled_from(["<b>", "</b>", "<br/>", "<BR >", "<a href='javascript:x'>", "<img src=x onerror=y>",
                                 "<Script>", "<svg/onload=x>", "<iframe>", "<my-tag on=1>", "<u\n>", "<b\tid=x>",
                                 "text", "\n", " ", "<", ">", "=", "'", "\""]), max_size=12).map("".join))
def test_the_parser_is_skipped_only_when_it_would_find_nothing(text):
    finder = html_safety._Finder()
    finder.feed(text)
    finder.close()
    if finder.found:
        assert html_safety.needs_parser(text)


def test_control_character_in_front_matter_is_a_problem_with_its_line():
    try:
        parse("---\ntitle: ok\nbad: \x1f\n---\nbody", "runbooks/en/x.md")
    except ProblemError as exc:
        assert (exc.problem.line, exc.problem.column, exc.problem.rule) == (3, 6, "yaml-syntax")
    else:
        raise AssertionError("a control character was accepted")


def test_control_character_next_to_an_alias_marker_is_a_problem_too():
    # '*' sends the text to the pure-Python YAML reader, which rejects the character when it is created
    try:
        parse("---\n*\x1f\n---\n", "runbooks/en/x.md")
    except ProblemError as exc:
        assert (exc.problem.line, exc.problem.rule) == (2, "yaml-syntax")
    else:
        raise AssertionError("a control character was accepted")


CODE_FRAGMENTS = ["RED-520025", "ORA-12154", "HTTP 408", "Code HTTP 408", "NEO-12345", "CVE-2024-1234",
                  "KA-19371", "XTK-170006", " ", "\n", "-", ":", "'", '"', "<code>", "</code>", "<b>", "`", "é",
                  "java.lang.NullPointerException", "Caused by: ", "AccessDeniedException", "OakName0001",
                  "HTTP/1.1 404", "error code ", "502", "erreur ", "エラー", ".", "$", "Exception"]
logish = st.lists(st.one_of(st.sampled_from(CODE_FRAGMENTS), st.text(max_size=8)), max_size=60).map("".join)


@PROPERTY
@given(text=st.one_of(st.text(max_size=2000), logish))
@bounded
def test_error_code_extractor_finds_codes_where_they_are_written(text):
    from hooks.corpus import error_codes

    for match in error_codes.find(text):
        assert 0 <= match.start < match.end <= len(text) and match.code and match.slug
        message = error_codes.message_after(text, match.end)
        assert message is None or isinstance(message, str)


@PROPERTY
@given(text=st.one_of(st.text(max_size=1000), logish))
@bounded
def test_error_code_linker_keeps_the_text(text):
    import html as html_module

    from hooks.render import error_links

    page = f"<p>{html_module.escape(text)}</p>"
    linked = error_links.link_codes(page, lambda code: f"/errors/{code}/")
    def text_of(markup: str) -> str:  # bs4 drops whitespace-only strings; compare the characters exactly
        return html_module.unescape(re.sub(r"<[^>]*>", "", markup))

    assert text_of(linked) == text_of(page)


_URL_PART = st.sampled_from(["fr", "pt-BR", "errors", "runbooks", "KA-19371", "RED-520025", ".", "..", "", "x.y"])
_URL = st.lists(_URL_PART, max_size=4).map(lambda parts: "/".join(parts)) | st.lists(
    _URL_PART, max_size=4).map(lambda parts: "/".join(parts) + "/")


@PROPERTY
@given(_URL, _URL)
@bounded
def test_relative_links_are_what_posixpath_computes(from_url, to_url):
    """urls.relative takes a shortcut for plain directory URLs: the same answer as the path arithmetic."""
    import posixpath

    from hooks.base import urls

    start = posixpath.dirname(from_url.rstrip("/") + "/x") if from_url else "."
    expected = posixpath.relpath("/" + to_url, "/" + (start if start != "." else ""))
    if to_url.endswith("/") and not expected.endswith("/"):
        expected += "/"
    assert urls.relative(from_url, to_url) == ("./" if expected in (".", "./") else expected)
