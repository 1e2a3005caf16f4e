"""Notices shown above a runbook in its own language: stale translation, machine translation."""

from __future__ import annotations

from hooks.base import registry
from hooks.corpus import translations
from hooks.base import urls
from hooks.corpus.model import Corpus, Runbook


def stale_banner(corpus: Corpus, runbook: Runbook) -> dict | None:
    cell = translations.cell(corpus, runbook.id, runbook.language)
    if cell.state != translations.STALE or cell.newest is None:
        return None
    lang = runbook.language
    page_url = urls.runbook_url(lang, runbook.id)
    top = translations.freshness(cell.newest)
    links = [
        {"lang": code, "name": registry.language(code).name,
         "href": urls.relative(page_url, urls.runbook_url(code, other.id))}
        for code, other in translations.group(corpus, runbook.id).items()
        if code != lang and translations.freshness(other) == top
    ]
    newest = cell.newest.version if cell.newest.version is not None else "?"
    return {"kind": "stale", "title": registry.t(lang, "stale.title"),
            "text": registry.t(lang, "stale.body", version=runbook.version or "?", newest=newest),
            "links": links}


def machine_translation_notice(runbook: Runbook) -> dict | None:
    """Shown when the KB says machine translation was used and people did not translate all of it."""
    workflow = str(runbook.meta.get("workflow-type") or "")
    degree = runbook.meta.get("ht-degree")
    if "mt" not in workflow.split("+") or not isinstance(degree, int) or degree >= 100:
        return None
    lang = runbook.language
    return {"kind": "mt", "title": registry.t(lang, "mt.title"),
            "text": registry.t(lang, "mt.body", percent=degree), "links": []}


def banners(corpus: Corpus, runbook: Runbook) -> list[dict]:
    return [b for b in (stale_banner(corpus, runbook), machine_translation_notice(runbook)) if b]
