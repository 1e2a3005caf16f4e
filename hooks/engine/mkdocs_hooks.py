"""MkDocs entry points. Thin on purpose: every decision lives in a module that does not know MkDocs.

mkdocs-static-i18n runs the whole build once per language. Its `building` flag is False only for the
first build of a cycle (`mkdocs build`, or each rebuild under `mkdocs serve`): that is when the corpus is
read and validated, once, for all languages. Our events run after the plugin's (priority -150 < -100)
so that `current_language` is already set and our generated files are not re-filtered.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from copy import deepcopy
from pathlib import Path
from urllib.parse import urlsplit

if str(Path(__file__).resolve().parents[2]) not in sys.path:  # `mkdocs` run outside `make`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from hooks.base import registry, urls
from hooks.corpus import error_codes, redirects
from hooks.engine import fast, language_subset, serve_guard, serve_watch
from hooks.engine.fast import (
    collector,
    data_urls,
    error_page_cache,
    html_blocks,
    lunr_off,
    markdown_reuse,
    page_sources,
    plain_markdown,
    preview,
    pygments_reuse,
    search_duplicates,
    template_cache,
)
from hooks.finish import links, output_audit, search_index, site_finish
from hooks.render import dialect, error_links, media, references
from hooks.rules import html_safety, loader
from hooks.site import (
    alternates,
    banners,
    build_date,
    error_pages,
    header,
    home_page,
    not_found,
    page_languages,
    product_pages,
    redirect_pages,
    runbook_assets,
    site_pages,
    status_page,
    ui_text,
)

log = get_plugin_logger("kb-runbooks")

_state: dict = {"corpus": None, "lang": "en", "pages": {}, "errors": None, "site_pages": {}, "page_links": [],
                "redirects": {}, "html_blocks": {}, "search": False, "search_runs": [], "to_index": None}
# Only these generated pages appear in the navigation; runbook and code pages are reached through them,
# so no page carries a navigation that grows with the number of runbooks.
NAV_KINDS = ("index", "errors")
FRONT_MATTER_KINDS = (*NAV_KINDS, "status")  # the few pages whose titles the navigation may read early
RUNBOOK_TEMPLATE = "partials/runbook.html"  # a runbook page's content: header, banners, the runbook
_H1 = re.compile(r"<h1[^>]*>.*?</h1>\s*", re.DOTALL)


class _GeneratedPage(File):
    """A generated page that `mkdocs serve --dirty` rebuilds only when its runbook files changed."""

    sources_mtime: float | None = None

    def is_modified(self) -> bool:
        if self.sources_mtime is None:
            return True
        try:
            return os.stat(self.abs_dest_path).st_mtime < self.sources_mtime
        except OSError:  # not written yet
            return True


class _GeneratedMarkdownPage(mkdocs_pages.Page):
    """A generated page. Converted with only the Markdown extensions its text can use (markdown_reuse);
    one that is only headings between HTML blocks is rendered without Markdown (plain_markdown), once
    the first page of its shape came out the same both ways."""

    may_be_plain = True  # False for runbooks: their text is Markdown

    def render(self, config, files) -> None:
        verdict, settings = _state["plain"]
        rendered = None
        if self.may_be_plain and settings and not verdict.failed:  # settings: None unless fast.enabled()
            rendered = plain_markdown.render(self.markdown, settings)
        if rendered is not None and verdict.trusts(rendered):
            self.content, self.toc = rendered.html, get_toc(rendered.toc_tokens)
            self._title_from_render, self.present_anchor_ids = rendered.title, set(rendered.ids)
            self.links_to_anchors = {}
            verdict.used += 1
            return
        self._render_markdown(config, files)
        if rendered is not None and not verdict.record(rendered, self.content, self.toc, self._title_from_render,
                                                       self.present_anchor_ids):
            log.info(f"generated pages go through Markdown: {self.file.src_uri} differs ({verdict.reason})")

    def _render_markdown(self, config, files) -> None:
        """Markdown's rendering, with long inline pictures out of its way (data_urls)."""
        original = self.markdown
        short, originals = data_urls.shortened(original) if fast.enabled() else (original, {})
        if originals:
            self.markdown = short
            try:
                with markdown_reuse.POOL.text_ahead(short):
                    super().render(config, files)
            finally:
                self.markdown = original
            content = data_urls.restored(self.content, originals)
            elsewhere = f"{self.toc}{getattr(self, '_title_from_render', '')}"
            if content is not None and not any(key in elsewhere for key in originals):
                self.content = content
                return
        with markdown_reuse.POOL.text_ahead(original):
            super().render(config, files)


