"""Which URLs are real translations of a page: for <link rel="alternate" hreflang> and the sitemap.

Only pages that exist in a language are named: a "not available in this language" page is not a
translation, so it is never an alternate and is not listed in the sitemap (it is `noindex`).
All URLs returned are absolute (built on `site_url`), as search engines require.
"""

from __future__ import annotations

import html
import re

from hooks.base import registry
from hooks.base import urls
from hooks.corpus.model import Corpus

_HREFLANG_LINK = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def runbook_alternates(corpus: Corpus, runbook_id: str) -> dict[str, str]:
    """Language → site-root-relative URL of every real translation of a runbook."""
    return {code: urls.runbook_url(code, runbook_id) for code in corpus.translations(runbook_id)}


def every_language(url_for) -> dict[str, str]:
    return {code: url_for(code) for code in registry.language_codes()}


def link_tags(site_url: str, alternates: dict[str, str]) -> str:
    """The <link rel="alternate" hreflang> tags of a page; none when it has no other real translation."""
    if len(alternates) < 2:
        return ""
    return "\n".join(f'<link rel="alternate" hreflang="{code}" href="{html.escape(urls.absolute(site_url, url))}">'
                     for code, url in alternates.items())


def strip_theme_links(head: str) -> str:
    """Remove Material's hreflang links (relative, one per configured language, real or not)."""
    return _HREFLANG_LINK.sub("", head)


_last_sitemap: dict[tuple, str] = {}  # lives: the process (the last sitemap made, reused while pages are the same)


def sitemap(site_url: str, pages: list[dict[str, str]]) -> str:
    """A sitemap listing each page once per language with its real alternates; no dates (reproducible).

    Every language build, and every `make serve` rebuild, asks for it again; it only changes when pages
    come or go, so the last one is kept."""
    key = (site_url, tuple(tuple(alternates.items()) for alternates in pages))
    if key not in _last_sitemap:
        _last_sitemap.clear()
        _last_sitemap[key] = _sitemap(site_url, pages)
    return _last_sitemap[key]


def _sitemap(site_url: str, pages: list[dict[str, str]]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    entries = []
    for alternates in pages:
        for url in alternates.values():
            entries.append((url, alternates))
    for url, alternates in sorted(entries, key=lambda e: e[0]):
        lines.append("  <url>")
        lines.append(f"    <loc>{html.escape(urls.absolute(site_url, url))}</loc>")
        if len(alternates) > 1:
            for code, alt in alternates.items():
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{code}" '
                             f'href="{html.escape(urls.absolute(site_url, alt))}"/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
