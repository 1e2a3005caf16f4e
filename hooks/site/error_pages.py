"""The error-code pages of each language: `/<lang>/errors/` (every code, by family) and
`/<lang>/errors/<CODE>/` (family, sample messages, the runbooks quoting it here, then elsewhere).

Every code found in any language gets a page in every language. Plain data in, Markdown out.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from hooks.site import error_messages
from hooks.site import pagination
from hooks.base import registry
from hooks.base import urls
from hooks.corpus.model import Corpus, Runbook
from hooks.corpus.error_codes import ErrorCode, ErrorIndex, css_class, family_name, slug_of
from hooks.site.site_pages import SitePage, link

KINDS = ("errors", "error")


def errors_index_url(lang: str) -> str:
    return f"{urls.prefix(lang)}errors/"


def error_url(lang: str, slug: str) -> str:
    return f"{urls.prefix(lang)}errors/{slug}/"


def _runbooks(corpus: Corpus, code: ErrorCode, lang: str) -> list[Runbook]:
    found = (corpus.get(rid, lang) for rid in code.runbooks.get(lang, []))
    return sorted((r for r in found if r is not None and not r.hidden), key=lambda r: (r.title.lower(), r.id))


def _messages_html(corpus: Corpus, code: ErrorCode, lang: str) -> str:
    """The messages seen after the code in `lang`'s runbooks; another language's (labelled) only when
    `lang` has none."""
    shown_lang, messages = error_messages.for_page(error_messages.by_language(corpus).get(code.slug, {}), lang)
    if not messages:
        return ""
    t = registry.t
    note = ""
    if shown_lang != lang:
        note = (f'<p class="kb-error-messages-lang" data-pagefind-ignore>'
                f'{html.escape(t(lang, "errors.messages_from", language=registry.language(shown_lang).name))}</p>\n')
    items = "\n".join(f"<li><code>{html.escape(message)}</code></li>" for message in messages)
    return (f"## {t(lang, 'errors.messages')} {{: data-pagefind-ignore='' }}\n\n{note}"
            f'<ul class="kb-error-messages" lang="{shown_lang}">\n{items}\n</ul>\n')


def _elsewhere_html(corpus: Corpus, code: ErrorCode, lang: str, url: str, listed: set[str]) -> str:
    """The runbooks quoting the code only in other languages: one line each, under its title in the first
    of those languages, with a link to each language that has it."""
    by_id: dict[str, dict[str, Runbook]] = {}
    for other in registry.language_codes():
        if other != lang:
            for runbook in _runbooks(corpus, code, other):
                if runbook.id not in listed:
                    by_id.setdefault(runbook.id, {})[other] = runbook
    if not by_id:
        return ""
    items = []
    for runbook_id, versions in sorted(by_id.items(), key=lambda item: (next(iter(item[1].values())).title.lower(),
                                                                          item[0])):
        first_lang, first = next(iter(versions.items()))
        langs = " ".join(link(registry.language(other).name, url, urls.runbook_url(other, runbook_id), other,
                            cls="kb-lang-badge") for other in versions)
        items.append(f'<li>{link(first.title, url, urls.runbook_url(first_lang, runbook_id), first_lang)} '
                     f'<code class="kb-id">{html.escape(runbook_id)}</code> <span class="kb-langs">{langs}</span></li>')
    return '<ul class="kb-runbook-list kb-error-elsewhere" data-pagefind-ignore>\n' + "\n".join(items) + "\n</ul>\n"


def code_page(corpus: Corpus, code: ErrorCode, lang: str, index: ErrorIndex | None = None) -> SitePage:
    url = error_url(lang, code.slug)
    t = registry.t
    description = code.family.description[lang]
    family = t(lang, "errors.family", family=family_name(code.family, lang))
    parts = [f"# {code.code}\n",
             f'<p class="kb-error-family" data-pagefind-ignore><strong>{html.escape(family)}</strong> — '
             f'{html.escape(description)}</p>\n']
    parts += _names(index, code, lang, url) if index is not None else []
    parts.append(_messages_html(corpus, code, lang))
    here = _runbooks(corpus, code, lang)
    parts.append(f"## {t(lang, 'errors.here')} {{: data-pagefind-ignore='' }}\n")
    if here:
        items = "\n".join(f'<li>{link(r.title, url, urls.runbook_url(lang, r.id))} '
                          f'<code class="kb-id">{html.escape(r.id)}</code></li>' for r in here)
        parts.append(f'<ul class="kb-runbook-list kb-error-here" data-pagefind-ignore>\n{items}\n</ul>\n')
    else:
        parts.append(f'<p class="kb-empty" data-pagefind-ignore>{html.escape(t(lang, "errors.none_here"))}</p>\n')
    elsewhere = _elsewhere_html(corpus, code, lang, url, {r.id for r in here})
    if elsewhere:
        parts.append(f"## {t(lang, 'errors.elsewhere')} {{: data-pagefind-ignore='' }}\n\n{elsewhere}")
    back = link(t(lang, "errors.back"), url, errors_index_url(lang))
    parts.append(f'<p class="kb-error-back" data-pagefind-ignore>{back}</p>\n')
    meta = {"title": code.code, "description": description}
    return SitePage(urls.src_uri(lang, f"errors/{code.slug}.md"), url, "\n".join(parts), "error", meta=meta)


def _code_link(index: ErrorIndex, slug: str, url: str, lang: str) -> str:
    code = index.codes[slug].code
    return link(code, url, error_url(lang, slug), cls=css_class(code))


def _names(index: ErrorIndex, code: ErrorCode, lang: str, url: str) -> list[str]:
    """An exception's simple and qualified names, and the other classes of the same simple name; for a
    simple name of several classes (a choice entry), the classes to choose from."""
    t = registry.t
    if code.choices:
        items = "\n".join(
            f'<li>{_code_link(index, slug, url, lang)} <span class="kb-count">'
            f'{html.escape(t(lang, "errors.runbook_count", count=index.codes[slug].runbook_count()))}</span></li>'
            for slug in code.choices)
        return [f'<p class="kb-error-choice-intro">{html.escape(t(lang, "errors.choice"))}</p>\n',
                f'<ul class="kb-error-choices">\n{items}\n</ul>\n']
    if code.family.kind != "exception" or code.short_name == code.code:
        return []
    rows = ((t(lang, "errors.simple_name"), code.short_name), (t(lang, "errors.qualified_name"), code.code))
    names = ('<dl class="kb-error-names">' + "".join(f"<dt>{html.escape(term)}</dt><dd><code>{html.escape(name)}</code>"
                                                     "</dd>" for term, name in rows) + "</dl>\n")
    choice = index.codes.get(index.links.get(slug_of(code.short_name), ""))
    if choice is None or not choice.choices:
        return [names]
    others = "\n".join(f'<li>{_code_link(index, slug, url, lang)}</li>'
                       for slug in choice.choices if slug != code.slug)
    return [names, f"<p>{html.escape(t(lang, 'errors.same_name'))}</p>\n"
                   f'<ul class="kb-error-same-name">\n{others}\n</ul>\n']


INDEX_ROWS = 25  # codes of a family shown on the index; the rest on the family's own pages
FAMILY_KIND = "error-family"


def family_url(lang: str, family_id: str, number: int = 1) -> str:
    return pagination.page_url(f"{urls.prefix(lang)}errors/family/{family_id.lower()}/", number)


def _table(corpus: Corpus, codes: list[ErrorCode], lang: str, url: str, family_id: str) -> str:
    t = registry.t
    head = (f"<thead><tr><th>{html.escape(t(lang, 'errors.column_code'))}</th>"
            f"<th>{html.escape(t(lang, 'errors.column_here'))}</th>"
            f"<th>{html.escape(t(lang, 'errors.column_all'))}</th></tr></thead>")
    rows = "\n".join(
        f'<tr><td>{link(code.code, url, error_url(lang, code.slug), cls=css_class(code.code))}</td>'
        f"<td>{len(_runbooks(corpus, code, lang))}</td><td>{code.runbook_count()}</td></tr>"
        for code in codes)
    return (f'<table class="kb-error-table" data-family="{html.escape(family_id)}">{head}<tbody>\n{rows}\n'
            "</tbody></table>\n")


def most_quoted(codes: list[ErrorCode], count: int = INDEX_ROWS) -> list[ErrorCode]:
    """The `count` codes quoted by the most runbooks, in the family's order."""
    kept = {c.slug for c in sorted(codes, key=lambda c: (-c.runbook_count(), c.code))[:count]}
    return [c for c in codes if c.slug in kept]