def _not_the_dirty_build_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def on_startup(command, dirty):
    preview.start(command, dirty and fast.enabled())
    _state["command"] = command
    # `make serve` runs `mkdocs serve --dirty`: generated pages know which runbook files they come from
    # (_GeneratedPage), so MkDocs' generic warning about dirty builds does not apply; under
    # `strict: true` it would abort every rebuild.
    if command == "serve" and dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_build_warning)


def _i18n(config):
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError("kb-runbooks needs the mkdocs-static-i18n plugin ('i18n' in mkdocs.yml)")
    return plugin


@event_priority(0)  # before the i18n plugin's on_config
def _select_languages(config):
    if fast.enabled():
        markdown_reuse.install(mkdocs_pages)
        pygments_reuse.install()
    i18n = _i18n(config)
    try:
        language_subset.before_config(i18n, language_subset.requested())
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    if fast.enabled():  # the plugin's own version compares every entry with every other: minutes at 5,000 pages
        i18n.reconfigure_search_duplicates = lambda entries: search_duplicates.drop_duplicates_in_place(
        entries, [f"{code}/" for code in i18n.build_languages])
    return config


@event_priority(-150)
def _load_corpus(config):
    i18n = _i18n(config)
    _state["lang"] = i18n.current_language
    if fast.enabled():
        lunr_off.disable(config.plugins)  # after the search plugin's own on_config
    # every language build writes into the same site_dir: only the default language writes the root 404
    if i18n.current_language == i18n.default_language:
        config.theme.static_templates.add("404.html")
    else:
        config.theme.static_templates.discard("404.html")
    if not i18n.building:  # a new build cycle (serve rebuilds too)
        _state["site_pages"], _state["page_links"] = {}, []
        search_index.abandon(_state["search_runs"])  # a previous cycle that failed may have left some
        _state["search_runs"] = []
        _state["search"] = preview.needs_search_index(Path(config.site_dir))
        site_dir = Path(config.site_dir)
        # pages are audited as they are written (on_post_page), the other files at the end (_finish_site)
        _state["audit"] = site_finish.new_audit(Path(config.config_file_path).parent / "runbooks",
                                                lambda values: preview.audited_lines(site_dir, values))
    if not i18n.building or _state["corpus"] is None:
        root = Path(config.config_file_path).parent / "runbooks"
        _state["root"] = root
        corpus = loader.load_for_engine(root)  # read once per `python -m hooks build`, else here
        corpus.problems += error_codes.registry_problems()
        _state["redirects"] = redirects.load_checked(root, corpus)[0]  # problems: already in corpus.problems
        errors = [problem for problem in corpus.problems if problem.severity == "error"]
        for problem in corpus.problems:
            if problem.severity != "error":  # leak-lint warnings must not fail a local --strict build
                log.info(str(problem))
        if errors:
            for problem in errors:
                log.error(str(problem))
            raise PluginError(f"{len(errors)} problem(s) in runbooks/; the site was not built. "
                              "Run `make validate` for the list.")
        _state["corpus"] = corpus
        _state["errors"] = error_codes.build_index(corpus)
        _state["code_sources"] = page_sources.code_sources(_state["errors"])
        _state["all_sources"] = page_sources.everything(loader.changed_at)
        build_date.pin(corpus)
        if _state.get("command") == "build" and fast.enabled():
            collector.keep_out_of_collections()
    return config


on_config = CombinedEvent(_select_languages, _load_corpus)


