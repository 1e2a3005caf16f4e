"""Lists that `mkdocs serve --dirty` writes again only when their text changed.

The product lists, the translation status page, its to-do lists and matrix, and the error families list
runbooks of the whole corpus, so no set of source files says when they change: they were rendered
again on every rebuild (the matrix alone, a second and a half at 1,200 articles × 4 languages). Their
HTML is a function of their SitePage alone (page_render: no code links, hreflang and language switcher
from the page itself; nothing of the corpus is read while they render), the rest being what stays the
same for the whole serve session (mkdocs.yml, the theme): a page whose SitePage equals the one last
written at its place is not rendered again.

A key is recorded when the page is handed over to be written (on_post_page); a failed build forgets
them all (what it wrote is not known), so the next rebuild renders these pages again.
"""

from __future__ import annotations

from hooks.site import error_pages, product_pages, status_page
from hooks.site.site_pages import SitePage

# the kinds of generated pages whose output depends on their SitePage alone
KINDS = frozenset({product_pages.KIND, *status_page.KINDS, error_pages.FAMILY_KIND})

# output file → key of the page written there last; None when not a dirty serve (nothing recorded).
# lives: the serve session (reset by start(), on MkDocs' startup event)
_written: dict[str, tuple] | None = None


def start(dirty_serve: bool) -> None:
    global _written
    _written = {} if dirty_serve else None


def key(page: SitePage) -> tuple | None:
    """What the output of `page` is made of; None: not a page whose output depends on its SitePage alone,
    or not a dirty serve."""
    if _written is None or page.kind not in KINDS:
        return None
    return (page.src_uri, page.url, page.kind, page.runbook_id, page.body, repr(page.meta))


def unchanged(dest: str, page_key: tuple) -> bool:
    """Whether the page last written at `dest` had this key."""
    return _written is not None and _written.get(dest) == page_key


def written(dest: str, page_key: tuple) -> None:
    if _written is not None:
        _written[dest] = page_key


def forget() -> None:
    """A build failed: what it wrote is unknown, so every such page is rendered again next time."""
    if _written is not None:
        _written.clear()
