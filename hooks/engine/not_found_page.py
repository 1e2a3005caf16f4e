"""The 404 page: written once, at the site's root, by the default language's build.

Every language's build writes into the same site folder; the page itself lists the message in every
language (not_found.blocks), so the other languages' builds must not write theirs over it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from hooks.site import not_found

TEMPLATE = "404.html"


def choose(static_templates: set[str], lang: str, default_lang: str) -> None:
    """Add the 404 page to the templates this language's build renders, or take it out."""
    if lang == default_lang:
        static_templates.add(TEMPLATE)
    else:
        static_templates.discard(TEMPLATE)


def context(site_url: str | None) -> dict:
    """What hooks/theme/404.html reads: the message in every language, and the site's root path."""
    root = urlsplit(site_url or "/").path or "/"
    return {"kb_not_found": not_found.blocks(root), "kb_site_root": root if root.endswith("/") else root + "/"}
