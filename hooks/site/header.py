"""The runbook header: metadata labelled in the page's language, and the other languages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache

from babel.dates import format_date

from hooks.base import registry
from hooks.base import urls
from hooks.corpus.model import Corpus, Runbook

_BABEL_LOCALE = {"pt-BR": "pt_BR"}


@lru_cache(maxsize=4096)  # thousands of runbooks share a few hundred dates
def localized_date(value: str, lang: str) -> str:
    day = date.fromisoformat(value[:10])
    return format_date(day, format="long", locale=_BABEL_LOCALE.get(lang, lang))


def header(corpus: Corpus, runbook: Runbook, codes: list[dict] | None = None) -> dict:
    lang = runbook.language
    page_url = urls.runbook_url(lang, runbook.id)
    rows: list[dict] = []
    if runbook.meta.get("article-number"):
        rows.append({"key": "article", "label": registry.t(lang, "header.article"),
                     "values": [runbook.meta["article-number"]]})
    else:
        rows.append({"key": "guide", "label": registry.t(lang, "header.guide"), "values": [runbook.id]})
    for key, field in (("products", "product"), ("applies_to", "applies-to")):
        if runbook.meta.get(field):
            rows.append({"key": key, "label": registry.t(lang, f"header.{key}"), "values": runbook.meta[field]})
    if runbook.version is not None:
        rows.append({"key": "version", "label": registry.t(lang, "header.version"),
                     "values": [str(runbook.version)]})
    published = runbook.meta.get("published")
    if published:
        rows.append({"key": "published", "label": registry.t(lang, "header.published"),
                     "values": [localized_date(published, lang)], "datetime": published[:10]})
    also_in = [
        {"lang": code, "name": registry.language(code).name,
         "href": urls.relative(page_url, urls.runbook_url(code, runbook.id))}
        for code in corpus.translations(runbook.id) if code != lang
    ]
    return {"id": runbook.id, "title": runbook.title, "rows": rows, "also_in": also_in,
            "also_in_label": registry.t(lang, "header.also_in"),
            "codes": codes or [], "codes_label": registry.t(lang, "header.codes"),
            "label": registry.t(lang, "header.label")}


def switcher(url_in: Callable[[str], str]) -> list[dict]:
    """Material's language switcher entries: the same page (`url_in(language)`) in every language."""
    return [{"name": lang.name, "lang": lang.code, "link": url_in(lang.code)} for lang in registry.languages()]
