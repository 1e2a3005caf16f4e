"""Which files each language's site has, besides docs/: redirects, pictures, the generated pages (at URLs
reserved for them), runbook attachments; and which of them `mkdocs serve --dirty` rebuilds."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from hooks.base import registry, urls
from hooks.engine import fast
from hooks.engine.fast import error_page_cache, page_keys, page_sources, plain_markdown
from hooks.engine.generated_page import GeneratedFile, GeneratedMarkdownPage
from hooks.engine.session import BuildCycle, LanguageBuild
from hooks.finish import search_index
from hooks.render import media
from hooks.rules import loader
from hooks.site import (
    error_pages,
    home_page,
    product_pages,
    redirect_pages,
    runbook_assets,
    site_pages,
    status_page,
)

log = get_plugin_logger("kb-runbooks")
# Only these generated pages appear in the navigation (navigation.py)
NAV_KINDS = ("index", "errors")
FRONT_MATTER_KINDS = (*NAV_KINDS, "status")  # the few pages whose titles the navigation may read early


def add(files: Files, config: MkDocsConfig, cycle: BuildCycle, language: LanguageBuild) -> Files:
    """Add this language's files to `files`; record its generated pages and what Pagefind will index."""
    lang = language.lang
    corpus = cycle.corpus
    moved = redirect_pages.pages_for_language(cycle.redirects, lang, corpus)
    for redirect in moved:
        files.append(File.generated(config, redirect.src_uri, content=redirect.html))
    root = Path(config.config_file_path).parent / "runbooks"
    if lang == registry.default_language().code:
        for src_uri, path in media.published_assets(root):
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    known = {file.src_uri for file in files}
    pages = {}
    for page in generated_pages(cycle, lang):
        if page.kind == "missing" and any(r.runbook_id == page.runbook_id for r in moved):
            continue
        claim_url(files, known, page)
        inclusion = InclusionLevel.INCLUDED if page.kind in NAV_KINDS else InclusionLevel.NOT_IN_NAV
        # thousands of runbook and code pages: their metadata is handed over in on_page_markdown instead
        # of being written as front matter for MkDocs to parse again (a YAML parser per page)
        content = page.markdown if page.kind in FRONT_MATTER_KINDS else page.body
        file = GeneratedFile.generated(config, page.src_uri, content=content, inclusion=inclusion)
        file.sources_mtime = sources_mtime(cycle, page) if fast.enabled() else None
        file.content_key = page_keys.key(page) if fast.enabled() else None
        file.dest_uri = urls.dest_uri(page.url)
        markdown_page = GeneratedMarkdownPage(None, file, config)
        markdown_page.language = language
        markdown_page.may_be_plain = page.kind != "runbook" and fast.enabled()
        files.append(file)
        known.add(file.src_uri)
        pages[page.src_uri] = page
    language.pages = pages
    settings = plain_markdown.headings(config.markdown_extensions, config.mdx_configs)
    if settings is None and lang == registry.default_language().code:
        log.info("generated pages go through Markdown: mkdocs.yml sets up Markdown in a way plain_markdown does "
                 f"not know ({', '.join(plain_markdown.unknown_extensions(config.markdown_extensions)) or 'toc'})")
    language.plain_verdict, language.plain_settings = plain_markdown.Verdict(), settings if fast.enabled() else None
    for file in files.documentation_pages():  # pages listing runbooks change whenever a runbook does
        if file.abs_src_path and not isinstance(file, GeneratedFile) and _lists_runbooks(file.abs_src_path):
            file.is_modified = lambda: True
    for asset in runbook_assets.assets_for_language(root, lang):
        if _file_at(files, known, asset.src_uri) is None:
            file = File.generated(config, asset.src_uri, abs_src_path=str(asset.path))
            file.dest_uri = asset.dest_uri
            files.append(file)
            known.add(file.src_uri)
    cycle.site_pages.update({f.src_uri: f.url for f in files})  # every language's files, for links
    language.to_index = search_index.pages_to_index((f.dest_uri for f in files.documentation_pages()),
                                                    urls.prefix(lang))
    return files


def generated_pages(cycle: BuildCycle, lang: str) -> list[site_pages.SitePage]:
    """Every page this language's site generates from the corpus."""
    corpus = cycle.corpus
    generated = [product_pages.index_page(corpus, lang), *site_pages.pages_for_language(corpus, lang),
                 *product_pages.product_pages(corpus, lang), *status_page.pages_for_language(corpus, lang)]
    if fast.enabled():
        generated += error_page_cache.pages_for_language(corpus, cycle.errors, lang,
                                                         lambda slug: code_sources_mtime(cycle, slug))
    else:
        generated += error_pages.pages_for_language(corpus, cycle.errors, lang)
    return generated


def claim_url(files: Files, known: set[str], page: site_pages.SitePage) -> None:
    """Make room in `files` for the generated `page`: runbook and code URLs are reserved (a page of docs/
    there is an error); a page of docs/ where an index page goes is replaced by it."""
    existing = _file_at(files, known, page.src_uri)
    if existing is not None and page.kind != "index":
        raise PluginError(f"docs/ already has a page at {page.src_uri}; runbook URLs are reserved")
    if existing is not None:
        files.remove(existing)


def _file_at(files: Files, known: set[str], src_uri: str) -> File | None:
    """`files.get_file_from_path(src_uri)`, asked only when one of the paths the i18n plugin's version
    looks at (`<lang>/<path>`, `<default>/<path>`, `<path>`) is a file: it builds those paths on every
    call, for 2,400 generated pages per language (a second of every `make serve` rebuild)."""
    path = src_uri.split("/", 1)[-1]
    if not fast.enabled() or {src_uri, path, f"{registry.default_language().code}/{path}"} & known:
        return files.get_file_from_path(src_uri)
    return None


def sources_mtime(cycle: BuildCycle, page: site_pages.SitePage) -> float | None:
    """The newest change of the runbook files `page` is made from; None: rebuild it every time."""
    if page.runbook_id:
        return loader.changed_at.get(page.runbook_id)
    if page.kind == "error":
        return code_sources_mtime(cycle, page.url.rstrip("/").rsplit("/", 1)[-1])
    if page.kind in ("errors", error_pages.FAMILY_KIND):
        return cycle.all_sources
    return None


def code_sources_mtime(cycle: BuildCycle, slug: str) -> float | None:
    return page_sources.newest(cycle.code_sources.get(slug, ()), loader.changed_at)


def _lists_runbooks(path: str) -> bool:
    try:
        return home_page.MARKER in Path(path).read_text(encoding="utf-8")
    except OSError:
        return False
