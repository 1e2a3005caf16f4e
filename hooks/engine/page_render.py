"""The render pipeline, per kind of page: what each MkDocs page event does to a runbook page, an error
code's page, another generated page, or a page of docs/ (`site_page` None).

- Markdown: a runbook's text gets site-relative links, pictures and the KB dialect; its links are kept
  for the link check, as are those of docs/ pages. The home page's listing replaces its marker.
  Generated pages other than the few with front matter get their metadata here.
- HTML: permalinks localized; error codes linked in runbooks, code pages and docs/ pages; a runbook
  loses its first heading (the header shows the title), is sanitized, and links other runbooks; a code's
  page is wrapped as a search result.
- Template context: hreflang links, the home flag, the page shell kind (fast/shell_filling.py), the
  runbook header, and the language switcher pointing at the same page in each language.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from hooks.base import urls
from hooks.engine import fast
from hooks.engine.fast import html_blocks
from hooks.engine.session import BuildCycle, LanguageBuild
from hooks.engine.site_files import FRONT_MATTER_KINDS
from hooks.engine.sitemap import url_of
from hooks.finish import links
from hooks.render import dialect, error_links, media, references
from hooks.rules import html_safety
from hooks.site import alternates, banners, error_pages, header, home_page, page_languages, ui_text
from hooks.site.site_pages import SitePage

RUNBOOK_TEMPLATE = "partials/runbook.html"  # a runbook page's content: header, banners, the runbook
_H1 = re.compile(r"<h1[^>]*>.*?</h1>\s*", re.DOTALL)


def markdown(text: str, page: Page, site_page: SitePage | None, cycle: BuildCycle, language: LanguageBuild,
             repo: Path) -> str:
    """The page's Markdown as MkDocs is to convert it. `repo`: the folder of mkdocs.yml."""
    lang = language.lang
    if site_page is not None and site_page.kind not in FRONT_MATTER_KINDS:
        page.meta = dict(site_page.meta)
    if site_page is not None and site_page.kind == "runbook":
        runbook = cycle.corpus.get(site_page.runbook_id, lang)
        cycle.page_links.append(links.PageLinks(runbook.path, page.file.src_uri, page.url,
                                                tuple(links.extract(runbook.body, runbook.body_line)), lang))
        return dialect.render(media.render(links.site_relative(text, lang), site_page.url, lang), lang)
    if site_page is None and page.file.abs_src_path:
        cycle.page_links.append(links.from_file(Path(page.file.abs_src_path), repo, page.file.src_uri,
                                                page.url, lang))
    if home_page.MARKER in text:
        text = text.replace(home_page.MARKER, home_page.home_html(cycle.corpus, cycle.errors, lang, page.url))
    elif site_page is None:
        return text
    if fast.enabled():
        text, language.html_blocks[page.file.src_uri] = html_blocks.stash(text)
    return text


def content(html: str, page: Page, site_page: SitePage | None, cycle: BuildCycle, language: LanguageBuild) -> str:
    """The page's HTML once Markdown converted it."""
    lang = language.lang
    html = ui_text.localize_permalinks(html_blocks.restore(html, language.html_blocks.pop(page.file.src_uri, [])),
                                       lang)
    if site_page is None or site_page.kind in ("runbook", *error_pages.KINDS):
        page_url = site_page.url if site_page is not None else page.url
        resolve = error_links.href_resolver(page_url, lang, cycle.errors.links)  # slug as found → its page
        html = error_links.link_codes(html, resolve)
    if site_page is not None and site_page.kind == "runbook":
        html = html_safety.sanitize(_H1.sub("", html, count=1))  # before adding our own links
        return references.link_references(html, site_page.url, lang,
                                          lambda rid, code: cycle.corpus.get(rid, code) is not None,
                                          site_page.runbook_id)
    if site_page is not None and site_page.kind == "error":  # a code's page is a search result (search_index)
        return f'<div class="kb-error-page" data-pagefind-body>\n{html}\n</div>'
    return html


def context(values: dict, page: Page, site_page: SitePage | None, cycle: BuildCycle, language: LanguageBuild,
            config: MkDocsConfig) -> dict:
    """The page's template context, with what hooks/theme reads (kb_*); may set the language switcher."""
    values["kb_hreflang"] = alternates.link_tags(config.site_url or "/", hreflang(page, site_page, cycle))
    if page.url in ("", "./", urls.home_url(language.lang)):  # each language's home: the site's name alone
        values["kb_home"] = True
    if site_page is None:
        return values
    if site_page.kind in ("runbook", *error_pages.KINDS):
        values["kb_shell"] = site_page.kind  # fast/shell_filling.py fills these pages into a shell
    if site_page.kind == "runbook":
        runbook = cycle.corpus.get(site_page.runbook_id, language.lang)
        codes = error_pages.header_codes(cycle.errors, site_page.runbook_id, language.lang)
        values["kb_content"] = language.env.get_template(RUNBOOK_TEMPLATE).render(
            page=page, runbook=header.header(cycle.corpus, runbook, codes),
            runbook_banners=banners.banners(cycle.corpus, runbook), runbook_searchable=not runbook.hidden)
    url_in = page_languages.same_page_in(site_page)
    if url_in is not None:
        config.extra.alternate = header.switcher(url_in)
    return values


def hreflang(page: Page, site_page: SitePage | None, cycle: BuildCycle) -> dict[str, str]:
    """{language code: URL} of the page's versions."""
    if site_page is None:  # a page of docs/: the i18n plugin knows its translations
        return {code: url_of(f.url) for code, f in getattr(page.file, "alternates", {}).items()}
    return page_languages.hreflang(cycle.corpus, site_page)
