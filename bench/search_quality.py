"""Search quality, measured through the real search box in Chromium on a built site.

    python -m bench.search_quality --site SITE --runbooks RUNBOOKS [--per-kind N] [--out FILE]

SITE is a site built from RUNBOOKS (e.g. the real KB articles of ../shared/corpus imported with
`python -m hooks import` into a scratch project, then `python -m hooks build`). Queries are made from the
runbooks themselves, per language, as a reader types or pastes them:

- `code` (`RED-520025`), `lower` (`red-520025`), `number` (`520025`), `nohyphen` (`RED520025`);
- `code+message`: the code and a message a runbook of that language quotes after it;
- `log line`: the same as a pasted log line (timestamp, host, level, code, message);
- `log line, its runbook`: the same, for codes quoted by several runbooks: right only when the first
  result is a runbook quoting that very message;
- `article`: an article number (`KA-14064`), archived articles included;
- `title words`: 2–3 words of a runbook's title (the longest), counted in the top 3;
- `katakana` (Japanese): a katakana compound of a runbook's text (ランディングページ).

A code query is right when the first result is a runbook that quotes the code in that language or
the code's own page; an article query when it is that article's page; a title query when the runbook
is among the first three. Prints top-1 (top-3 for titles) and MRR per kind and language, and the
share of queries naming a known code that gave no result at all (must be 0).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from hooks.base import registry, urls
from hooks.corpus import error_codes
from hooks.rules import loader
from hooks.site.error_pages import error_url

KINDS = ("code", "lower", "number", "nohyphen", "code+message", "log line", "log line, its runbook", "article",
         "title words", "katakana")
TOP3 = ("title words",)
TARGETS = {"code": 0.98, "lower": 0.98, "number": 0.98, "nohyphen": 0.98, "code+message": 0.90,
           "log line": 0.90, "log line, its runbook": 0.90, "article": 0.98, "title words": 0.95, "katakana": 0.90}
CODE_KINDS = ("code", "lower", "number", "nohyphen", "code+message", "log line", "log line, its runbook")


@dataclass(frozen=True)
class Query:
    lang: str
    kind: str
    text: str
    relevant: frozenset[str]  # site-root-relative URLs that count as right


# Japanese has no spaces: its "words" here are runs of one script a reader types as a unit, katakana
# compounds (ランディングページ), kanji words (設定) and Latin words (Campaign); hiragana runs are
# particles and endings.
_JA_WORD = re.compile(r"[\u30a0-\u30ff\uff66-\uff9f]+|[\u4e00-\u9fff\u3005]+|[A-Za-z][A-Za-z0-9]*")


def _words(title: str, lang: str) -> list[str]:
    if lang == "ja":
        return [w for w in _JA_WORD.findall(title) if len(w) >= 2]
    # French and Portuguese elisions (l’activité, d’attribution) are one word in the text
    words = re.findall(r"[^\W_]+(?:[’'][^\W_]+)*", title)
    return [w for w in words if len(re.split(r"[’']", w)[-1]) >= 4]


def title_words(title: str, lang: str, products: tuple[str, ...] = ()) -> str | None:
    """The 2 (Japanese) or 3 longest words of a title, in title order; words of the runbook's product
    names (Campaign, Experience Manager) are what the product filter is for, not title words."""
    product_words = {w.lower() for name in products for w in re.findall(r"[^\W_]+", name)}
    words = [w for w in _words(title, lang) if w.lower() not in product_words]
    count = 2 if lang == "ja" else 3
    if len(words) < 2:
        return None
    longest = sorted(range(len(words)), key=lambda i: (-len(words[i]), i))[:count]
    return " ".join(words[i] for i in sorted(longest))


def make_queries(runbooks_root: Path, per_kind: int | None = None, seed: int = 20,
                 langs: tuple[str, ...] | None = None) -> list[Query]:
    corpus = loader.load(runbooks_root)
    index = error_codes.build_index(corpus)
    numbers: dict[str, int] = defaultdict(int)
    for code in index.codes.values():
        m = re.fullmatch(r"[A-Z]+-(\d{4,})", code.code)
        if m:
            numbers[m.group(1)] += 1
    rng = random.Random(seed)
    queries: list[Query] = []
    for lang in langs or registry.language_codes():
        by_kind: dict[str, list[Query]] = defaultdict(list)
        messages: dict[str, list[str]] = defaultdict(list)
        quoted_by: dict[tuple[str, str], set[str]] = defaultdict(set)  # (slug, message) → runbook URLs
        for runbook in corpus.in_language(lang):
            for quote in error_codes.quotes(runbook):
                if quote.message and not quote.short and not runbook.hidden:
                    quoted_by[(quote.slug, quote.message)].add(urls.runbook_url(lang, runbook.id))
                    if quote.message not in messages[quote.slug]:
                        messages[quote.slug].append(quote.message)
        for slug, code in index.codes.items():
            if code.choices:
                continue
            quoting = [rid for rid in code.runbooks.get(lang, [])
                       if (r := corpus.get(rid, lang)) is not None and not r.hidden]
            relevant = frozenset([error_url(lang, slug), *(urls.runbook_url(lang, rid) for rid in quoting)])
            if not code.runbooks.get(lang) and not any(code.runbooks.values()):
                continue

            def add(kind: str, text: str, relevant=relevant, lang=lang, by_kind=by_kind) -> None:
                by_kind[kind].append(Query(lang, kind, text, relevant))

            add("code", code.code)
            m = re.fullmatch(r"([A-Z]+)-(\d{4,})", code.code)
            if m:
                add("lower", code.code.lower())
                add("nohyphen", m.group(1) + m.group(2))
                if numbers[m.group(2)] == 1:
                    add("number", m.group(2))
            for message in messages.get(slug, [])[:1]:
                add("code+message", f"{code.code} {message}")
                clock = f"{rng.randint(10, 23)}:{rng.randint(10, 59)}:{rng.randint(10, 59)}"
                stamp = f"2024-05-{rng.randint(10, 28)} {clock}"
                host = f"app{rng.randint(1, 9)}.prod-{rng.randint(100, 999)}.example.net"
                line = f"{stamp} {host} ERROR [worker-{rng.randint(1, 30)}] {code.code} {message}"
                add("log line", line)
                if len(quoting) > 1 and quoted_by.get((slug, message)):  # which of its runbooks: the one quoting it
                    add("log line, its runbook", line, frozenset(quoted_by[(slug, message)]))
        for runbook in corpus.in_language(lang):
            url = urls.runbook_url(lang, runbook.id)
            if re.search(r"\d", runbook.id):
                by_kind["article"].append(Query(lang, "article", runbook.id, frozenset([url])))
            words = title_words(runbook.title, lang, (*runbook.products, *(runbook.meta.get("applies-to") or ())))
            if words and not runbook.hidden:
                by_kind["title words"].append(Query(lang, "title words", words, frozenset([url])))
        if lang == "ja":
            by_kind["katakana"] = katakana_queries(corpus, lang)
        for kind in KINDS:
            found = by_kind.get(kind, [])
            if per_kind is not None and len(found) > per_kind:
                found = rng.sample(found, per_kind)
            queries.extend(found)
    return queries


_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]{5,}")


def katakana_queries(corpus, lang: str) -> list[Query]:
    """Japanese only: each katakana compound of 5 or more characters in a runbook's text (ランディングページ),
    once; right when the first result is a runbook whose text holds it."""
    texts = {r.id: f"{r.title}\n{r.body}" for r in corpus.in_language(lang) if not r.hidden}
    words = sorted({w for text in texts.values() for w in _KATAKANA.findall(text)})
    out = []
    for word in words:
        holding = frozenset(urls.runbook_url(lang, rid) for rid, text in texts.items() if word in text)
        out.append(Query(lang, "katakana", word, holding))
    return out


def _path(url: str, base: str) -> str:
    return url[len(base):] if url.startswith(base) else url


SEARCH = """async (q) => {
  const root = document.querySelector('[data-kb-search]');
  const input = root.querySelector('[data-kb-search-query]');
  document.getElementById('__search').checked = true;
  input.value = q;
  root.querySelector('form').requestSubmit();
}"""
RESULTS = "() => [...document.querySelectorAll('[data-kb-search] .md-search-result__list a')].map(a => a.href)"


def run_queries(page, base: str, queries: list[Query]) -> list[tuple[Query, list[str], float]]:
    """Each query typed into the search box of its language's home page: (query, result URLs, seconds)."""
    out = []
    current = None
    for query in sorted(queries, key=lambda q: q.lang):
        if query.lang != current:
            page.goto(base + registry.language(query.lang).url_prefix)
            page.wait_for_function("() => window.KBCodes !== undefined")
            current = query.lang
        start = time.perf_counter()
        page.evaluate(SEARCH, query.text)
        page.wait_for_function("(q) => document.querySelector('[data-kb-search]').dataset.kbQuery === q",
                               arg=query.text.strip())
        seconds = time.perf_counter() - start
        out.append((query, [_path(u, base) for u in page.evaluate(RESULTS)], seconds))
    return out


