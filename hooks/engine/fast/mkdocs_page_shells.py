"""MkDocs entry points for page shells (listed in mkdocs.yml): each event hands MkDocs' objects to
shell_filling.SHELLS, which fills the generated runbook and error-code pages into page shells.

Nothing else belongs here: MkDocs may load this file again on each config load, so its state lives in
shell_filling.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

if str(Path(__file__).resolve().parents[3]) not in sys.path:  # `mkdocs` run outside `make`
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from mkdocs.plugins import event_priority

from hooks.engine.fast.shell_filling import SHELLS


def on_env(env, config, files):
    SHELLS.start_language(env)  # a new build of a language: templates may have changed
    return env


def on_config(config):
    SHELLS.start_cycle(config)  # counts again on a new build (all languages) or a `mkdocs serve` rebuild
    return config


@event_priority(-200)
def on_post_build(config):
    SHELLS.report(config)  # after the last language


@event_priority(-200)  # after mkdocs_hooks (-150) has put the page's values in the context
def on_page_context(context, page, config, nav):
    return SHELLS.page_context(context, page, config)
