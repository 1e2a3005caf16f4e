"""MkDocs entry points (listed in mkdocs.yml): each event hands MkDocs' objects to site_events.KbSite.

Nothing else belongs here: MkDocs may load this file again on each config load (every `mkdocs serve`
rebuild), so its state lives in session.py. Our events run after the i18n plugin's (priority -150 <
-100) so that its `current_language` is set and our generated files are not filtered again.
"""

from __future__ import annotations

import sys
from pathlib import Path

if str(Path(__file__).resolve().parents[2]) not in sys.path:  # `mkdocs` run outside `make`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mkdocs.plugins import CombinedEvent, event_priority

from hooks.engine.session import SESSION
from hooks.engine.site_events import KbSite

site = KbSite(SESSION)


def on_startup(command, dirty):
    site.startup(command, dirty)


@event_priority(0)  # before the i18n plugin's on_config
def _select_languages(config):
    return site.select_languages(config)


@event_priority(-150)
def _start_language(config):
    return site.start_language(config)


on_config = CombinedEvent(_select_languages, _start_language)


@event_priority(-150)
def on_files(files, config):
    return site.files(files, config)


def on_env(env, config, files):
    return site.env(env, config)


def on_template_context(context, template_name, config):
    return site.template_context(context, template_name, config)


@event_priority(-150)
def on_nav(nav, config, files):
    return site.nav(nav)


def on_page_markdown(markdown, page, config, files):
    return site.page_markdown(markdown, page, config)


def on_page_content(html, page, config, files):
    return site.page_content(html, page)


@event_priority(-150)
def on_page_context(context, page, config, nav):
    return site.page_context(context, page, config)


@event_priority(-200)  # the page as written
def on_post_page(output, page, config):
    return site.post_page(output, page, config)


@event_priority(0)
def _plain_pages_report(config):
    site.plain_pages_report()


@event_priority(0)
def _index_language(config):
    site.index_language(config)


@event_priority(0)  # before the i18n plugin builds the other languages
def _language_loop(config):
    site.language_loop(config)


@event_priority(-150)  # after the last language
def _finish_site(config):
    site.finish_site(config)


on_post_build = CombinedEvent(_plain_pages_report, _index_language, _language_loop, _finish_site)


def on_build_error(error):
    site.build_error()


def on_serve(server, config, builder):
    return site.serve(server)
