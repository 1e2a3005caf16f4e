"""The navigation: flat, home then the index pages, each titled in the page language.

MkDocs would otherwise wrap each index page in a section named after its folder ("Errors", "Runbooks"),
in English on every language's site. Only a few generated pages are in it (site_files.NAV_KINDS): runbook
and code pages are reached through them, so no page carries a navigation that grows with the runbooks.
"""

from __future__ import annotations

from mkdocs.structure.nav import Navigation


def flatten(nav: Navigation) -> Navigation:
    """Replace each section by the pages in it (at any depth), in order; every item at the top level."""
    flat = []
    for item in nav.items:
        children = [item]
        while children and any(child.is_section for child in children):
            children = [grand for child in children
                        for grand in (child.children if child.is_section else [child])]
        flat.extend(children)
    for item in flat:
        item.parent = None
    nav.items = flat
    return nav