def index_page(corpus: Corpus, index: ErrorIndex, lang: str) -> SitePage:
    """`/<lang>/errors/`: every family with its count and description, and its most quoted codes: a page
    whose size depends on the number of families, not of codes (the rest is on family_pages)."""
    url = errors_index_url(lang)
    t = registry.t
    title = t(lang, "errors.title")
    parts = [f"# {title}\n", f'<p class="kb-error-intro">{html.escape(t(lang, "errors.intro"))}</p>\n',
             f'<p class="kb-count">{html.escape(t(lang, "errors.total", count=index.code_count()))}</p>\n']
    for family, codes in index.by_family(choices=False).items():
        shown = most_quoted(codes)
        more = ""
        if len(shown) < len(codes):
            more = (f'<p class="kb-error-family-more">'
                    f'{link(t(lang, "errors.family_all", count=len(codes)), url, family_url(lang, family.id))}</p>\n')
        parts.append(f"## {family_name(family, lang)} {{#family-{family.id.lower()}}}\n\n"
                     f'<p class="kb-error-family"><span class="kb-count">'
                     f'{html.escape(t(lang, "errors.family_count", count=len(codes)))}</span> — '
                     f"{html.escape(family.description[lang])}</p>\n\n"
                     + (f'<p>{html.escape(t(lang, "errors.family_top", shown=len(shown)))}</p>\n' if more else "")
                     + _table(corpus, shown, lang, url, family.id) + more)
    return SitePage(urls.src_uri(lang, "errors/index.md"), url, "\n".join(parts), "errors", meta={"title": title})


