"""The translation status page (runbook × language) and its plain-text twin for the command line."""

from __future__ import annotations

import html

from hooks import registry, translations, urls
from hooks.corpus import Corpus
from hooks.site_pages import SitePage


def status_url(lang: str) -> str:
    return f"{urls.prefix(lang)}translations/"


def status_src_uri(lang: str) -> str:
    return urls.src_uri(lang, "translations/index.md")


def _cell_html(row: translations.Row, code: str, lang: str, page_url: str) -> str:
    cell = row.cells[code]
    label = html.escape(registry.t(lang, f"status.{cell.state}"))
    if cell.runbook is None:
        return f'<td class="kb-status kb-status--{cell.state}">{label}</td>'
    href = html.escape(urls.relative(page_url, urls.runbook_url(code, cell.runbook.id)))
    version = ""
    if cell.runbook.version is not None:
        version = " · " + html.escape(registry.t(lang, "status.version", version=cell.runbook.version))
    return (f'<td class="kb-status kb-status--{cell.state}"><a href="{href}" hreflang="{code}">{label}</a>'
            f'{version}</td>')


def status_page(corpus: Corpus, lang: str) -> SitePage:
    url = status_url(lang)
    rows = translations.status(corpus)
    title = registry.t(lang, "status.title")
    summary = registry.t(lang, "status.summary", up=translations.count(rows, translations.UP_TO_DATE),
                         stale=translations.count(rows, translations.STALE),
                         missing=translations.count(rows, translations.MISSING))
    codes = registry.language_codes()
    head = "".join(f'<th scope="col" lang="{c}">{html.escape(registry.language(c).name)}</th>' for c in codes)
    body = []
    for row in rows:
        cells = "".join(_cell_html(row, code, lang, url) for code in codes)
        body.append(f'<tr data-id="{html.escape(row.id)}"><th scope="row"><code>{html.escape(row.id)}</code> '
                    f'{html.escape(row.title)}</th>{cells}</tr>')
    table = (f'<table class="kb-status-table">\n<thead><tr><th scope="col">'
             f'{html.escape(registry.t(lang, "status.runbook"))}</th>{head}</tr></thead>\n<tbody>\n'
             + "\n".join(body) + "\n</tbody>\n</table>\n")
    markdown = (f"# {title}\n\n"
                f'<p class="kb-status-intro">{html.escape(registry.t(lang, "status.intro"))}</p>\n\n'
                f'<p class="kb-status-summary">{html.escape(summary)}</p>\n\n' + table)
    return SitePage(status_src_uri(lang), url, markdown, "status", meta={"title": title, "search": {"exclude": True}})


def status_text(corpus: Corpus) -> str:
    """The same table for a terminal: one line per runbook, one column per language."""
    codes = registry.language_codes()
    rows = translations.status(corpus)
    width = max([len("runbook"), *(len(r.id) for r in rows)])
    lines = ["runbook".ljust(width) + "".join(f"  {c:<14}" for c in codes)]
    for row in rows:
        cells = []
        for code in codes:
            cell = row.cells[code]
            text = cell.state
            if cell.runbook is not None and cell.runbook.version is not None:
                text += f" v{cell.runbook.version}"
            cells.append(f"  {text:<14}")
        lines.append(row.id.ljust(width) + "".join(cells))
    lines.append(f"{translations.count(rows, translations.UP_TO_DATE)} up to date, "
                 f"{translations.count(rows, translations.STALE)} stale, "
                 f"{translations.count(rows, translations.MISSING)} missing.")
    return "\n".join(lines) + "\n"
