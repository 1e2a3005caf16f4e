"""Reader-visible strings that the Markdown extensions and the theme write in English, put in the page's
language (hooks/data/ui/site.yml)."""

from __future__ import annotations

import html

from hooks.base import registry

PERMALINK_TITLE = 'title="Permanent link"'  # what Python-Markdown's toc extension writes (permalink: true)


def localize_permalinks(page_html: str, lang: str) -> str:
    """The heading anchors' tooltip ("Permanent link") in `lang`."""
    if PERMALINK_TITLE not in page_html:
        return page_html
    title = html.escape(registry.t(lang, "permalink.title"), quote=True)
    return page_html.replace(PERMALINK_TITLE, f'title="{title}"')
