"""The error-code pages of each language: `/<lang>/errors/` (every code, by family) and
`/<lang>/errors/<CODE>/` (family, sample messages, the runbooks quoting it here, then elsewhere).

Every code found in any language gets a page in every language. Plain data in, Markdown out.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from hooks import registry, urls
from hooks.corpus import Corpus, Runbook
from hooks.error_codes import ErrorCode, ErrorIndex, family_name, slug_of
from hooks.site_pages import SitePage

KINDS = ("errors", "error")


def errors_index_url(lang: str) -> str:
    return f"{urls.prefix(lang)}errors/"


def error_url(lang: str, slug: str) -> str:
    return f"{urls.prefix(lang)}errors/{slug}/"


def _a(text: str, from_url: str, to_url: str, lang: str | None = None, cls: str | None = None) -> str:
    attrs = f' hreflang="{lang}" lang="{lang}"' if lang else ""
    attrs += f' class="{cls}"' if cls else ""
    return f'<a href="{html.escape(urls.relative(from_url, to_url))}"{attrs}>{html.escape(text)}</a>'


def _runbooks(corpus: Corpus, code: ErrorCode, lang: str) -> list[Runbook]:
    found = (corpus.get(rid, lang) for rid in code.runbooks.get(lang, []))
    return sorted((r for r in found if r is not None and not r.hidden), key=lambda r: (r.title.lower(), r.id))


def code_page(corpus: Corpus, code: ErrorCode, lang: str, index: ErrorIndex | None = None) -> SitePage:
    url = error_url(lang, code.slug)
    t = registry.t
    description = code.family.description[lang]
    family = t(lang, "errors.family", family=family_name(code.family, lang))
    parts = [f"# {code.code}\n",
             f'<p class="kb-error-family" data-pagefind-ignore><strong>{html.escape(family)}</strong> — '
             f'{html.escape(description)}</p>\n']
    parts += _names(index, code, lang, url) if index is not None else []
    messages = code.sample_messages()
    if messages:
        items = "\n".join(f"<li><code>{html.escape(message)}</code></li>" for message in messages)
        parts.append(f"## {t(lang, 'errors.messages')} {{: data-pagefind-ignore='' }}\n\n"
                     f"<ul class=\"kb-error-messages\">\n{items}\n</ul>\n")
    here = _runbooks(corpus, code, lang)
    parts.append(f"## {t(lang, 'errors.here')} {{: data-pagefind-ignore='' }}\n")
    if here:
        items = "\n".join(f'<li>{_a(r.title, url, urls.runbook_url(lang, r.id))} '
                          f'<code class="kb-id">{html.escape(r.id)}</code></li>' for r in here)
        parts.append(f'<ul class="kb-runbook-list kb-error-here" data-pagefind-ignore>\n{items}\n</ul>\n')
    else:
        parts.append(f'<p class="kb-empty" data-pagefind-ignore>{html.escape(t(lang, "errors.none_here"))}</p>\n')
    elsewhere = [(other, r) for other in registry.language_codes() if other != lang
                 for r in _runbooks(corpus, code, other)]
    if elsewhere:
        items = "\n".join(
            f'<li><span class="kb-lang-badge">{html.escape(registry.language(other).name)}</span> '
            f'{_a(r.title, url, urls.runbook_url(other, r.id), other)} '
            f'<code class="kb-id">{html.escape(r.id)}</code></li>'
            for other, r in elsewhere)
        parts.append(f"## {t(lang, 'errors.elsewhere')} {{: data-pagefind-ignore='' }}\n\n"
                     f'<ul class="kb-runbook-list kb-error-elsewhere" data-pagefind-ignore>\n{items}\n</ul>\n')
    back = _a(t(lang, "errors.back"), url, errors_index_url(lang))
    parts.append(f'<p class="kb-error-back" data-pagefind-ignore>{back}</p>\n')
    meta = {"title": code.code, "description": description}
    return SitePage(urls.src_uri(lang, f"errors/{code.slug}.md"), url, "\n".join(parts), "error", meta=meta)


def _names(index: ErrorIndex, code: ErrorCode, lang: str, url: str) -> list[str]:
    """An exception's simple and qualified names, and the other classes of the same simple name; for a
    simple name of several classes (a choice entry), the classes to choose from."""
    t = registry.t
    if code.choices:
        items = "\n".join(
            f'<li>{_a(index.codes[slug].code, url, error_url(lang, slug), cls="kb-error-code")} <span class="kb-count">'
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
    others = "\n".join(f'<li>{_a(index.codes[slug].code, url, error_url(lang, slug), cls="kb-error-code")}</li>'
                       for slug in choice.choices if slug != code.slug)
    return [names, f"<p>{html.escape(t(lang, 'errors.same_name'))}</p>\n"
                   f'<ul class="kb-error-same-name">\n{others}\n</ul>\n']


def index_page(corpus: Corpus, index: ErrorIndex, lang: str) -> SitePage:
    url = errors_index_url(lang)
    t = registry.t
    title = t(lang, "errors.title")
    parts = [f"# {title}\n", f'<p class="kb-error-intro">{html.escape(t(lang, "errors.intro"))}</p>\n',
             f'<p class="kb-count">{html.escape(t(lang, "errors.total", count=index.code_count()))}</p>\n']
    head = (f"<thead><tr><th>{html.escape(t(lang, 'errors.column_code'))}</th>"
            f"<th>{html.escape(t(lang, 'errors.column_here'))}</th>"
            f"<th>{html.escape(t(lang, 'errors.column_all'))}</th></tr></thead>")
    for family, codes in index.by_family(choices=False).items():
        rows = "\n".join(
            f'<tr><td>{_a(code.code, url, error_url(lang, code.slug), cls="kb-error-code")}</td>'
            f"<td>{len(_runbooks(corpus, code, lang))}</td><td>{code.runbook_count()}</td></tr>"
            for code in codes)
        parts.append(f"## {family_name(family, lang)} {{#family-{family.id.lower()}}}\n\n"
                     f'<p class="kb-error-family"><span class="kb-count">'
                     f'{html.escape(t(lang, "errors.family_count", count=len(codes)))}</span> — '
                     f"{html.escape(family.description[lang])}</p>\n\n"
                     f'<table class="kb-error-table" data-family="{html.escape(family.id)}">{head}<tbody>\n{rows}\n'
                     "</tbody></table>\n")
    return SitePage(urls.src_uri(lang, "errors/index.md"), url, "\n".join(parts), "errors", meta={"title": title})


def pages_for_language(corpus: Corpus, index: ErrorIndex, lang: str) -> list[SitePage]:
    return [index_page(corpus, index, lang)] + [code_page(corpus, code, lang, index) for code in index.codes.values()]


def url_in(page: SitePage) -> Callable[[str], str]:
    """language → the URL of the same error page (a code's page, or the index) in that language."""
    if page.kind != "error":
        return errors_index_url
    slug = page.url.rstrip("/").split("/")[-1]
    return lambda lang: error_url(lang, slug)


def header_codes(index: ErrorIndex, runbook_id: str, lang: str) -> list[dict]:
    """The codes row of a runbook's header: each code the runbook quotes, linked to its page."""
    page_url = urls.runbook_url(lang, runbook_id)
    return [{"code": code.code, "href": urls.relative(page_url, error_url(lang, code.slug))}
            for code in index.of_runbook(runbook_id, lang)]
