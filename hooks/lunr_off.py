"""Keep Material's search plugin for its header search box only: no lunr index is built or written.

Search is Pagefind (search_index.py); our search partial drives it and never loads
search/search_index.json. Left enabled, the plugin parses every page's HTML into sections
(a tenth of the build's CPU) and writes a 24 MB index at 1,200 articles × 4 languages that nothing reads.
The header template only checks that "material/search" is among the plugins, so the plugin stays
listed; switching its `enabled` option off after its own on_config makes its page and post-build
events (also those mkdocs-static-i18n calls) return at once.
"""

from __future__ import annotations

NAMES = ("material/search", "search")


def disable(plugins) -> bool:
    """Turn lunr indexing off; False when no search plugin is configured."""
    for name in NAMES:
        plugin = plugins.get(name)
        if plugin is not None:
            plugin.config.enabled = False
            return True
    return False
