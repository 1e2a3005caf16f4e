"""Keep Material's search plugin for its header search box only: no lunr index is built or published.

Search is Pagefind (search_index.py); our search partial drives it and never loads
search/search_index.json. Left alone, the plugin parses every page's HTML into sections (a tenth of
the build's CPU) and writes a 24 MB index at 1,200 articles × 4 languages that nothing reads.
The header template shows the search box only while the plugin is enabled, so it stays enabled; its
index is made to accept no page, and the (then empty) file is removed once the site is complete.
Private names of Material used here are listed in hooks/engine/private_names.py (tests/engine/test_private_names.py).
"""

from __future__ import annotations

NAMES = ("material/search", "search")


def _ignore(page) -> None:
    return None


def disable(plugins) -> bool:
    """After the search plugin's on_config (it makes a new index each time): index no page."""
    for name in NAMES:
        index = getattr(plugins.get(name), "search_index", None)
        if index is not None:
            index.add_entry_from_context = _ignore
            return True
    return False