def family_pages(corpus: Corpus, index: ErrorIndex, lang: str) -> list[SitePage]:
    """Every code of a family too large for the index, in pages of at most pagination.PAGE_SIZE rows."""
    t = registry.t
    result = []
    for family, codes in index.by_family(choices=False).items():
        if len(codes) <= INDEX_ROWS:
            continue
        chunks = pagination.pages(codes)
        base = family_url(lang, family.id)
        for number, chunk in enumerate(chunks, start=1):
            url = pagination.page_url(base, number)
            title = t(lang, "errors.family_title", family=family_name(family, lang))
            if len(chunks) > 1:
                title += f" ({t(lang, 'pages.of', number=number, count=len(chunks))})"
            pager = pagination.nav(lang, base, number, len(chunks))
            body = (f"# {html.escape(title)}\n\n"
                    f'<p class="kb-error-family"><span class="kb-count">'
                    f'{html.escape(t(lang, "errors.family_count", count=len(codes)))}</span> — '
                    f"{html.escape(family.description[lang])}</p>\n\n{pager}"
                    + _table(corpus, list(chunk), lang, url, family.id) + pager
                    + f'<p>{link(t(lang, "errors.back"), url, errors_index_url(lang))}</p>\n')
            result.append(SitePage(urls.src_uri(lang, url[len(urls.prefix(lang)):] + "index.md"), url, body,
                                   FAMILY_KIND, meta={"title": title}))
    return result


def pages_for_language(corpus: Corpus, index: ErrorIndex, lang: str) -> list[SitePage]:
    return ([index_page(corpus, index, lang), *family_pages(corpus, index, lang)]
            + [code_page(corpus, code, lang, index) for code in index.codes.values()])


def url_in(page: SitePage) -> Callable[[str], str]:
    """language → the URL of the same error page (a code's page, or the index) in that language."""
    if page.kind != "error":
        return errors_index_url
    slug = page.url.rstrip("/").split("/")[-1]
    return lambda lang: error_url(lang, slug)


def header_codes(index: ErrorIndex, runbook_id: str, lang: str) -> list[dict]:
    """The codes row of a runbook's header: each code the runbook quotes, linked to its page."""
    page_url = urls.runbook_url(lang, runbook_id)
    return [{"code": code.code, "class": css_class(code.code),
             "href": urls.relative(page_url, error_url(lang, code.slug))}
            for code in index.of_runbook(runbook_id, lang)]
