"""Redirect pages for KB articles that moved (runbooks/<lang>/redirects.csv).

Generated as plain HTML files at the article's stable URL, `<lang>/runbooks/<id>/index.html`: a meta
refresh (works on any static host), a canonical link, and a visible link in the page's language. We
chose generated pages over the mkdocs-redirects plugin because that plugin knows nothing of our
per-language URL prefixes and takes its list from mkdocs.yml rather than from imported data.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from hooks.corpus import redirects
from hooks.base import registry
from hooks.base import urls
from hooks.corpus.model import Corpus, display_path
from hooks.base.problems import Problem


@dataclass(frozen=True)
class RedirectPage:
    src_uri: str
    runbook_id: str
    target: str
    html: str


def target_url(row: redirects.Redirect, lang: str, corpus: Corpus, page_url: str) -> str:
    runbook_id = redirects.article_id(row.to)
    if runbook_id and corpus.get(runbook_id, lang) is not None:
        return urls.relative(page_url, urls.runbook_url(lang, runbook_id))
    return row.to


def page(row: redirects.Redirect, lang: str, corpus: Corpus) -> RedirectPage:
    url = urls.runbook_url(lang, row.runbook_id)
    target = html.escape(target_url(row, lang, corpus, url))
    title = html.escape(f"{row.runbook_id} — {registry.t(lang, 'redirect.title')}")
    body = html.escape(registry.t(lang, "redirect.body", id=row.runbook_id))
    text = (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
        f'<meta name="robots" content="noindex">\n<link rel="canonical" href="{target}">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n</head>\n<body>\n<h1>{title}</h1>\n'
        f'<p>{body} <a href="{target}">{target}</a></p>\n</body>\n</html>\n'
    )
    return RedirectPage(f"{url}index.html", row.runbook_id, target, text)


def pages_for_language(found: dict[str, list[redirects.Redirect]], lang: str, corpus: Corpus) -> list[RedirectPage]:
    return [page(row, lang, corpus) for row in sorted(found.get(lang, []), key=lambda r: r.runbook_id)]