@dataclass
class Score:
    count: int = 0
    top: float = 0.0
    mrr: float = 0.0
    zero: int = 0


def latency(results: list[tuple[Query, list[str], float]]) -> str:
    """Median and 95th percentile of the time from submitting a query to its results shown, per language."""
    parts = []
    for lang in sorted({q.lang for q, _, _ in results}):
        times = sorted(t for q, _, t in results if q.lang == lang)
        parts.append(f"{lang} {1000 * times[len(times) // 2]:.0f} / {1000 * times[int(len(times) * 0.95)]:.0f} ms")
    return "Time to results (median / p95): " + ", ".join(parts) + "."


def score(results: list[tuple[Query, list[str], float]]) -> dict[tuple[str, str], Score]:
    scores: dict[tuple[str, str], Score] = defaultdict(Score)
    for query, found, _ in results:
        s = scores[(query.kind, query.lang)]
        s.count += 1
        ranks = [i for i, url in enumerate(found) if url in query.relevant]
        first = ranks[0] if ranks else None
        s.top += first is not None and first < (3 if query.kind in TOP3 else 1)
        s.mrr += 1 / (first + 1) if first is not None else 0
        s.zero += not found
    return scores


def table(scores: dict[tuple[str, str], Score], langs: tuple[str, ...]) -> str:
    lines = ["| query | " + " | ".join(langs) + " | target (worst) |", "| --- |" + " ---: |" * (len(langs) + 1)]
    for kind in KINDS:
        cells = []
        for lang in langs:
            s = scores.get((kind, lang))
            cells.append(f"{s.top / s.count:.2f} / {s.mrr / s.count:.2f} (n={s.count})" if s and s.count else "–")
        label = f"{kind} (top-3)" if kind in TOP3 else kind
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {TARGETS[kind]:.2f} |")
    zero = [(s.zero, s.count) for (kind, _), s in scores.items() if kind in CODE_KINDS]
    lines.append("")
    lines.append(f"Zero results for queries naming a known code: {sum(z for z, _ in zero)} "
                 f"of {sum(c for _, c in zero)}.")
    return "\n".join(lines)


