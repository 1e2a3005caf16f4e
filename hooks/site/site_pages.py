"""What each language's site contains: runbook pages and 'not available' pages (lists: product_pages).

Plain data in, Markdown out; the MkDocs hook turns these into files.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import yaml

from hooks.base import registry
from hooks.base import urls
from hooks.corpus.model import Corpus, Runbook


@dataclass(frozen=True)
class SitePage:
    src_uri: str
    url: str
    body: str  # Markdown, without front matter
    kind: str  # "runbook" | "missing" | "index" | "products" | "status" | "errors" | "error"
    runbook_id: str | None = None
    meta: dict = field(default_factory=dict)

    @property
    def markdown(self) -> str:
        """The page as a Markdown file: front matter, then the body."""
        return (_front(self.meta) if self.meta else "") + self.body


def _front(meta: dict) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: same text, many times faster
    return "---\n" + yaml.dump(meta, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100_000) + "---\n\n"


def link(text: str, from_url: str, to_url: str, lang: str | None = None, cls: str | None = None) -> str:
    attrs = f' hreflang="{lang}" lang="{lang}"' if lang else ""
    attrs += f' class="{cls}"' if cls else ""
    return f'<a href="{html.escape(urls.relative(from_url, to_url))}"{attrs}>{html.escape(text)}</a>'


def runbook_page(runbook: Runbook) -> SitePage:
    # escaped once here: MkDocs templates print page titles and meta descriptions without escaping
    meta = {"title": html.escape(runbook.title), "description": html.escape(str(runbook.meta.get("description") or ""))}
    if runbook.hidden:
        meta["search"] = {"exclude": True}
    return SitePage(urls.runbook_src_uri(runbook.language, runbook.id),
                    urls.runbook_url(runbook.language, runbook.id), runbook.body, "runbook", runbook.id, meta)


def missing_page(corpus: Corpus, runbook_id: str, lang: str) -> SitePage:
    url = urls.runbook_url(lang, runbook_id)
    items = []
    for code, runbook in corpus.translations(runbook_id).items():
        name = registry.language(code).name
        anchor = link(runbook.title, url, urls.runbook_url(code, runbook_id), code)
        items.append(f'<li><span class="kb-lang">{html.escape(name)}</span> — {anchor}</li>')
    body = (
        f'<p class="kb-missing">{html.escape(registry.t(lang, "missing.body", id=runbook_id))}</p>\n\n'
        f'<ul class="kb-translations">\n' + "\n".join(items) + "\n</ul>\n"
    )
    meta = {"title": f"{runbook_id} — {registry.t(lang, 'missing.title')}", "search": {"exclude": True},
            "robots": "noindex"}
    return SitePage(urls.runbook_src_uri(lang, runbook_id), url,
                    f"# {runbook_id} — {registry.t(lang, 'missing.title')}\n\n" + body, "missing", runbook_id, meta)


def pages_for_language(corpus: Corpus, lang: str) -> list[SitePage]:
    pages = []
    for runbook_id in corpus.ids():
        runbook = corpus.get(runbook_id, lang)
        pages.append(runbook_page(runbook) if runbook else missing_page(corpus, runbook_id, lang))
    return pages
