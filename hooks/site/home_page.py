"""Each language's home page below its introduction: a search field first, then the products with their
counts, the runbooks updated last and the error codes quoted most. Its size does not depend on the number
of runbooks: each list is capped (products are a vocabulary, hooks/data/products.yml)."""

from __future__ import annotations

import html

from hooks.site import error_pages
from hooks.site import product_pages
from hooks.base import registry
from hooks.base import urls
from hooks.corpus.model import Corpus, Runbook
from hooks.corpus.error_codes import ErrorIndex, css_class
from hooks.site.site_pages import link

MARKER = "<!-- kb-home -->"  # where docs/<lang>/index.md wants it
RECENT = 10
TOP_CODES = 10
STATUS_URL = "translations/"


def recent(corpus: Corpus, lang: str, count: int = RECENT) -> list[Runbook]:
    """The runbooks of `lang` published last (their latest version), newest first."""
    mine = [r for r in corpus.in_language(lang) if not r.hidden]
    return sorted(mine, key=lambda r: (str(r.meta.get("published") or ""), r.id), reverse=True)[:count]


def top_codes(index: ErrorIndex, count: int = TOP_CODES) -> list:
    """The codes quoted by the most runbooks (any language), most first, then by code."""
    return sorted(index.codes.values(), key=lambda c: (-c.runbook_count(), c.code))[:count]


def _date(runbook: Runbook) -> str:
    day = str(runbook.meta.get("published") or "")[:10]
    return f' <time datetime="{html.escape(day)}">{html.escape(day)}</time>' if day else ""


def _quoted_by(lang: str, count: int) -> str:
    return registry.t(lang, "home.quoted_by_one" if count == 1 else "home.quoted_by", count=count)


def _search(lang: str) -> str:
    t = registry.t
    label = html.escape(t(lang, "home.search_label"))
    return (f'<form class="kb-home-search" role="search" data-kb-home-search>\n'
            f'<label for="kb-home-query">{label}</label>\n'
            f'<div class="kb-home-search__row"><input id="kb-home-query" type="search" name="q" '
            f'placeholder="{html.escape(t(lang, "home.search_placeholder"))}" autocomplete="off" spellcheck="false">'
            f'<button type="submit">{html.escape(t(lang, "home.search_button"))}</button></div>\n</form>\n')


def home_html(corpus: Corpus, index: ErrorIndex, lang: str, from_url: str) -> str:
    t = registry.t
    prefix = urls.prefix(lang)
    parts = [_search(lang)]
    parts.append(f'<h2 id="products">{html.escape(t(lang, "home.products"))}</h2>\n')
    items = product_pages.products(corpus, lang)
    if items:
        parts.append(product_pages.products_list_html(items, lang, from_url))
    else:
        parts.append(f'<p class="kb-empty">{html.escape(t(lang, "runbooks.none"))}</p>\n')
    latest = recent(corpus, lang)
    if latest:
        rows = "\n".join(f'<li>{link(r.title, from_url, urls.runbook_url(lang, r.id))}{_date(r)}</li>' for r in latest)
        parts.append(f'<h2 id="recent">{html.escape(t(lang, "home.recent"))}</h2>\n'
                     f'<ul class="kb-recent">\n{rows}\n</ul>\n')
    codes = top_codes(index)
    if codes:
        rows = "\n".join(
            f'<li>{link(c.code, from_url, error_pages.error_url(lang, c.slug), cls=css_class(c.code))}'
            f' <span class="kb-count">{html.escape(_quoted_by(lang, c.runbook_count()))}</span></li>'
            for c in codes)
        parts.append(f'<h2 id="codes">{html.escape(t(lang, "home.codes"))}</h2>\n'
                     f'<ul class="kb-top-codes">\n{rows}\n</ul>\n')
    more = [(t(lang, "runbooks.title"), urls.runbooks_index_url(lang)),
            (t(lang, "errors.back"), error_pages.errors_index_url(lang)),
            (t(lang, "status.title"), prefix + STATUS_URL)]
    parts.append('<p class="kb-home-more">' + " · ".join(link(text, from_url, to) for text, to in more) + "</p>\n")
    return "\n".join(parts)