@event_priority(-150)
def on_files(files: Files, config):
    lang = _state["lang"]
    pages = {}
    corpus = _state["corpus"]
    moved = redirect_pages.pages_for_language(_state["redirects"], lang, corpus)
    for redirect in moved:
        files.append(File.generated(config, redirect.src_uri, content=redirect.html))
    if lang == registry.default_language().code:
        for src_uri, path in media.published_assets(Path(config.config_file_path).parent / "runbooks"):
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    generated = [product_pages.index_page(corpus, lang), *site_pages.pages_for_language(corpus, lang),
                 *product_pages.product_pages(corpus, lang), *status_page.pages_for_language(corpus, lang)]
    if fast.enabled():
        generated += error_page_cache.pages_for_language(corpus, _state["errors"], lang, _code_sources_mtime)
    else:
        generated += error_pages.pages_for_language(corpus, _state["errors"], lang)
    known = {file.src_uri for file in files}
    for page in generated:
        if page.kind == "missing" and any(r.runbook_id == page.runbook_id for r in moved):
            continue
        existing = _file_at(files, known, page.src_uri)
        if existing is not None and page.kind != "index":
            raise PluginError(f"docs/ already has a page at {page.src_uri}; runbook URLs are reserved")
        if existing is not None:
            files.remove(existing)
        inclusion = InclusionLevel.INCLUDED if page.kind in NAV_KINDS else InclusionLevel.NOT_IN_NAV
        # thousands of runbook and code pages: their metadata is handed over in on_page_markdown instead
        # of being written as front matter for MkDocs to parse again (a YAML parser per page)
        content = page.markdown if page.kind in FRONT_MATTER_KINDS else page.body
        file = _GeneratedPage.generated(config, page.src_uri, content=content, inclusion=inclusion)
        file.sources_mtime = _sources_mtime(page) if fast.enabled() else None
        file.dest_uri = urls.dest_uri(page.url)
        _GeneratedMarkdownPage(None, file, config).may_be_plain = page.kind != "runbook" and fast.enabled()
        files.append(file)
        known.add(file.src_uri)
        pages[page.src_uri] = page
    _state["pages"] = pages
    settings = plain_markdown.headings(config.markdown_extensions, config.mdx_configs)
    if settings is None and lang == registry.default_language().code:
        log.info("generated pages go through Markdown: mkdocs.yml sets up Markdown in a way plain_markdown does "
                 f"not know ({', '.join(plain_markdown.unknown_extensions(config.markdown_extensions)) or 'toc'})")
    _state["plain"] = (plain_markdown.Verdict(), settings if fast.enabled() else None)
    for file in files.documentation_pages():  # pages listing runbooks change whenever a runbook does
        if file.abs_src_path and not isinstance(file, _GeneratedPage) and _lists_runbooks(file.abs_src_path):
            file.is_modified = lambda: True
    root = Path(config.config_file_path).parent / "runbooks"
    for asset in runbook_assets.assets_for_language(root, lang):
        if _file_at(files, known, asset.src_uri) is None:
            file = File.generated(config, asset.src_uri, abs_src_path=str(asset.path))
            file.dest_uri = asset.dest_uri
            files.append(file)
            known.add(file.src_uri)
    _state["site_pages"].update({f.src_uri: f.url for f in files})  # every language's files, for links
    _state["to_index"] = search_index.pages_to_index((f.dest_uri for f in files.documentation_pages()),
                                                     urls.prefix(lang))
    return files


def _file_at(files: Files, known: set[str], src_uri: str) -> File | None:
    """`files.get_file_from_path(src_uri)`, asked only when one of the paths the i18n plugin's version
    looks at (`<lang>/<path>`, `<default>/<path>`, `<path>`) is a file: it builds those paths on every
    call, for 2,400 generated pages per language (a second of every `make serve` rebuild)."""
    path = src_uri.split("/", 1)[-1]
    if not fast.enabled() or {src_uri, path, f"{registry.default_language().code}/{path}"} & known:
        return files.get_file_from_path(src_uri)
    return None


def _sources_mtime(page: site_pages.SitePage) -> float | None:
    if page.runbook_id:
        return loader.changed_at.get(page.runbook_id)
    if page.kind == "error":
        return _code_sources_mtime(page.url.rstrip("/").rsplit("/", 1)[-1])
    if page.kind in ("errors", error_pages.FAMILY_KIND):
        return _state["all_sources"]
    return None


def _code_sources_mtime(slug: str) -> float | None:
    return page_sources.newest(_state["code_sources"].get(slug, ()), loader.changed_at)


def _lists_runbooks(path: str) -> bool:
    try:
        return home_page.MARKER in Path(path).read_text(encoding="utf-8")
    except OSError:
        return False


def on_env(env, config, files):
    if fast.enabled():
        template_cache.use(env)
    _state["env"] = env
    env.filters["kb_strip_hreflang"] = alternates.strip_theme_links
    env.globals["kb_t"] = lambda key, **values: registry.t(_state["lang"], key, **values)
    # 404.html and sitemap.xml are rendered before the pages: do not let them inherit the last
    # page's switcher from the previous language build
    config.extra.alternate = deepcopy(_i18n(config).extra_alternate)
    return env


