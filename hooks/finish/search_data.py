"""`kb-search/<lang>.json`: what the search box knows besides Pagefind's text index, written at build time.

- `registry`: the error-code families as JavaScript patterns (hooks/corpus/search_patterns.py), so a pasted
  log line or stack trace is read with the same patterns as the build;
- `codes`: every code with a page, by a key that ignores case and punctuation (`red520025`,
  `RED-520025`, `http 404` all give the same key), with its slug and the runbooks quoting it per
  language; `numbers`: the number alone of a code when no other code has it (`520025`);
- `runbooks`: every runbook id per language with its title, and whether it is archived (hidden from
  the index and lists); `moved`: article numbers that redirect elsewhere;
- `strings`: the search box's own UI strings in every language.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

from hooks.base import registry, urls
from hooks.corpus import redirects
from hooks.corpus.code_keys import key
from hooks.corpus.error_codes import ErrorIndex, quotes
from hooks.corpus.model import Corpus
from hooks.corpus.search_patterns import registry_js

FOLDER = "kb-search"
STRING_KEYS = ("search.code_page", "search.archived", "search.moved", "search.other_languages",
               "search.filter.product", "search.filter.all", "search.runbook_quotes", "search.no_results_here")


def search_data(corpus: Corpus, index: ErrorIndex, moved: dict[str, list[str]] | None = None) -> dict:
    langs = registry.language_codes()
    codes: dict[str, dict] = {}
    numbers: dict[str, set[str]] = defaultdict(set)
    for slug, code in index.codes.items():
        entry = {"code": code.code, "slug": slug, "family": code.family.id,
                 "runbooks": {lang: sorted(code.runbooks[lang]) for lang in langs if code.runbooks.get(lang)}}
        if code.choices:
            entry["choices"] = list(code.choices)
        codes[key(code.code)] = entry
        digits = re.fullmatch(r"[A-Za-z]+[- ]?(\d{4,})", code.code)
        if digits:
            numbers[digits.group(1)].add(key(code.code))
    # the messages each runbook quotes after each code: the box ranks a code's runbooks by the pasted one
    for runbook in corpus.runbooks:
        for quote in quotes(runbook):
            slug = index.links.get(quote.slug, quote.slug)
            code = index.codes.get(slug)
            if quote.message and code is not None:
                said = codes[key(code.code)].setdefault("quotes", {}).setdefault(runbook.language, {})
                if quote.message not in said.setdefault(runbook.id, []):
                    said[runbook.id].append(quote.message)
    aliases = {key(found): key(index.codes[target].code) for found, target in index.links.items()
               if target in index.codes and key(found) not in codes}
    runbooks: dict[str, dict] = {}
    for runbook_id in corpus.ids():
        runbooks[runbook_id] = {lang: [r.title, r.hidden, list(r.products)]
                                for lang, r in corpus.translations(runbook_id).items()}
    return {
        "version": 1,
        "languages": {lang: {"prefix": urls.prefix(lang), "name": registry.language(lang).name} for lang in langs},
        "registry": registry_js(),
        "codes": codes,
        "aliases": dict(sorted(aliases.items())),
        "numbers": {n: next(iter(k)) for n, k in sorted(numbers.items()) if len(k) == 1},
        "runbooks": runbooks,
        "moved": {lang: sorted(ids) for lang, ids in sorted((moved or {}).items()) if ids},
        "strings": {lang: {k: registry.t(lang, k) for k in STRING_KEYS} for lang in langs},
    }


def for_language(data: dict, lang: str) -> dict:
    """What a page in `lang` loads (`kb-search/<lang>.json`): `data` with this language's runbooks,
    messages, redirects and strings only (a runbook missing here keeps the first language that has it,
    for its title); the box loads another language's file only to offer its results."""
    codes = {}
    for k, entry in data["codes"].items():
        one = {**entry, "runbooks": {lang: entry["runbooks"][lang]} if lang in entry["runbooks"] else {}}
        if "quotes" in entry:
            one["quotes"] = {lang: entry["quotes"][lang]} if lang in entry["quotes"] else {}
        codes[k] = one
    runbooks = {rid: ({lang: langs[lang]} if lang in langs else dict([next(iter(langs.items()))]))
                for rid, langs in data["runbooks"].items()}
    return {**data, "lang": lang, "codes": codes, "runbooks": runbooks,
            "moved": {lang: data["moved"][lang]} if lang in data["moved"] else {},
            "strings": {lang: data["strings"][lang]}}


def moved_ids(runbooks_root: Path | None) -> dict[str, list[str]]:
    """Article numbers each language redirects (runbooks/<lang>/redirects.csv); bad rows are reported
    by validate, not here."""
    if runbooks_root is None or not Path(runbooks_root).is_dir():
        return {}
    found, _problems = redirects.load_all(Path(runbooks_root), registry.language_codes(), lambda p: str(p))
    return {lang: [row.runbook_id for row in rows] for lang, rows in found.items()}


def write(site_dir: Path, corpus: Corpus, index: ErrorIndex, runbooks_root: Path | None = None) -> list[Path]:
    """`kb-search/<lang>.json` for every language (unchanged files are not rewritten)."""
    data = search_data(corpus, index, moved_ids(runbooks_root))
    folder = Path(site_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in registry.language_codes():
        path = folder / f"{lang}.json"
        text = json.dumps(for_language(data, lang), ensure_ascii=False, separators=(",", ":"))
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
