"""The runbook list, split by product: `/<lang>/runbooks/` lists the products with their counts, and each
product's runbooks are on `/<lang>/products/<slug>/` (in pages of bounded size, hooks/site/pagination.py), so
that no page grows with the number of runbooks.

A runbook is listed under each of its products (those of its default-language version when it has one:
the same pages in every language). Runbooks not translated into the page's language are
listed after the others, under their title in the first language that has them, marked and linked there.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from hooks.site import pagination
from hooks.base import registry
from hooks.base import urls
from hooks.corpus.model import Corpus, Runbook
from hooks.site.site_pages import SitePage, link

KIND = "products"


@dataclass(frozen=True)
class Product:
    name: str
    slug: str
    runbooks: tuple[Runbook, ...]  # the page language's first, then the others; by title

    def count_in(self, lang: str) -> int:
        return sum(1 for r in self.runbooks if r.language == lang)


def slugify(name: str) -> str:
    """`Experience Manager 6.4` → `experience-manager-6-4`; a name without ASCII letters or digits keeps
    its letters and digits (URLs may hold them), and one with neither is `product`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or re.sub(r"[^\w]+", "-", name).strip("-_") or "product"


def product_url(lang: str, slug: str, number: int = 1) -> str:
    return pagination.page_url(f"{urls.prefix(lang)}products/{slug}/", number)


def shown(corpus: Corpus, lang: str) -> list[Runbook]:
    """Each published runbook once: in `lang` when translated, else in the first language that has it."""
    entries = []
    for runbook_id in corpus.ids():
        translations = corpus.translations(runbook_id)
        runbook = translations.get(lang) or next(iter(translations.values()))
        if not runbook.hidden:
            entries.append(runbook)
    return entries


def products(corpus: Corpus, lang: str) -> list[Product]:
    """Every product that has a runbook, by name; `Other` (runbooks without a product) last."""
    key = ("products", lang)
    if key in corpus.memo:
        return corpus.memo[key]
    other = registry.t(lang, "runbooks.other_product")
    groups: dict[str, list[Runbook]] = {}
    default = registry.default_language().code
    for runbook in shown(corpus, lang):
        # the products of one translation for every language (the default language's when it has one),
        # so that each product page exists, with the same pages, in every language
        translations = corpus.translations(runbook.id)
        reference = translations.get(default) or next(iter(translations.values()))
        for name in dict.fromkeys(reference.products or [other]):
            groups.setdefault(name, []).append(runbook)
    result, taken = [], set()
    for name in sorted(groups, key=lambda p: (p == other, p.lower(), p)):
        slug = base = slugify(name) if name != other else "other"
        number = 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        ordered = sorted(groups[name], key=lambda r: (r.language != lang, r.title.lower(), r.id))
        result.append(Product(name, slug, tuple(ordered)))
    corpus.memo[key] = result
    return result


def entry_html(runbook: Runbook, lang: str, from_url: str) -> str:
    """One runbook in a list: its title linked, its id; marked with its language when not `lang`."""
    if runbook.language == lang:
        return (f'<li>{link(runbook.title, from_url, urls.runbook_url(lang, runbook.id))} '
                f'<code class="kb-id">{html.escape(runbook.id)}</code></li>')
    badge = html.escape(registry.language(runbook.language).name)
    return (f'<li>{link(runbook.title, from_url, urls.runbook_url(runbook.language, runbook.id), runbook.language)} '
            f'<span class="kb-lang-badge">{badge}</span> <code class="kb-id">{html.escape(runbook.id)}</code></li>')


def products_list_html(items: list[Product], lang: str, from_url: str) -> str:
    """The products as links to their pages, each with how many runbooks it has in `lang` (of all)."""
    rows = []
    for product in items:
        href = html.escape(urls.relative(from_url, product_url(lang, product.slug)))
        count = html.escape(registry.t(lang, "products.count", here=product.count_in(lang),
                                       all=len(product.runbooks)))
        rows.append(f'<li><a href="{href}">{html.escape(product.name)}</a> <span class="kb-count">{count}</span></li>')
    return '<ul class="kb-products">\n' + "\n".join(rows) + "\n</ul>\n"


def index_page(corpus: Corpus, lang: str) -> SitePage:
    """`/<lang>/runbooks/`: how many runbooks there are, and every product with its count."""
    url = urls.runbooks_index_url(lang)
    title = registry.t(lang, "runbooks.title")
    items = products(corpus, lang)
    if not items:
        body = f'<p class="kb-empty">{html.escape(registry.t(lang, "runbooks.none"))}</p>\n'
    else:
        count = len(corpus.in_language(lang)) - sum(1 for r in corpus.in_language(lang) if r.hidden)
        body = (f'<p class="kb-count">{html.escape(registry.t(lang, "runbooks.count", count=count))}</p>\n\n'
                f'<p>{html.escape(registry.t(lang, "products.intro"))}</p>\n\n'
                + products_list_html(items, lang, url))
    return SitePage(urls.src_uri(lang, "runbooks/index.md"), url, f"# {title}\n\n{body}", "index",
                    meta={"title": title})


def product_pages(corpus: Corpus, lang: str) -> list[SitePage]:
    """Every product's runbooks, in pages of at most pagination.PAGE_SIZE entries."""
    result = []
    back_text = registry.t(lang, "runbooks.title")
    for product in products(corpus, lang):
        chunks = pagination.pages(product.runbooks)
        base = product_url(lang, product.slug)
        for number, chunk in enumerate(chunks, start=1):
            url = pagination.page_url(base, number)
            title = product.name if len(chunks) == 1 else (
                f"{product.name} ({registry.t(lang, 'pages.of', number=number, count=len(chunks))})")
            count = registry.t(lang, "products.count", here=product.count_in(lang), all=len(product.runbooks))
            pager = pagination.nav(lang, base, number, len(chunks))
            body = (f"# {html.escape(title)}\n\n"
                    f'<p class="kb-count">{html.escape(count)}</p>\n\n'
                    f'<p class="kb-back">{link(back_text, url, urls.runbooks_index_url(lang))}</p>\n\n'
                    + pager + '<ul class="kb-runbook-list">\n'
                    + "\n".join(entry_html(r, lang, url) for r in chunk) + "\n</ul>\n" + pager)
            src = urls.src_uri(lang, f"products/{product.slug}/{'index' if number == 1 else number}.md")
            result.append(SitePage(src, url, body, KIND, meta={"title": html.escape(title)}))
    return result
