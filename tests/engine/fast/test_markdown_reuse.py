"""Converters left without the extensions a page cannot use (hooks/engine/fast/markdown_reuse.py) convert it
the same."""

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from hooks.engine.fast import markdown_reuse
from tests.conftest import CORPUS
from tests.engine.fast.test_plain_markdown import CONFIGS, EXTENSIONS


def _both(text: str) -> tuple[str, str]:
    full = markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS).convert(text)
    pruned = markdown_reuse.needed(EXTENSIONS, text)
    return full, markdown.Markdown(extensions=pruned, extension_configs=CONFIGS).convert(text)


def test_the_kb_sample_converts_the_same_without_the_extensions_it_does_not_use():
    articles = sorted(CORPUS.rglob("*.md"))
    assert len(articles) >= 80
    pruned_some = 0
    for path in articles:
        text = path.read_text(encoding="utf-8", errors="replace")
        full, pruned = _both(text)
        assert full == pruned, path
        pruned_some += markdown_reuse.needed(EXTENSIONS, text) != EXTENSIONS
    assert pruned_some > len(articles) // 2


def test_only_extensions_whose_syntax_is_missing_are_left_out():
    assert "footnotes" not in markdown_reuse.needed(EXTENSIONS, "No notes here.")
    assert "footnotes" in markdown_reuse.needed(EXTENSIONS, "A note[^1].\n\n[^1]: the note")
    assert "pymdownx.tilde" in markdown_reuse.needed(EXTENSIONS, "~~gone~~")
    assert "admonition" in markdown_reuse.needed(EXTENSIONS, "!!! note\n    text")
    assert "toc" in markdown_reuse.needed(EXTENSIONS, "")  # not one that depends on the text
    assert markdown_reuse.needed(["markdown.extensions.tables"], "no table") == []


_SYNTAX = ["[^1]", "[^1]: note\n", "!!! note\n    body\n", "??? tip\n    body\n", "???+ x\n", "~~del~~", "~sub~",
           "^^ins^^", "^sup^", "| a | b |\n|---|---|\n| 1 | 2 |\n", "`code`", "\n\n", "\n", "# H\n", "- item\n",
           "text ", "*em*", "**b**", "<b>x</b>", "{: .c }", "```\ncode\n```\n", "|", "~", "^", "!", "?", "[", "]"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_SYNTAX), max_size=12).map("".join))
def test_any_mix_of_their_syntax_converts_the_same(text):
    full, pruned = _both(text)
    assert full == pruned


_CONVERTERS: dict = {}


def _skipping_and_not(text: str):
    """Converters as the build makes them for `text` (markdown_reuse.needed): without and with inline_skip."""
    from hooks.engine.fast import inline_skip

    extensions = markdown_reuse.needed(EXTENSIONS, text)
    key = tuple(extensions)
    if key not in _CONVERTERS:
        plain = markdown.Markdown(extensions=extensions, extension_configs=CONFIGS)
        skipping = markdown.Markdown(extensions=extensions, extension_configs=CONFIGS)
        assert inline_skip.install(skipping)
        _CONVERTERS[key] = plain, skipping
    return (converter.reset() for converter in _CONVERTERS[key])


def test_the_kb_sample_converts_the_same_when_plain_text_skips_the_inline_patterns():
    for path in sorted(CORPUS.rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        plain, skipping = _skipping_and_not(text)
        assert skipping.convert(text) == plain.convert(text), path
    assert len(_CONVERTERS) > 1  # several sets of extensions were tried


_INLINE = ["word ", "mot ", "日本語", "\n", "  \n", "\n\n", " ", "*", "**", "_", "__", "`", "``", "\\", "[", "]", "(",
           ")", "!", "<", ">", "&", "&amp;", "&#169;", "~", "~~", "^", "^^", "<b>", "</b>", "<https://x.y/z>",
           "<a@b.c>", "[link](https://x.y)", "![img](a.png)", "[^1]", "[ref]", "\n[ref]: https://x.y\n",
           "RED-520025", "- ", "1. ", "> ", "# ", "`#!python x`", "    code\n", ":", "{: .c }", "|", "\t"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_INLINE), max_size=30).map("".join))
def test_any_text_converts_the_same_when_plain_text_skips_the_inline_patterns(text):
    plain, skipping = _skipping_and_not(text)
    assert skipping.convert(text) == plain.convert(text)


def test_a_converter_with_an_inline_pattern_it_does_not_know_is_left_alone():
    from hooks.engine.fast import inline_skip

    md = markdown.Markdown(extensions=[*EXTENSIONS, "pymdownx.magiclink"], extension_configs=CONFIGS)
    before = md.treeprocessors["inline"]
    assert not inline_skip.install(md) and md.treeprocessors["inline"] is before
    pooled = markdown_reuse._Pool().Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS)
    assert type(pooled.treeprocessors["inline"]).__name__ == "_SkippingInlineProcessor"
