"""Translation status, for translators: `/<lang>/translations/` sums up each language and links its to-do
list (`translations/<code>/`: stale translations first, then missing ones, filterable, in pages of bounded
size); the whole runbook × language matrix is on `translations/all/` (paged too). Plus the plain-text
matrix for the command line (`python -m hooks translations`).

Every fact comes from hooks/corpus/translations.py (`status`, computed once per corpus).
"""

from __future__ import annotations

import html

from hooks.site import pagination
from hooks.base import registry
from hooks.corpus import translations
from hooks.base import urls
from hooks.corpus.model import Corpus
from hooks.site.site_pages import SitePage

KINDS = ("status", "status-todo", "status-matrix")
MATRIX = "all"
MATRIX_ROWS = 100  # a matrix row is ~5 times a list entry: pages of 100 rows stay under 100 KB


def status_url(lang: str) -> str:
    return f"{urls.prefix(lang)}translations/"


def todo_url(lang: str, code: str, number: int = 1) -> str:
    return pagination.page_url(f"{status_url(lang)}{code}/", number)


def matrix_url(lang: str, number: int = 1) -> str:
    return pagination.page_url(f"{status_url(lang)}{MATRIX}/", number)


def status_src_uri(lang: str) -> str:
    return urls.src_uri(lang, "translations/index.md")


def _src(lang: str, folder: str, number: int) -> str:
    return urls.src_uri(lang, f"translations/{folder}/{'index' if number == 1 else number}.md")


def _a(text: str, from_url: str, to_url: str, lang: str | None = None) -> str:
    attrs = f' hreflang="{lang}"' if lang else ""
    return f'<a href="{html.escape(urls.relative(from_url, to_url))}"{attrs}>{html.escape(text)}</a>'


def _name(code: str) -> str:
    return registry.language(code).name


def todo(rows: list[translations.Row], code: str) -> list[translations.Row]:
    """The rows where `code` needs work: stale ones first, then missing ones, each by id."""
    order = {translations.STALE: 0, translations.MISSING: 1}
    return sorted((r for r in rows if r.cells[code].state in order), key=lambda r: (order[r.cells[code].state], r.id))


def source(row: translations.Row) -> tuple[str, translations.Cell] | None:
    """The language and cell of the newest version in a row (what to translate from)."""
    best = None
    for code, cell in row.cells.items():
        if cell.runbook is not None and (best is None or translations.freshness(cell.runbook)
                                         > translations.freshness(best[1].runbook)):
            best = (code, cell)
    return best


def _version(lang: str, cell: translations.Cell) -> str:
    if cell.runbook is None or cell.runbook.version is None:
        return ""
    return registry.t(lang, "status.version", version=cell.runbook.version)


def _summary(rows: list[translations.Row], lang: str, url: str) -> str:
    t = registry.t
    head = "".join(f'<th scope="col">{html.escape(t(lang, f"status.{s}"))}</th>' for s in translations.STATES)
    body = []
    for code in registry.language_codes():
        counts = {s: sum(1 for r in rows if r.cells[code].state == s) for s in translations.STATES}
        cells = "".join(f'<td class="kb-num">{counts[s]}</td>' for s in translations.STATES)
        work = counts[translations.STALE] + counts[translations.MISSING]
        action = _a(t(lang, "status.todo_link", count=work), url, todo_url(lang, code)) if work else html.escape(
            t(lang, "status.nothing"))
        body.append(f'<tr><th scope="row" lang="{code}">{html.escape(_name(code))}</th>{cells}<td>{action}</td></tr>')
    return (f'<div class="kb-table-scroll"><table class="kb-table kb-status-summary-table">\n<thead><tr>'
            f'<th scope="col">{html.escape(t(lang, "status.language"))}</th>{head}'
            f'<th scope="col">{html.escape(t(lang, "status.todo"))}</th></tr></thead>\n<tbody>\n'
            + "\n".join(body) + "\n</tbody>\n</table></div>\n")


def status_page(corpus: Corpus, lang: str) -> SitePage:
    url = status_url(lang)
    rows = translations.status(corpus)
    t = registry.t
    title = t(lang, "status.title")
    summary = t(lang, "status.summary", up=translations.count(rows, translations.UP_TO_DATE),
                stale=translations.count(rows, translations.STALE),
                missing=translations.count(rows, translations.MISSING))
    markdown = (f"# {title}\n\n"
                f'<p class="kb-status-intro">{html.escape(t(lang, "status.intro"))}</p>\n\n'
                f'<p class="kb-status-summary">{html.escape(summary)}</p>\n\n' + _summary(rows, lang, url)
                + f'\n<p class="kb-status-matrix-link">{_a(t(lang, "status.matrix_link"), url, matrix_url(lang))}'
                '</p>\n')
    return SitePage(status_src_uri(lang), url, markdown, "status", meta={"title": title, "search": {"exclude": True}})


def _filter(lang: str) -> str:
    t = registry.t
    boxes = "".join(f'<label><input type="checkbox" value="{s}" checked> {html.escape(t(lang, f"status.{s}"))}</label>'
                    for s in (translations.STALE, translations.MISSING))
    return (f'<form class="kb-filter" data-kb-filter="kb-todo" hidden>'
            f'<label>{html.escape(t(lang, "status.filter"))} '
            f'<input type="search" name="q" autocomplete="off" spellcheck="false"></label> {boxes}</form>\n')