def misses(scores: dict[tuple[str, str], Score]) -> list[str]:
    """Kinds whose worst language is under its target, and any zero result for a known code."""
    out = []
    for (kind, lang), s in sorted(scores.items()):
        if s.count and s.top / s.count < TARGETS[kind]:
            out.append(f"{kind} in {lang}: {s.top / s.count:.2f} < {TARGETS[kind]:.2f}")
        if kind in CODE_KINDS and s.zero:
            out.append(f"{kind} in {lang}: {s.zero} queries with a known code gave no result")
    return out


def measure_in(browser, site: Path, runbooks_root: Path, per_kind: int | None = None,
               langs: tuple[str, ...] | None = None, failures: list | None = None,
               kinds: tuple[str, ...] | None = None) -> dict[tuple[str, str], Score]:
    """Scores of the queries made from `runbooks_root`, typed into `site` (built from them) in `browser`."""
    from testkit.serving import serve_site

    queries = [q for q in make_queries(runbooks_root, per_kind, langs=langs) if not kinds or q.kind in kinds]
    with serve_site(site) as base:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.set_default_timeout(30_000)
            results = run_queries(page, base, queries)
        finally:
            context.close()
    if failures is not None:
        failures.extend((q, found[:3]) for q, found, _ in results
                        if not any(u in q.relevant for u in found[:3 if q.kind in TOP3 else 1]))
    if results:
        print(latency(results))
    return score(results)


def measure(site: Path, runbooks_root: Path, per_kind: int | None = None, langs: tuple[str, ...] | None = None,
            chromium: str = "/usr/bin/chromium", failures: list | None = None,
            kinds: tuple[str, ...] | None = None) -> dict[tuple[str, str], Score]:
    from playwright.sync_api import sync_playwright

    from testkit.chromium import ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        try:
            return measure_in(browser, site, runbooks_root, per_kind, langs, failures, kinds)
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--runbooks", type=Path, required=True)
    parser.add_argument("--per-kind", type=int, default=None, help="at most N queries per kind and language")
    parser.add_argument("--lang", action="append", help="only this language (repeatable)")
    parser.add_argument("--kind", action="append", choices=KINDS, help="only this kind of query (repeatable)")
    parser.add_argument("--failures", type=Path, help="write the queries that missed to this JSON file")
    args = parser.parse_args(argv)
    langs = tuple(args.lang) if args.lang else registry.language_codes()
    failures: list = []
    scores = measure(args.site, args.runbooks, args.per_kind, langs, failures=failures,
                     kinds=tuple(args.kind) if args.kind else None)
    print(table(scores, langs))
    if args.failures:
        args.failures.write_text(json.dumps([{"lang": q.lang, "kind": q.kind, "query": q.text, "got": got,
                                              "want": sorted(q.relevant)} for q, got in failures],
                                            ensure_ascii=False, indent=1), encoding="utf-8")
    missed = misses(scores)
    for line in missed:
        print("MISSED", line)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