def on_template_context(context, template_name, config):
    if template_name == "sitemap.xml":
        context["kb_sitemap"] = alternates.sitemap(config.site_url or "/", _sitemap_pages(context))
    elif template_name == "404.html":
        root = urlsplit(config.site_url or "/").path or "/"
        context["kb_not_found"] = not_found.blocks(root)
        context["kb_site_root"] = root if root.endswith("/") else root + "/"
    return context


def _sitemap_pages(context) -> list[dict[str, str]]:
    corpus = _state["corpus"]
    seen: dict[frozenset, dict[str, str]] = {}
    for i18n_files in (context.get("i18n_alternates") or {}).values():
        for file in i18n_files:
            group = {code: _url(alt.url) for code, alt in sorted(file.alternates.items())} or {"": _url(file.url)}
            seen.setdefault(frozenset(group.items()), group)
    pages = list(seen.values())
    pages.append(alternates.every_language(urls.runbooks_index_url))
    pages.append(alternates.every_language(status_page.status_url))
    default = registry.default_language().code
    for listing in (*product_pages.product_pages(corpus, default), *status_page.todo_pages(corpus, default),
                    *status_page.matrix_pages(corpus, default)):
        pages.append(alternates.every_language(page_languages.same_page_in(listing)))
    pages.append(alternates.every_language(error_pages.errors_index_url))
    pages.extend(alternates.every_language(lambda code, slug=slug: error_pages.error_url(code, slug))
                 for slug in _state["errors"].codes)
    pages.extend(alternates.runbook_alternates(corpus, i) for i in corpus.ids()
                 if not all(r.hidden for r in corpus.translations(i).values()))
    return pages


def _url(url: str) -> str:
    return "" if url in ("./", ".") else url


def _hreflang(page, site_page) -> dict[str, str]:
    if site_page is None:  # a page of docs/: the i18n plugin knows its translations
        return {code: _url(f.url) for code, f in getattr(page.file, "alternates", {}).items()}
    return page_languages.hreflang(_state["corpus"], site_page)


@event_priority(-150)
def on_nav(nav, config, files):
    """A flat navigation: home, then the index pages, each titled in the page language.

    MkDocs would otherwise wrap each index page in a section named after its folder ("Errors",
    "Runbooks"), in English on every language's site.
    """
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


def _site_page(page):
    return _state["pages"].get(page.file.src_uri)


def on_page_markdown(markdown, page, config, files):
    lang = _state["lang"]
    site_page = _site_page(page)
    if site_page is not None and site_page.kind not in FRONT_MATTER_KINDS:
        page.meta = dict(site_page.meta)
    if site_page is not None and site_page.kind == "runbook":
        runbook = _state["corpus"].get(site_page.runbook_id, lang)
        _state["page_links"].append(links.PageLinks(runbook.path, page.file.src_uri, page.url,
                                                    tuple(links.extract(runbook.body, runbook.body_line)), lang))
        return dialect.render(media.render(links.site_relative(markdown, lang), site_page.url, lang), lang)
    if site_page is None and page.file.abs_src_path:
        _state["page_links"].append(links.from_file(Path(page.file.abs_src_path), Path(config.config_file_path).parent,
                                                    page.file.src_uri, page.url, lang))
    if home_page.MARKER in markdown:
        listing = home_page.home_html(_state["corpus"], _state["errors"], lang, page.url)
        markdown = markdown.replace(home_page.MARKER, listing)
    elif site_page is None:
        return markdown
    if fast.enabled():
        markdown, _state["html_blocks"][page.file.src_uri] = html_blocks.stash(markdown)
    return markdown


def on_page_content(html, page, config, files):
    html = ui_text.localize_permalinks(html_blocks.restore(html, _state["html_blocks"].pop(page.file.src_uri, [])),
                                       _state["lang"])
    site_page = _site_page(page)
    if site_page is None or site_page.kind in ("runbook", *error_pages.KINDS):
        page_url = site_page.url if site_page is not None else page.url
        links = _state["errors"].links  # slug as found → slug of its page (short names resolved)
        html = error_links.link_codes(html, error_links.href_resolver(page_url, _state["lang"], links))
    if site_page is not None and site_page.kind == "runbook":
        html = html_safety.sanitize(_H1.sub("", html, count=1))  # before adding our own links
        return references.link_references(html, site_page.url, _state["lang"],
                                          lambda rid, lang: _state["corpus"].get(rid, lang) is not None,
                                          site_page.runbook_id)
    if site_page is not None and site_page.kind == "error":  # a code's page is a search result (search_index)
        return f'<div class="kb-error-page" data-pagefind-body>\n{html}\n</div>'
    return html