def _todo_row(row: translations.Row, code: str, lang: str, url: str) -> str:
    t = registry.t
    cell = row.cells[code]
    state = html.escape(t(lang, f"status.{cell.state}"))
    name = (f'<code class="kb-id">{html.escape(row.id)}</code> {html.escape(row.title)}')
    if cell.runbook is not None:
        name = (f'<a href="{html.escape(urls.relative(url, urls.runbook_url(code, cell.runbook.id)))}" '
                f'hreflang="{code}"><code class="kb-id">{html.escape(row.id)}</code></a> {html.escape(row.title)}')
        state += f' <span class="kb-version">{html.escape(_version(lang, cell))}</span>'
    newest = source(row)
    origin = ""
    if newest is not None:
        src_code, src_cell = newest
        label = f"{_name(src_code)} {_version(lang, src_cell)}".strip()
        origin = _a(label, url, urls.runbook_url(src_code, src_cell.runbook.id), src_code)
    return (f'<tr data-state="{cell.state}"><td>{name}</td>'
            f'<td class="kb-status kb-status--{cell.state}">{state}</td><td>{origin}</td></tr>')


def todo_pages(corpus: Corpus, lang: str) -> list[SitePage]:
    """For each language, its stale and missing translations, in pages of at most pagination.PAGE_SIZE."""
    rows = translations.status(corpus)
    t = registry.t
    result = []
    for code in registry.language_codes():
        work = todo(rows, code)
        chunks = pagination.pages(work)
        base = todo_url(lang, code)
        stale = sum(1 for r in work if r.cells[code].state == translations.STALE)
        for number, chunk in enumerate(chunks, start=1):
            url = pagination.page_url(base, number)
            title = t(lang, "status.todo_title", language=_name(code))
            if len(chunks) > 1:
                title += f" ({t(lang, 'pages.of', number=number, count=len(chunks))})"
            counts = t(lang, "status.todo_summary", stale=stale, missing=len(work) - stale)
            parts = [f"# {html.escape(title)}\n",
                     f'<p class="kb-status-summary">{html.escape(counts)}</p>\n',
                     f'<p class="kb-back">{_a(t(lang, "status.title"), url, status_url(lang))}</p>\n']
            if not work:
                parts.append(f'<p class="kb-empty">{html.escape(t(lang, "status.nothing"))}</p>\n')
            else:
                pager = pagination.nav(lang, base, number, len(chunks))
                head = "".join(f'<th scope="col">{html.escape(t(lang, key))}</th>'
                               for key in ("status.runbook", "status.state", "status.source"))
                parts.append(_filter(lang) + pager
                             + f'<div class="kb-table-scroll"><table class="kb-table kb-todo-table" id="kb-todo">\n'
                             f"<thead><tr>{head}</tr></thead>\n<tbody>\n"
                             + "\n".join(_todo_row(r, code, lang, url) for r in chunk)
                             + "\n</tbody>\n</table></div>\n" + pager)
            result.append(SitePage(_src(lang, code, number), url, "\n".join(parts), "status-todo",
                                   meta={"title": html.escape(title), "search": {"exclude": True}}))
    return result


def _cell_html(row: translations.Row, code: str, lang: str, page_url: str) -> str:
    cell = row.cells[code]
    label = html.escape(registry.t(lang, f"status.{cell.state}"))
    if cell.runbook is None:
        return f'<td class="kb-status kb-status--{cell.state}">{label}</td>'
    href = html.escape(urls.relative(page_url, urls.runbook_url(code, cell.runbook.id)))
    version = ""
    if cell.runbook.version is not None:
        version = f' <span class="kb-version">v{cell.runbook.version}</span>'
    return f'<td class="kb-status kb-status--{cell.state}"><a href="{href}" hreflang="{code}">{label}</a>{version}</td>'


def matrix_pages(corpus: Corpus, lang: str) -> list[SitePage]:
    """Every runbook × every language, in pages of at most MATRIX_ROWS rows."""
    rows = translations.status(corpus)
    codes = registry.language_codes()
    t = registry.t
    head = "".join(f'<th scope="col" lang="{c}"><span class="kb-wide">{html.escape(_name(c))}</span>'
                   f'<abbr class="kb-narrow" title="{html.escape(_name(c))}">{c}</abbr></th>' for c in codes)
    chunks = pagination.pages(rows, MATRIX_ROWS)
    base = matrix_url(lang)
    result = []
    for number, chunk in enumerate(chunks, start=1):
        url = pagination.page_url(base, number)
        title = t(lang, "status.matrix_title")
        if len(chunks) > 1:
            title += f" ({t(lang, 'pages.of', number=number, count=len(chunks))})"
        body = [f'<tr data-id="{html.escape(row.id)}"><th scope="row"><code class="kb-id">{html.escape(row.id)}</code> '
                f'{html.escape(row.title)}</th>' + "".join(_cell_html(row, c, lang, url) for c in codes) + "</tr>"
                for row in chunk]
        pager = pagination.nav(lang, base, number, len(chunks))
        table = (f'<div class="kb-table-scroll"><table class="kb-table kb-status-table">\n<thead><tr><th scope="col">'
                 f'{html.escape(t(lang, "status.runbook"))}</th>{head}</tr></thead>\n<tbody>\n'
                 + "\n".join(body) + "\n</tbody>\n</table></div>\n")
        markdown = (f"# {html.escape(title)}\n\n"
                    f'<p class="kb-back">{_a(t(lang, "status.title"), url, status_url(lang))}</p>\n\n'
                    + pager + table + pager)
        result.append(SitePage(_src(lang, MATRIX, number), url, markdown, "status-matrix",
                               meta={"title": html.escape(title), "search": {"exclude": True}}))
    return result


def pages_for_language(corpus: Corpus, lang: str) -> list[SitePage]:
    return [status_page(corpus, lang), *todo_pages(corpus, lang), *matrix_pages(corpus, lang)]


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
