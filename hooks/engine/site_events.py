"""KbSite: what the site does at each MkDocs event, for the hook file mkdocs_hooks.py.

Each method takes the MkDocs objects of its event and hands them to a module with one job: gate.py
(the validation gate, via build_cycle.py), site_files.py (generated files, reserved URLs),
navigation.py, page_render.py (the pipeline per kind of page), not_found_page.py (404 per language),
sitemap.py, search_runs.py (Pagefind per language), finishing.py (group or single process). Its state
is session.SESSION: the process's session, its build cycle, the language pass under way.
"""

from __future__ import annotations

import logging
from copy import deepcopy
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from hooks.base import registry
from hooks.engine import (
    build_cycle,
    fast,
    finishing,
    i18n_plugin,
    language_subset,
    navigation,
    not_found_page,
    page_render,
    search_runs,
    serve_guard,
    serve_watch,
    site_files,
    sitemap,
)
from hooks.engine.fast import (
    lunr_off,
    markdown_reuse,
    page_keys,
    preview,
    pygments_reuse,
    search_duplicates,
    template_cache,
)
from hooks.engine.generated_page import GeneratedFile
from hooks.engine.session import BuildCycle, LanguageBuild, ServeSession
from hooks.finish import search_index
from hooks.site import alternates
from hooks.site.site_pages import SitePage

log = get_plugin_logger("kb-runbooks")


def _not_the_dirty_build_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


class KbSite:
    """The site's answers to MkDocs' events; `session` holds the state they share."""

    def __init__(self, session: ServeSession) -> None:
        self.session = session

    @property
    def cycle(self) -> BuildCycle:
        assert self.session.cycle is not None, "no build cycle: on_config did not start one"
        return self.session.cycle

    @property
    def language(self) -> LanguageBuild:
        assert self.cycle.language is not None, "no language pass: on_config did not start one"
        return self.cycle.language

    def startup(self, command: str, dirty: bool) -> None:
        preview.start(command, dirty and fast.enabled())
        page_keys.start(command == "serve" and dirty and fast.enabled())
        self.session.command = command
        # `make serve` runs `mkdocs serve --dirty`: generated pages know which runbook files they come from
        # (generated_page.GeneratedFile), so MkDocs' generic warning about dirty builds does not apply;
        # under `strict: true` it would abort every rebuild.
        if command == "serve" and dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_build_warning)

    def select_languages(self, config: MkDocsConfig) -> MkDocsConfig:
        """Before the i18n plugin's on_config: speed-ups installed, the languages to build chosen."""
        if fast.enabled():
            markdown_reuse.install(mkdocs_pages)
            pygments_reuse.install()
        i18n = i18n_plugin.plugin(config)
        try:
            language_subset.before_config(i18n, language_subset.requested())
        except ValueError as exc:
            raise PluginError(str(exc)) from None
        if fast.enabled():  # the plugin's own version compares every entry with every other: minutes at 5,000
            i18n.reconfigure_search_duplicates = lambda entries: search_duplicates.drop_duplicates_in_place(
                entries, [f"{code}/" for code in i18n.build_languages])
        return config

    def start_language(self, config: MkDocsConfig) -> MkDocsConfig:
        """After the i18n plugin's on_config: a language pass begins, and with the first, a build cycle."""
        i18n = i18n_plugin.plugin(config)
        language = LanguageBuild(i18n.current_language)
        if fast.enabled():
            lunr_off.disable(config.plugins)  # after the search plugin's own on_config
        not_found_page.choose(config.theme.static_templates, i18n.current_language, i18n.default_language)
        if not i18n.building or self.session.cycle is None:  # a new build cycle (serve rebuilds too)
            previous, self.session.cycle = self.session.cycle, None
            self.session.cycle = build_cycle.start(Path(config.config_file_path).parent / "runbooks",
                                                   Path(config.site_dir), previous, self.session.command, log)
        self.cycle.language = language
        return config

    def files(self, files: Files, config: MkDocsConfig) -> Files:
        return site_files.add(files, config, self.cycle, self.language)

    def env(self, env, config: MkDocsConfig):
        if fast.enabled():
            template_cache.use(env)
        self.language.env = env
        env.filters["kb_strip_hreflang"] = alternates.strip_theme_links
        env.globals["kb_t"] = lambda key, **values: registry.t(self.language.lang, key, **values)
        # 404.html and sitemap.xml are rendered before the pages: do not let them inherit the last
        # page's switcher from the previous language build
        config.extra.alternate = deepcopy(i18n_plugin.plugin(config).extra_alternate)
        return env

    def template_context(self, context: dict, template_name: str, config: MkDocsConfig) -> dict:
        if template_name == "sitemap.xml":
            context.update(sitemap.context(config.site_url, context.get("i18n_alternates"), self.cycle.corpus,
                                           self.cycle.errors))
        elif template_name == not_found_page.TEMPLATE:
            context.update(not_found_page.context(config.site_url))
        return context

    def nav(self, nav: Navigation) -> Navigation:
        return navigation.flatten(nav)

    def _site_page(self, page: Page) -> SitePage | None:
        return self.language.pages.get(page.file.src_uri)

    def page_markdown(self, markdown: str, page: Page, config: MkDocsConfig) -> str:
        return page_render.markdown(markdown, page, self._site_page(page), self.cycle, self.language,
                                    Path(config.config_file_path).parent)

    def page_content(self, html: str, page: Page) -> str:
        return page_render.content(html, page, self._site_page(page), self.cycle, self.language)

    def page_context(self, context: dict, page: Page, config: MkDocsConfig) -> dict:
        return page_render.context(context, page, self._site_page(page), self.cycle, self.language, config)

    def post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        self.cycle.audit.text(page.file.dest_uri, output)
        if isinstance(page.file, GeneratedFile) and page.file.content_key is not None:
            page_keys.written(page.file.abs_dest_path, page.file.content_key)  # MkDocs writes it next
        if fast.enabled():  # else Pagefind starts after the language's build (index_language)
            search_runs.page_written(self.cycle, self.language, Path(config.site_dir), page.file.dest_uri)
        return output

    def plain_pages_report(self) -> None:
        log.debug(f"{self.language.plain_verdict.used} generated pages rendered without Markdown "
                  f"({self.language.lang})")

    def index_language(self, config: MkDocsConfig) -> None:
        """This language's pages are written (if its run has not started already): Pagefind indexes them
        while the next language renders."""
        search_runs.start(self.cycle, self.language, Path(config.site_dir))

    def language_loop(self, config: MkDocsConfig) -> None:
        """Before the i18n plugin builds the other languages."""
        language_subset.before_language_loop(i18n_plugin.plugin(config), language_subset.requested())

    def finish_site(self, config: MkDocsConfig) -> None:
        """After the last language: the i18n plugin builds the other languages inside the first build's
        post_build (priority 0), so when this runs with `building` False every language is on disk."""
        if i18n_plugin.plugin(config).building:
            return
        finishing.finish(Path(config.site_dir), config.site_url, self.cycle,
                         group=bool(language_subset.requested()), log=log)

    def build_error(self) -> None:
        page_keys.forget()
        if self.session.cycle is not None:
            search_index.abandon(self.session.cycle.search_runs)

    def serve(self, server):
        server.builder = serve_guard.keep_serving(server.builder, log.error)
        serve_watch.use_native_events(server, log.info)
        return server
