"""`python -m hooks lookup FILE|-`: the runbooks for every error code in a log or pasted text."""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import os
import sys
from pathlib import Path

from hooks.base import registry
from hooks.base.paths import RUNBOOKS
from hooks.corpus.code_keys import loose_matches
from hooks.corpus.error_codes import ErrorCode, ErrorIndex, build_index, find, message_of, quotes, registry_problems
from hooks.corpus.model import Corpus
from hooks.corpus.stack_traces import root_cause_first
from hooks.rules import loader
from hooks.site.api_json import runbook_ref


def read_input(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    return Path(source).read_text(encoding="utf-8", errors="replace")


def similarity(pasted: str | None, quoted: str | None) -> float:
    """How alike two messages are (0 to 1), ignoring case and spacing."""
    if not pasted or not quoted:
        return 0.0
    a, b = " ".join(pasted.lower().split()), " ".join(quoted.lower().split())
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def quoted_messages(corpus: Corpus, index: ErrorIndex, runbook_id: str, lang: str, slug: str) -> list[str]:
    """The messages runbook `runbook_id` quotes after the code `slug` (or a name that leads to it)."""
    runbook = corpus.get(runbook_id, lang)
    if runbook is None:
        return []
    return [q.message for q in quotes(runbook) if q.message and index.links.get(q.slug, q.slug) == slug]


def _refs(corpus: Corpus, index: ErrorIndex, codes: list[ErrorCode], site_url: str, message: str | None,
          langs: tuple[str, ...]) -> dict[str, list[dict]]:
    """Runbooks quoting `codes`, per language: the one quoting the message most like the pasted one first."""
    refs = {}
    for lang in langs:
        scored: dict[str, float] = {}
        for code in codes:
            for rid in code.runbooks.get(lang, []):
                best = max((similarity(message, m) for m in quoted_messages(corpus, index, rid, lang, code.slug)),
                           default=0.0)
                scored[rid] = max(scored.get(rid, 0.0), best)
        if scored:
            ranked = sorted(scored, key=lambda rid: (-round(scored[rid], 6), rid))
            refs[lang] = [{**runbook_ref(corpus, rid, lang, site_url), "match": round(scored[rid], 2)}
                          for rid in ranked]
    return refs


def lookup(text: str, root: Path, site_url: str, langs: tuple[str, ...] | None = None) -> dict:
    """Codes in `text` (as logs print them, or in any case, with or without the hyphen) with the runbooks
    quoting them, per language (`langs`: only those): first-seen order, except that the exceptions of a
    Java stack trace come root cause first (the last `Caused by:` first). A code's runbooks come in order
    of how alike the message they quote after it is to the one pasted."""
    corpus = loader.load(root)
    index = build_index(corpus)
    langs = langs or registry.language_codes()
    found = find(text)
    found = sorted(found + loose_matches(text, index, found), key=lambda m: m.start)
    results: list[dict] = []
    seen: set[str] = set()
    for match, place in root_cause_first(text, found, lambda m: m.family.kind == "exception" and not m.short):
        known = index.resolve(match.slug) if match.short else index.get(match.slug)
        if match.short and known is None:
            continue  # a short name no runbook's qualified name explains (`TypeError`): not a code
        slug = known.slug if known is not None else match.slug
        if slug in seen:
            continue
        seen.add(slug)
        codes = [known] if known is not None else []
        if known is not None and known.choices:  # a short name of several classes: the runbooks of each
            codes += [index.codes[choice] for choice in known.choices]
        message = message_of(text, match)
        item = {"code": known.code if known is not None else match.code, "family": match.family.id,
                "description": match.family.description[langs[0] if len(langs) == 1 else
                                                        registry.default_language().code],
                "message": message, "runbooks": _refs(corpus, index, codes, site_url, message, langs)}
        if known is not None and known.choices:
            item["choices"] = [index.codes[choice].code for choice in known.choices]
        if place.trace:
            item["trace"] = {"number": place.trace, "depth": place.depth}
        results.append(item)
    return {"codes": results, "matched": any(r["runbooks"] for r in results)}


def print_text(result: dict, stream) -> None:
    if not result["codes"]:
        stream.write("No error code found in the input.\n")
        return
    for item in result["codes"]:
        trace = item.get("trace")
        where = ""
        if trace:
            where = f"  (stack trace {trace['number']}, " + (
                f"caused-by level {trace['depth']})" if trace["depth"] else "outermost)")
        stream.write(f"{item['code']}  [{item['family']}] {item['description']}{where}\n")
        if item.get("choices"):
            stream.write(f"  one of: {', '.join(item['choices'])}\n")
        if item["message"]:
            stream.write(f"  message: {item['message']}\n")
        if not item["runbooks"]:
            stream.write("  no runbook quotes this code\n")
        for lang, refs in item["runbooks"].items():
            for ref in refs:
                stream.write(f"  {lang:<6} {ref['id']:<14} {ref['url']}  {ref['title']}\n")


def run(args) -> int:
    try:
        text = read_input(args.source)
    except OSError as exc:
        print(f"{args.source}: cannot read ({exc.strerror or exc}). Fix: pass a readable log file, or - to read "
              "standard input.", file=sys.stderr)
        return 2
    problems = registry_problems()
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 2
    if args.lang and args.lang not in registry.language_codes():
        print(f"--lang {args.lang}: not a site language. Fix: use one of "
              f"{', '.join(registry.language_codes())}.", file=sys.stderr)
        return 2
    result = lookup(text, Path(args.root), args.site_url, (args.lang,) if args.lang else None)
    try:
        if args.json:
            json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        else:
            print_text(result, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader stopped reading (`| head`): not an error; nothing more to write, not even at exit
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
    return 0 if result["matched"] else 1


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("lookup", help="find the runbooks for the error codes in a log file or pasted text")
    p.add_argument("source", help="log file, or - to read standard input")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--lang", help="only the runbooks of this language (en, fr, pt-BR, ja)")
    p.add_argument("--root", default=str(RUNBOOKS), help="runbooks folder (default: runbooks/)")
    p.add_argument("--site-url", default=os.environ.get("SITE_URL", ""),
                   help="base URL of the published site (default: $SITE_URL; else site-root paths)")
    p.set_defaults(func=run)
