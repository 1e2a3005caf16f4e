"""Python-Markdown, where it renders what CommonMark (the KB's Markdown) renders differently or loses text.

A Markdown extension (`hooks.render.markdown_fixes` in mkdocs.yml) for every page. Each fix works around
Python-Markdown itself (3.11), so each is tested against the case it fixes (tests/render/test_markdown_fixes.py):
- ordered lists keep their first number (`3.` → `<ol start="3">`); Python-Markdown numbers every list
  from 1 unless its list processors are told otherwise (`LAZY_OL`);
- a table with a header and no body rows gets no empty row (the tables extension adds one);
- a backslash escapes any ASCII punctuation, as in CommonMark (`\\?`, `\\"` showed their backslash);
- a backslash at the end of a line is a line break (CommonMark's hard break; the KB writes `<br>\\`),
  where Python-Markdown showed the backslash;
- the admonition processor moves a list item's text after the item's nested list (it appends the `<p>`
  it makes, where the list processor inserts it first) and the next item then starts a new list;
- emphasis: when a closing `*` cannot pair with the opener on top of the stack (CommonMark's "rule of
  3") and pairs with one below it, CommonMark removes the delimiters in between from the stack;
  Python-Markdown's delimiter processor pairs with the top one instead, with the wrong length, and drops
  the character after the closer (`foo*bar**baz*qux` → `foo*bar<strong>baz</strong>ux`). The
  processor's pairing loop is given the missing removal (`_patched_handle_match`); should the upstream
  code change so that the patch no longer applies, any pairing that would take a character that is not
  a delimiter is refused and the delimiter run stays text (`_Emphasis._keeps_text`): no character is
  ever dropped.
Private names of Python-Markdown used here: hooks/engine/private_names.py (tests/engine/test_private_names.py).
"""

from __future__ import annotations

import inspect
import string
import textwrap
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.extensions.admonition import AdmonitionProcessor
from markdown.extensions.tables import TableProcessor
from markdown.inlinepatterns import DelimiterProcessor, SubstituteTagInlineProcessor

# The rule-of-3 search for an opener below the top of the stack, in DelimiterProcessor.handleMatch
_SEARCH = """
for i in range(len(stack) - 2, -1, -1):
    if stack[i][-1] == current and not self.rule_of_3(stack[i][3], current):
        last = current
        break
"""
_FIXED = """
for i in range(len(stack) - 2, -1, -1):
    if stack[i][-1] == current and not self.rule_of_3(stack[i][3], current):
        last = current
        for _ in range(len(stack) - 1 - i):  # CommonMark: the delimiters in between are removed
            stack.pop()
        break
"""


def _patched_handle_match():
    """DelimiterProcessor.handleMatch with the removal CommonMark asks for; None when the upstream code
    is not the one this was written for."""
    source = textwrap.dedent(inspect.getsource(DelimiterProcessor.handleMatch))
    for depth in range(0, 40, 4):
        search = textwrap.indent(_SEARCH.strip("\n"), " " * depth)
        if search + "\n" in source:
            fixed = source.replace(search, textwrap.indent(_FIXED.strip("\n"), " " * depth))
            module = inspect.getmodule(DelimiterProcessor)
            namespace: dict = {}
            exec(compile(fixed, module.__file__, "exec"), vars(module).copy(), namespace)
            return namespace["handleMatch"]
    return None


_FIXED_HANDLE_MATCH = _patched_handle_match()
BACKSLASH_BREAK = r"(?<!\\)\\\n"  # `\` then a line end (not an escaped backslash `\\`)


class _Emphasis(DelimiterProcessor):
    """Python-Markdown's delimiter processor (emphasis, strong) without the dropped characters."""

    def handleMatch(self, m, data):
        if _FIXED_HANDLE_MATCH is not None:
            element, start, end = _FIXED_HANDLE_MATCH(self, m, data)
        else:
            element, start, end = super().handleMatch(m, data)
        if element is not None and not self._keeps_text(element, data[start:end]):
            self.reset()  # the delimiter run stays text
            return None, m.start(0), m.end(0)
        return element, start, end

    def _keeps_text(self, element, replaced: str) -> bool:
        """The element shows every character of the text it replaces, but the delimiters."""
        def letters(text: str) -> str:
            return "".join(char for char in text if char not in self.tokens)

        return letters("".join(element.itertext())) == letters(replaced)


_Emphasis.__name__ = "DelimiterProcessor"  # what inline_skip knows it by: the same patterns, the same strings


class _ListItemText(AdmonitionProcessor):
    """The admonition processor, putting a list item's text before the item's nested list."""

    def run(self, parent, blocks) -> None:
        sibling = self.current_sibling
        if sibling is not None and not self.RE.search(blocks[0]) and sibling.tag in ("li", "dd") and sibling.text:
            paragraph = etree.Element("p")
            paragraph.text, sibling.text = sibling.text, ""
            sibling.insert(0, paragraph)
        super().run(parent, blocks)


class _HeaderOnlyTable(TableProcessor):
    """The tables processor, without the empty row it adds to a table that has only a header."""

    def _build_empty_row(self, parent, align) -> None:
        return None

    def run(self, parent, blocks) -> None:
        super().run(parent, blocks)
        table = parent[-1] if len(parent) else None
        if table is not None and table.tag == "table":
            body = table.find("tbody")
            if body is not None and len(body) == 0:
                table.remove(body)


def _replace(registry, name: str, old: type, new: type, *args) -> None:
    if name in registry and type(registry[name]) is old:
        priority = registry._priority[registry.get_index_for_name(name)].priority
        registry.register(new(*args), name, priority)


class MarkdownFixes(Extension):
    def extendMarkdown(self, md) -> None:
        blocks = md.parser.blockprocessors
        for name in ("olist", "ulist"):
            if name in blocks:
                blocks[name].LAZY_OL = False
        _replace(blocks, "admonition", AdmonitionProcessor, _ListItemText, md.parser)
        if "table" in blocks and type(blocks["table"]) is TableProcessor:
            _replace(blocks, "table", TableProcessor, _HeaderOnlyTable, md.parser, blocks["table"].config)
        md.ESCAPED_CHARS.extend(char for char in string.punctuation if char not in md.ESCAPED_CHARS)
        inline = md.inlinePatterns
        # before `escape` (180), which leaves a backslash before a line end as text
        inline.register(SubstituteTagInlineProcessor(BACKSLASH_BREAK, "br"), "backslash_linebreak", 185)
        if "em_strong" in inline and type(inline["em_strong"]) is DelimiterProcessor:
            old = inline["em_strong"]
            emphasis = _Emphasis.__new__(_Emphasis)
            emphasis.__dict__.update(old.__dict__)
            md.delimiters = emphasis
            priority = inline._priority[inline.get_index_for_name("em_strong")].priority
            inline.register(emphasis, "em_strong", priority)


def makeExtension(**kwargs) -> Extension:
    return MarkdownFixes(**kwargs)