@event_priority(-150)
def on_page_context(context, page, config, nav):
    site_page = _site_page(page)
    context["kb_hreflang"] = alternates.link_tags(config.site_url or "/", _hreflang(page, site_page))
    if page.url in ("", "./", urls.home_url(_state["lang"])):  # each language's home: the site's name alone
        context["kb_home"] = True
    if site_page is None:
        return context
    corpus = _state["corpus"]
    if site_page.kind in ("runbook", *error_pages.KINDS):
        context["kb_shell"] = site_page.kind  # mkdocs_page_shells fills these pages into a shell
    if site_page.kind == "runbook":
        runbook = corpus.get(site_page.runbook_id, _state["lang"])
        codes = error_pages.header_codes(_state["errors"], site_page.runbook_id, _state["lang"])
        context["kb_content"] = _state["env"].get_template(RUNBOOK_TEMPLATE).render(
            page=page, runbook=header.header(corpus, runbook, codes), runbook_banners=banners.banners(corpus, runbook),
            runbook_searchable=not runbook.hidden)
    url_in = page_languages.same_page_in(site_page)
    if url_in is not None:
        config.extra.alternate = header.switcher(url_in)
    return context


@event_priority(-200)  # the page as written
def on_post_page(output, page, config):
    _state["audit"].text(page.file.dest_uri, output)
    if fast.enabled():  # else Pagefind starts after the language's build (_index_language)
        _index_when_written(config, page.file.dest_uri)
    return output


def _index_when_written(config, dest_uri: str) -> None:
    """Pagefind starts on this language as soon as every page it indexes is on disk (seen from the next
    page: MkDocs writes a page after its on_post_page), while the other pages of the language (error
    codes, lists) are still being rendered."""
    waiting = _state["to_index"]
    if waiting is None:  # started already
        return
    if not waiting:
        _start_index(config)
    waiting.discard(dest_uri)


@event_priority(0)  # before the i18n plugin builds the other languages
def _language_loop(config):
    language_subset.before_language_loop(_i18n(config), language_subset.requested())


@event_priority(0)
def _index_language(config):
    """This language's pages are written (if the run has not started already): Pagefind indexes them
    while the next language renders."""
    _start_index(config)


def _start_index(config) -> None:
    lang = _state["lang"]
    if _state["to_index"] is None:
        return
    _state["to_index"] = None
    if _state["search"] and (_state["errors"].codes or any(not r.hidden for r in _state["corpus"].in_language(lang))):
        _state["search_runs"].append(search_index.start(Path(config.site_dir), urls.prefix(lang)))


@event_priority(-150)
def _finish_site(config):
    """After the last language: the i18n plugin builds the other languages inside the first build's
    post_build (priority 0), so when ours runs with `building` False every language is on disk."""
    if _i18n(config).building:
        return
    try:
        if language_subset.requested():  # one group of `python -m hooks build`: the parent finishes the site
            site_finish.save_group_state(_state["page_links"], _state["site_pages"], config.site_url or "")
            site_finish.finish_group(Path(config.site_dir), _state["root"], _state["search_runs"], _state["audit"],
                                     any(not r.hidden for r in _state["corpus"].runbooks))
            return
        problems = site_finish.finish(Path(config.site_dir), _state["corpus"], _state["errors"],
                                      config.site_url or "", _state["page_links"], _state["site_pages"],
                                      runbooks_root=_state["root"],
                                      search=_state["search_runs"] if _state["search"] else None,
                                      audited_ns=preview.audit_since, audit=_state["audit"])
    except output_audit.LeakError as exc:
        preview.audit_failed(Path(config.site_dir))
        for problem in exc.problems:
            log.error(str(problem))
        raise PluginError(f"{len(exc.problems)} internal value(s) found in the built site; "
                          "it must not be published.") from exc
    except search_index.SearchIndexError as exc:
        raise PluginError(str(exc)) from exc
    for problem in problems:
        log.warning(str(problem))


@event_priority(0)
def _plain_pages_report(config):
    log.debug(f"{_state['plain'][0].used} generated pages rendered without Markdown ({_state['lang']})")


on_post_build = CombinedEvent(_plain_pages_report, _index_language, _language_loop, _finish_site)


def on_build_error(error):
    search_index.abandon(_state["search_runs"])


def on_serve(server, config, builder):
    server.builder = serve_guard.keep_serving(server.builder, log.error)
    serve_watch.use_native_events(server, log.info)
    return server
