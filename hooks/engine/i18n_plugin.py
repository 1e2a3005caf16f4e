"""The mkdocs-static-i18n plugin of a build, as the events need it.

It runs the whole build once per language, nesting the other languages' builds inside the first
build's on_post_build: `building` is False only during the first language's build of a cycle.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError


def plugin(config: MkDocsConfig):
    """The plugin; PluginError when mkdocs.yml does not list it."""
    found = config.plugins.get("i18n")
    if found is None:
        raise PluginError("kb-runbooks needs the mkdocs-static-i18n plugin ('i18n' in mkdocs.yml)")
    return found


def building(config: MkDocsConfig) -> bool:
    """True while the plugin builds the languages after the first; False on the first language of a
    cycle (a `mkdocs build`, each `mkdocs serve` rebuild), and without the plugin."""
    found = config.plugins.get("i18n")
    return bool(found is not None and found.building)
