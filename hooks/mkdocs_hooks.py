"""MkDocs entry points. Thin on purpose: every decision lives in a module that does not know MkDocs.

mkdocs-static-i18n runs the whole build once per language. Its `building` flag is False only for the
first build of a cycle (`mkdocs build`, or each rebuild under `mkdocs serve`): that is when the corpus is
read and validated, once, for all languages. Our events run after the plugin's (priority -150 < -100)
so that `current_language` is already set and our generated files are not re-filtered.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

if str(Path(__file__).resolve().parent.parent) not in sys.path:  # `mkdocs` run outside `make`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from hooks import api_json, dialect, error_codes, error_links, error_pages, header, schema_publish, site_pages, urls
from hooks import corpus as corpus_module

log = get_plugin_logger("kb-runbooks")

_state: dict = {"corpus": None, "lang": "en", "pages": {}, "errors": None}
RUNBOOK_LIST_MARKER = "<!-- runbook-list -->"
# Only these generated pages appear in the navigation; runbook and code pages are reached through them,
# so no page carries a navigation that grows with the number of runbooks.
NAV_KINDS = ("index", "errors")
_H1 = re.compile(r"<h1[^>]*>.*?</h1>\s*", re.DOTALL)


def _i18n(config):
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError("kb-runbooks needs the mkdocs-static-i18n plugin ('i18n' in mkdocs.yml)")
    return plugin


@event_priority(-150)
def on_config(config):
    i18n = _i18n(config)
    _state["lang"] = i18n.current_language
    if not i18n.building or _state["corpus"] is None:
        root = Path(config.config_file_path).parent / "runbooks"
        corpus = corpus_module.load(root)
        corpus.problems += error_codes.registry_problems()
        if corpus.problems:
            for problem in corpus.problems:
                log.error(str(problem))
            raise PluginError(f"{len(corpus.problems)} problem(s) in runbooks/; the site was not built. "
                              "Run `make validate` for the list.")
        _state["corpus"] = corpus
        _state["errors"] = error_codes.build_index(corpus)
    return config


@event_priority(-150)
def on_files(files: Files, config):
    lang = _state["lang"]
    pages = {}
    generated = site_pages.pages_for_language(_state["corpus"], lang)
    generated += error_pages.pages_for_language(_state["corpus"], _state["errors"], lang)
    for page in generated:
        if files.get_file_from_path(page.src_uri) is not None and page.kind != "index":
            raise PluginError(f"docs/ already has a page at {page.src_uri}; runbook URLs are reserved")
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            files.remove(existing)
        inclusion = InclusionLevel.INCLUDED if page.kind in NAV_KINDS else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion)
        file.dest_uri = urls.dest_uri(page.url)
        files.append(file)
        pages[page.src_uri] = page
    _state["pages"] = pages
    return files


def _site_page(page):
    return _state["pages"].get(page.file.src_uri)


def on_page_markdown(markdown, page, config, files):
    lang = _state["lang"]
    site_page = _site_page(page)
    if site_page is not None and site_page.kind == "runbook":
        return dialect.render(markdown, lang)
    if RUNBOOK_LIST_MARKER in markdown:
        listing = site_pages.runbook_list(_state["corpus"], lang, page.url)
        return markdown.replace(RUNBOOK_LIST_MARKER, listing)
    return markdown


def on_page_content(html, page, config, files):
    site_page = _site_page(page)
    if site_page is None or site_page.kind in ("runbook", *error_pages.KINDS):
        page_url = site_page.url if site_page is not None else page.url
        known = set(_state["errors"].codes)
        html = error_links.link_codes(html, error_links.href_resolver(page_url, _state["lang"], known))
    if site_page is not None and site_page.kind == "runbook":
        return _H1.sub("", html, count=1)
    return html


@event_priority(-150)
def on_page_context(context, page, config, nav):
    site_page = _site_page(page)
    if site_page is None:
        return context
    corpus = _state["corpus"]
    if site_page.kind == "runbook":
        context["runbook"] = header.header(corpus, corpus.get(site_page.runbook_id, _state["lang"]),
                                           error_pages.header_codes(_state["errors"], site_page.runbook_id,
                                                                    _state["lang"]))
    if site_page.runbook_id:
        config.extra.alternate = header.switcher(site_page.runbook_id, site_page.url)
    elif site_page.kind in error_pages.KINDS:
        config.extra.alternate = error_pages.switcher(site_page)
    elif site_page.kind == "index":
        config.extra.alternate = [
            {**alt, "link": urls.runbooks_index_url(alt["lang"])} for alt in header.switcher("", "")
        ]
    return context


@event_priority(-150)
def on_post_build(config):
    if not _i18n(config).building:  # the last call of a cycle: every language is built
        api_json.write(Path(config.site_dir), _state["corpus"], _state["errors"], config.site_url or "")
        schema_publish.publish(Path(config.site_dir))
