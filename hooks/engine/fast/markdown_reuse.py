"""One Markdown converter per configuration, reset between pages, instead of a new one per page.

MkDocs builds a new `markdown.Markdown` for every page: loading a dozen extensions (pymdownx.highlight
deep-copies its whole configuration) cost about as much as converting a typical runbook. Python-Markdown
supports reusing an instance: `reset()` clears its state and every extension's. The per-page
processors MkDocs adds (title, anchors, relative links, raw-HTML anchors) are registered under fixed
names, so registering the next page's replaces the previous page's.

A few extensions do nothing to a page that does not use their syntax, yet each of them costs every
page a block test or an inline pattern tried on every piece of text (together ~13 % of converting a
runbook). Told the text about to be converted (`text_ahead`), the pool leaves out those whose syntax
the text cannot contain (`UNUSED_WITHOUT`: the characters their syntax needs). Inline patterns are
not tried on text none of them can match (inline_skip).
Private names of MkDocs used here are listed in hooks/engine/private_names.py (tests/engine/test_private_names.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace

import markdown

from hooks.engine.fast import inline_skip

UNUSED_WITHOUT = {"footnotes": "[^", "admonition": "!!!", "tables": "|", "pymdownx.details": "???",
                  "pymdownx.tilde": "~", "pymdownx.caret": "^"}


def needed(extensions: list, text: str) -> list:
    """`extensions` without those `text` cannot use."""
    def unused(extension) -> bool:
        name = extension.removeprefix("markdown.extensions.") if isinstance(extension, str) else None
        return name in UNUSED_WITHOUT and UNUSED_WITHOUT[name] not in text

    return [extension for extension in extensions if not unused(extension)]


class _Pool:
    def __init__(self) -> None:
        self._converters: dict[str, markdown.Markdown] = {}
        self._text: str | None = None

    @contextmanager
    def text_ahead(self, text: str) -> Iterator[None]:
        """Converters asked for in this block convert `text`."""
        self._text = text
        try:
            yield
        finally:
            self._text = None

    def Markdown(self, *, extensions, extension_configs) -> markdown.Markdown:  # named as markdown's
        if self._text is not None:
            extensions = needed(list(extensions), self._text)
        key = repr((extensions, extension_configs))
        converter = self._converters.get(key)
        if converter is None:
            converter = self._converters[key] = markdown.Markdown(extensions=extensions,
                                                                  extension_configs=extension_configs)
            inline_skip.install(converter)
        return converter.reset()


POOL = _Pool()


def install(pages_module) -> None:
    """Make `pages_module` (mkdocs.structure.pages) take its converters from the pool."""
    if not isinstance(getattr(pages_module, "markdown", None), SimpleNamespace):
        pages_module.markdown = SimpleNamespace(**{**vars(markdown), "Markdown": POOL.Markdown})
