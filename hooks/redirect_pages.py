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

from hooks import redirects, registry, urls
from hooks.corpus import Corpus, display_path
from hooks.problems import Problem


@dataclass(frozen=True)
class RedirectPage:
    src_uri: str
    runbook_id: str
    target: str
    html: str


def load(root: Path, corpus: Corpus) -> tuple[dict[str, list[redirects.Redirect]], list[Problem]]:
    """Every language's redirects; a redirect that would hide a runbook of its language is a problem."""
    def shown(path: Path) -> str:
        return display_path(path, root)

    found, problems = redirects.load_all(root, registry.language_codes(), shown)
    for lang, rows in found.items():
        for row in rows:
            if corpus.get(row.runbook_id, lang) is not None:
                problems.append(Problem(
                    shown(root / lang / redirects.FILE_NAME), row.line, 1, "redirect-hides-runbook",
                    f"{row.runbook_id} is a runbook in {lang} and also redirected",
                    f"remove the row, or remove {lang}/{row.runbook_id}.md"))
    return found, problems


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
