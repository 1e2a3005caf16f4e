"""When Pagefind starts indexing a language: as soon as every page it indexes is on disk (KB_FAST), or
once the language's build is over, while the next language renders. Languages with nothing to index
(no visible runbook, no error code) start no run."""

from __future__ import annotations

from pathlib import Path

from hooks.base import urls
from hooks.engine.session import BuildCycle, LanguageBuild
from hooks.finish import search_index


def page_written(cycle: BuildCycle, language: LanguageBuild, site_dir: Path, dest_uri: str) -> None:
    """Called for each page as it is about to be written. MkDocs writes a page after its on_post_page, so
    the language's pages are all on disk when the page after the last of them comes here."""
    waiting = language.to_index
    if waiting is None:  # started already
        return
    if not waiting:
        start(cycle, language, site_dir)
    waiting.discard(dest_uri)


def start(cycle: BuildCycle, language: LanguageBuild, site_dir: Path) -> None:
    """Start this language's run, unless it started already."""
    if language.to_index is None:
        return
    language.to_index = None
    if cycle.search and (cycle.errors.codes or any(not r.hidden for r in cycle.corpus.in_language(language.lang))):
        cycle.search_runs.append(search_index.start(site_dir, urls.prefix(language.lang)))
