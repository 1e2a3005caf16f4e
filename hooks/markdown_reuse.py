"""One Markdown converter per configuration, reset between pages, instead of a new one per page.

MkDocs builds a new `markdown.Markdown` for every page: loading a dozen extensions (pymdownx.highlight
deep-copies its whole configuration) cost about as much as converting a typical runbook. Python-Markdown
supports reusing an instance: `reset()` clears its state and every extension's. The per-page
processors MkDocs adds (title, anchors, relative links, raw-HTML anchors) are registered under fixed
names, so registering the next page's replaces the previous page's.
"""

from __future__ import annotations

from types import SimpleNamespace

import markdown


class _Pool:
    def __init__(self) -> None:
        self._converters: dict[str, markdown.Markdown] = {}

    def Markdown(self, *, extensions, extension_configs) -> markdown.Markdown:  # named as markdown's
        key = repr((extensions, extension_configs))
        converter = self._converters.get(key)
        if converter is None:
            converter = self._converters[key] = markdown.Markdown(extensions=extensions,
                                                                  extension_configs=extension_configs)
        return converter.reset()


POOL = _Pool()


def install(pages_module) -> None:
    """Make `pages_module` (mkdocs.structure.pages) take its converters from the pool."""
    if not isinstance(getattr(pages_module, "markdown", None), SimpleNamespace):
        pages_module.markdown = SimpleNamespace(**{**vars(markdown), "Markdown": POOL.Markdown})
