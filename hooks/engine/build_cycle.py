"""The start of a build cycle: the corpus read once for every language, through the validation gate."""

from __future__ import annotations

import logging
from pathlib import Path

from hooks.corpus import error_codes, redirects
from hooks.engine import fast, gate
from hooks.engine.fast import collector, error_messages_cache, page_sources, preview
from hooks.engine.session import BuildCycle
from hooks.finish import search_index, site_finish
from hooks.rules import loader
from hooks.site import build_date


def start(root: Path, site_dir: Path, previous: BuildCycle | None, command: str | None,
          log: logging.Logger | logging.LoggerAdapter) -> BuildCycle:
    """A new cycle over the runbooks in `root`, building into `site_dir`. Raises PluginError (gate)."""
    if previous is not None:
        search_index.abandon(previous.search_runs)  # a previous cycle that failed may have left some
    search = preview.needs_search_index(site_dir)
    # pages are audited as they are written (on_post_page), the other files at the end (finishing)
    audit = site_finish.new_audit(root, lambda values: preview.audited_lines(site_dir, values))
    corpus = loader.load_for_engine(root)  # read once per `python -m hooks build`, else here
    corpus.problems += error_codes.registry_problems()
    moved = redirects.load_checked(root, corpus)[0]  # problems: already in corpus.problems
    gate.check(corpus.problems, log)
    errors = error_codes.build_index(corpus)
    cycle = BuildCycle(root=root, corpus=corpus, errors=errors, redirects=moved,
                       code_sources=page_sources.code_sources(errors),
                       all_sources=page_sources.everything(loader.changed_at), search=search, audit=audit)
    build_date.pin(corpus)
    if command == "serve" and fast.enabled():  # rebuilds scan only the runbooks that changed for messages
        error_messages_cache.fill(corpus)
    if command == "build" and fast.enabled():
        collector.keep_out_of_collections()
    return cycle
