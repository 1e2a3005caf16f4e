"""Skip Markdown's inline patterns on text that none of them can match.

Python-Markdown tries each of its ~16 inline patterns (emphasis, links, code, raw HTML, entities, …) on
every piece of text of a page, one regular-expression search and a few method calls each, even on a
plain sentence: a third of converting a runbook. Every pattern of the converters we build starts at one
of a few characters (`PATTERNS`: a backslash, a backtick, `[`, `<`, `&`, `*`, `_`, `~`, `^`, or two spaces
or a backslash before a line break); text without any of them is returned as it is, which is what trying
every pattern would have done. A converter with a pattern this module does not know keeps Markdown's own processing.
Private names of Python-Markdown used here: hooks/engine/private_names.py (tests/engine/test_private_names.py).
"""

from __future__ import annotations

import re

from markdown import Markdown, util
from markdown.treeprocessors import InlineProcessor

# pattern name → (its class, strings one of which every match of it contains)
PATTERNS = {
    "backtick": ("InlineHilitePattern", ("\\", "`")), "escape": ("EscapeInlineProcessor", ("\\",)),
    "footnote": ("FootnoteInlineProcessor", ("[",)), "reference": ("ReferenceInlineProcessor", ("[",)),
    "link": ("LinkInlineProcessor", ("[",)), "image_link": ("ImageInlineProcessor", ("[",)),
    "image_reference": ("ImageReferenceInlineProcessor", ("[",)),
    "short_reference": ("ShortReferenceInlineProcessor", ("[",)),
    "short_image_ref": ("ShortImageReferenceInlineProcessor", ("[",)),
    "autolink": ("AutolinkInlineProcessor", ("<",)), "automail": ("AutomailInlineProcessor", ("<",)),
    "linebreak": ("SubstituteTagInlineProcessor", ("  \n",)), "html": ("HtmlInlineProcessor", ("<",)),
    "backslash_linebreak": ("SubstituteTagInlineProcessor", ("\\\n",)),  # hooks/render/markdown_fixes.py
    "entity": ("HtmlInlineProcessor", ("&",)), "em_strong": ("DelimiterProcessor", ("*", "_")),
    "delimiter": ("DelimiterProcessor", ("~", "^")),
}


class _SkippingInlineProcessor(InlineProcessor):
    def __init__(self, md: Markdown, needed: re.Pattern) -> None:
        super().__init__(md)
        self._needed = needed

    # InlineProcessor calls its private __handleInline for every piece of text; this is that name
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if not isinstance(data, util.AtomicString) and self._needed.search(data) is None:
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)


def needed_characters(md: Markdown) -> re.Pattern | None:
    """What a piece of text must contain for one of `md`'s inline patterns to match; None when `md` has a
    pattern not in PATTERNS."""
    strings: set[str] = set()
    for name, pattern in md.inlinePatterns._data.items():  # the registry's name → pattern
        known = PATTERNS.get(name)
        if known is None or type(pattern).__name__ != known[0]:
            return None
        strings.update(known[1])
    single = "".join(sorted(s for s in strings if len(s) == 1))
    alternatives = ([f"[{re.escape(single)}]"] if single else []) + [re.escape(s) for s in sorted(strings)
                                                                       if len(s) > 1]
    return re.compile("|".join(alternatives)) if alternatives else None


def install(md: Markdown) -> bool:
    """Give `md` the skipping inline processor; False (and `md` unchanged) when a pattern is unknown."""
    needed = needed_characters(md)
    if needed is None or "inline" not in md.treeprocessors:
        return False
    priority = md.treeprocessors._priority[md.treeprocessors.get_index_for_name("inline")].priority
    md.treeprocessors.register(_SkippingInlineProcessor(md, needed), "inline", priority)
    return True
