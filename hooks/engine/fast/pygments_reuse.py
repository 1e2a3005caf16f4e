"""Compute a Pygments style's class table once per style, instead of once per code block.

pymdownx.highlight creates a new Pygments HTML formatter for every code block, and each formatter walks
its whole style to build the token-type → CSS class and class → style tables (~0.2 ms a block, a
second per build at 1,200 articles × 4 languages). The tables depend only on the style and the class
prefix, and no formatter changes them after creating them: formatters of the same style share them.

pymdownx.highlight also looks up its lexer by name for every code block, and Pygments finds a name by
going through the aliases of all its ~600 lexers (0.05 ms; KB code blocks mostly have no language, so
every one falls back to `text`): the class found for a name is remembered, and a new lexer made from it
with the block's options, as Pygments does.
Private names of Pygments and pymdown-extensions used here: hooks/engine/private_names.py
(tests/engine/test_private_names.py).
"""

from __future__ import annotations

import pymdownx.highlight
from pygments.formatters.html import HtmlFormatter
from pygments.util import ClassNotFound

_original = HtmlFormatter._create_stylesheet
_tables: dict[tuple, tuple[dict, dict]] = {}  # lives: the process (style tables depend on the style only)
_original_lexer_by_name = pymdownx.highlight.get_lexer_by_name
_lexer_classes: dict[str, type | None] = {}  # lives: the process; None: no lexer has that name


def _create_stylesheet(self) -> None:
    key = (self.style, self.classprefix)
    tables = _tables.get(key)
    if tables is None:
        _original(self)
        _tables[key] = (self.ttype2class, self.class2style)
    else:
        self.ttype2class, self.class2style = tables


def get_lexer_by_name(alias: str, **options):
    """pygments.lexers.get_lexer_by_name, with the lexer class of each name looked up once."""
    if alias in _lexer_classes:
        cls = _lexer_classes[alias]
        if cls is None:
            raise ClassNotFound(f"no lexer for alias {alias!r} found")
        return cls(**options)
    try:
        lexer = _original_lexer_by_name(alias, **options)
    except ClassNotFound:
        _lexer_classes[alias] = None
        raise
    _lexer_classes[alias] = type(lexer)
    return lexer


def install() -> None:
    HtmlFormatter._create_stylesheet = _create_stylesheet
    pymdownx.highlight.get_lexer_by_name = get_lexer_by_name
