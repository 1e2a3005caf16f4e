"""What sitemap.xml lists: every page of the site once, with its versions in the other languages.

The pages of docs/ come from the i18n plugin's alternates (one group per page, whichever language's
build saw it); the generated pages from the corpus: the index pages, product, to-do and matrix lists,
error codes, and every runbook that is not hidden in all its languages. Pages listed for every language
are listed under the default language's URL with the others as alternates (alternates.every_language).
"""

from __future__ import annotations

from collections.abc import Mapping

from hooks.base import registry, urls
from hooks.corpus.error_codes import ErrorIndex
from hooks.corpus.model import Corpus
from hooks.site import alternates, error_pages, page_languages, product_pages, status_page


def context(site_url: str | None, i18n_alternates: Mapping | None, corpus: Corpus, errors: ErrorIndex) -> dict:
    """What hooks/theme/sitemap.xml reads."""
    return {"kb_sitemap": alternates.sitemap(site_url or "/", pages(i18n_alternates, corpus, errors))}


def pages(i18n_alternates: Mapping | None, corpus: Corpus, errors: ErrorIndex) -> list[dict[str, str]]:
    """One {language code: URL} per page ({"": URL} for a page of docs/ the plugin knows in no language)."""
    seen: dict[frozenset, dict[str, str]] = {}
    for i18n_files in (i18n_alternates or {}).values():
        for file in i18n_files:
            group = {code: url_of(alt.url) for code, alt in sorted(file.alternates.items())} or {"": url_of(file.url)}
            seen.setdefault(frozenset(group.items()), group)
    listed = list(seen.values())
    listed.append(alternates.every_language(urls.runbooks_index_url))
    listed.append(alternates.every_language(status_page.status_url))
    default = registry.default_language().code
    for listing in (*product_pages.product_pages(corpus, default), *status_page.todo_pages(corpus, default),
                    *status_page.matrix_pages(corpus, default)):
        listed.append(alternates.every_language(page_languages.same_page_in(listing)))
    listed.append(alternates.every_language(error_pages.errors_index_url))
    listed.extend(alternates.every_language(lambda code, slug=slug: error_pages.error_url(code, slug))
                  for slug in errors.codes)
    listed.extend(alternates.runbook_alternates(corpus, i) for i in corpus.ids()
                  if not all(r.hidden for r in corpus.translations(i).values()))
    return listed


def url_of(url: str) -> str:
    """A MkDocs page URL as the sitemap and hreflang links write it: the home page's "./" is ""."""
    return "" if url in ("./", ".") else url
