"""Error-code pages of a language, each generated again only when a runbook it lists has changed.

Under `mkdocs serve` every rebuild asks for every language's pages; a code page's Markdown only
changes with the runbooks quoting the code (page_sources), so an unchanged page is taken from the
previous rebuild. `newest(slug)` is the newest modification time of those runbooks, None when unknown
(a plain build, or runbooks added or removed): then the page is always generated.
"""

from __future__ import annotations

from collections.abc import Callable

from hooks.corpus.error_codes import ErrorIndex
from hooks.corpus.model import Corpus
from hooks.site import error_pages
from hooks.site.site_pages import SitePage

# lives: the serve session (the process): (lang, slug) -> (sources mtime, page), reused by the next rebuild
_pages: dict[tuple[str, str], tuple[float, SitePage]] = {}


def pages_for_language(corpus: Corpus, index: ErrorIndex, lang: str,
                       newest: Callable[[str], float | None]) -> list[SitePage]:
    """What error_pages.pages_for_language returns."""
    pages = [error_pages.index_page(corpus, index, lang), *error_pages.family_pages(corpus, index, lang)]
    for slug, code in index.codes.items():
        mtime = newest(slug)
        cached = _pages.get((lang, slug))
        if mtime is not None and cached is not None and cached[0] == mtime:
            pages.append(cached[1])
            continue
        page = error_pages.code_page(corpus, code, lang, index)
        pages.append(page)
        if mtime is None:
            _pages.pop((lang, slug), None)
        else:
            _pages[(lang, slug)] = (mtime, page)
    return pages
