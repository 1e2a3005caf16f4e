"""A generated page in the other languages: where the language switcher goes, and which translations
the page's hreflang links name. Plain data in (SitePage, Corpus), URLs out.
"""

from __future__ import annotations

from collections.abc import Callable

from hooks.site import alternates
from hooks.site import error_pages
from hooks.site import status_page
from hooks.base import urls
from hooks.corpus.model import Corpus
from hooks.site.site_pages import SitePage

# lists that exist in every language with the same pages (products, translation to-do lists and matrix)
SAME_PATH_KINDS = ("products", "status-todo", "status-matrix", error_pages.FAMILY_KIND)


def same_page_in(page: SitePage) -> Callable[[str], str] | None:
    """language → this page's URL in that language (None: the page has no counterpart)."""
    if page.runbook_id:
        return lambda lang: urls.runbook_url(lang, page.runbook_id)
    if page.kind in error_pages.KINDS:
        return error_pages.url_in(page)
    if page.kind in SAME_PATH_KINDS:  # the same path under each language's prefix
        rest = page.url[len(urls.prefix(page.src_uri.split("/", 1)[0])):]
        return lambda lang: urls.prefix(lang) + rest
    return {"index": urls.runbooks_index_url, "status": status_page.status_url}.get(page.kind)


def hreflang(corpus: Corpus, page: SitePage) -> dict[str, str]:
    """language → URL of each real translation of the page (a runbook only where it is translated)."""
    if page.kind == "runbook":
        return alternates.runbook_alternates(corpus, page.runbook_id)
    if page.kind in ("index", "status", *SAME_PATH_KINDS, *error_pages.KINDS):
        return alternates.every_language(same_page_in(page))
    return {}  # "not available" and redirect pages are not translations
