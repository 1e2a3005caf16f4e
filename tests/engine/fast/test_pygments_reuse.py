"""Pygments formatters of one style share their class tables, lexers are found by name once
(hooks/engine/fast/pygments_reuse.py): the same HTML."""

import markdown
import pymdownx.highlight
import pytest
from pygments.formatters.html import HtmlFormatter
from pygments.util import ClassNotFound

from hooks.engine.fast import pygments_reuse

CODE = """
```bash
curl -s https://example.com/api | jq '.errors[] | select(.code == "RED-520025")'
```

```python
def retry(code: str) -> bool:
    return code.startswith("RED-")  # RED-520025
```

```sql
SELECT * FROM nmsBroadLog WHERE iStatus = 2;
```

```
no language: the default lexer
```

```nosuchlanguage
an unknown language
```

Inline `#!python print("x")` and `plain`.
"""


def _convert() -> str:
    md = markdown.Markdown(extensions=["pymdownx.superfences", "pymdownx.highlight", "pymdownx.inlinehilite"])
    return md.convert(CODE)


def test_highlighted_code_is_the_same_with_shared_tables():
    saved = HtmlFormatter._create_stylesheet, pymdownx.highlight.get_lexer_by_name
    try:
        HtmlFormatter._create_stylesheet = pygments_reuse._original
        pymdownx.highlight.get_lexer_by_name = pygments_reuse._original_lexer_by_name
        alone = _convert()
        pygments_reuse.install()
        assert _convert() == alone and _convert() == alone
        assert '<span class="' in alone
        first, second = HtmlFormatter(style="default"), HtmlFormatter(style="default")
        assert first.ttype2class is second.ttype2class and first.class2style is second.class2style
        other_style, other_prefix = HtmlFormatter(style="monokai"), HtmlFormatter(style="default", classprefix="x-")
        assert other_style.class2style is not first.class2style and other_style.class2style != first.class2style
        assert other_prefix.ttype2class is not first.ttype2class
        assert set(other_prefix.class2style) == {f"x-{name}" for name in first.class2style if name}
    finally:
        HtmlFormatter._create_stylesheet, pymdownx.highlight.get_lexer_by_name = saved


def test_lexers_are_new_ones_of_the_class_pygments_finds_for_the_name():
    first = pygments_reuse.get_lexer_by_name("bash", stripnl=False)
    second = pygments_reuse.get_lexer_by_name("bash", stripnl=True)
    assert type(first) is type(second) and first is not second
    assert (first.stripnl, second.stripnl) == (False, True)
    assert type(pygments_reuse.get_lexer_by_name("BASH")).__name__ == "BashLexer"
    for _ in range(2):
        with pytest.raises(ClassNotFound):
            pygments_reuse.get_lexer_by_name("nosuchlanguage")
