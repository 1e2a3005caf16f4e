"""The machine-readable indexes published with the site: `api/errors.json` and `api/runbooks.json`.

A stable interface (documented in the README): alerting rules use them for `runbook_url`, chat bots
to answer "what is RED-520025?". Only public fields are copied; output is deterministic.
"""

from __future__ import annotations

import json
from pathlib import Path

from hooks.site import error_messages
from hooks.base import registry
from hooks.base import urls
from hooks.corpus.model import Corpus
from hooks.corpus.error_codes import ErrorIndex
from hooks.site.error_pages import error_url

API_VERSION = 1


def runbook_ref(corpus: Corpus, runbook_id: str, lang: str, site_url: str) -> dict:
    runbook = corpus.get(runbook_id, lang)
    path = urls.runbook_url(lang, runbook_id)
    return {"id": runbook_id, "title": runbook.title if runbook else runbook_id, "path": path,
            "url": urls.absolute(site_url, path)}


def errors_json(corpus: Corpus, index: ErrorIndex, site_url: str) -> dict:
    codes = {}
    seen = error_messages.by_language(corpus)  # log lines only, decoded, per language (error_messages.py)
    for code in index.codes.values():
        messages = seen.get(code.slug, {})
        codes[code.code] = {
            "family": code.family.id,
            "description": {lang: code.family.description[lang] for lang in registry.language_codes()},
            "messages": error_messages.every_language(messages)[:error_messages.PER_PAGE],
            "messages-by-language": {lang: messages[lang] for lang in registry.language_codes() if lang in messages},
            "pages": {lang: urls.absolute(site_url, error_url(lang, code.slug)) for lang in registry.language_codes()},
            "runbooks": {lang: [runbook_ref(corpus, rid, lang, site_url) for rid in sorted(code.runbooks[lang])]
                         for lang in registry.language_codes() if code.runbooks.get(lang)},
        }
        if code.choices:  # a simple name of several classes: the codes it may stand for
            codes[code.code]["choices"] = [index.codes[slug].code for slug in code.choices]
    return {"version": API_VERSION, "codes": codes}


def _merged(values: list[list[str]]) -> list[str]:
    seen: list[str] = []
    for items in values:
        seen.extend(str(item) for item in items if str(item) not in seen)
    return seen


def runbooks_json(corpus: Corpus, index: ErrorIndex, site_url: str) -> dict:
    runbooks = {}
    for runbook_id in corpus.ids():
        translations = corpus.translations(runbook_id)
        versions = [r.version for r in translations.values() if r.version is not None]
        runbooks[runbook_id] = {
            "type": next(iter(translations.values())).meta.get("type"),
            "languages": list(translations),
            "urls": {lang: urls.absolute(site_url, urls.runbook_url(lang, runbook_id)) for lang in translations},
            "titles": {lang: r.title for lang, r in translations.items()},
            "products": _merged([r.products for r in translations.values()]),
            "applies-to": _merged([list(r.meta.get("applies-to") or []) for r in translations.values()]),
            "version": max(versions) if versions else None,
            "versions": {lang: r.version for lang, r in translations.items()},
            "error-codes": _merged([[c.code for c in index.of_runbook(runbook_id, lang)] for lang in translations]),
        }
    return {"version": API_VERSION, "runbooks": runbooks}


def _dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write(site_dir: Path, corpus: Corpus, index: ErrorIndex, site_url: str) -> list[Path]:
    api = Path(site_dir) / "api"
    api.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in (("errors.json", errors_json(corpus, index, site_url)),
                       ("runbooks.json", runbooks_json(corpus, index, site_url))):
        path = api / name
        text = _dump(data)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:  # unchanged: not audited again
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
