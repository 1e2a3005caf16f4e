"""`python -m hooks lookup FILE|-`: the runbooks for every error code in a log or pasted text."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from hooks import corpus as corpus_module
from hooks import registry
from hooks.api_json import runbook_ref
from hooks.error_codes import build_index, find, message_after, registry_problems
from hooks.paths import RUNBOOKS


def read_input(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    return Path(source).read_text(encoding="utf-8", errors="replace")


def lookup(text: str, root: Path, site_url: str) -> dict:
    """Codes in `text` (first-seen order) with the runbooks quoting them, per language."""
    corpus = corpus_module.load(root)
    index = build_index(corpus)
    results: list[dict] = []
    seen: set[str] = set()
    for match in find(text):
        if match.slug in seen:
            continue
        seen.add(match.slug)
        known = index.get(match.slug)
        runbooks = {}
        if known is not None:
            runbooks = {lang: [runbook_ref(corpus, rid, lang, site_url) for rid in sorted(known.runbooks[lang])]
                        for lang in registry.language_codes() if known.runbooks.get(lang)}
        results.append({"code": match.code, "family": match.family.id,
                        "description": match.family.description[registry.default_language().code],
                        "message": message_after(text, match.end), "runbooks": runbooks})
    return {"codes": results, "matched": any(r["runbooks"] for r in results)}


def print_text(result: dict, stream) -> None:
    if not result["codes"]:
        stream.write("No error code found in the input.\n")
        return
    for item in result["codes"]:
        stream.write(f"{item['code']}  [{item['family']}] {item['description']}\n")
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
    result = lookup(text, Path(args.root), args.site_url)
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print_text(result, sys.stdout)
    return 0 if result["matched"] else 1


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("lookup", help="find the runbooks for the error codes in a log file or pasted text")
    p.add_argument("source", help="log file, or - to read standard input")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--root", default=str(RUNBOOKS), help="runbooks folder (default: runbooks/)")
    p.add_argument("--site-url", default=os.environ.get("SITE_URL", ""),
                   help="base URL of the published site (default: $SITE_URL; else site-root paths)")
    p.set_defaults(func=run)
