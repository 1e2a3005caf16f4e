from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from hooks.base import registry
from hooks.base.paths import RUNBOOKS
from hooks.corpus import model
from hooks.corpus.runbook_format import runbook_path, write_atomic
from hooks.kb.scaffold import ScaffoldError, check_products, scaffold
from hooks.rules import loader
from hooks.rules import products as products_module


def _list(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def run(args) -> int:
    root = Path(args.root)
    langs = _list(args.lang)
    unknown = [code for code in langs if code not in registry.language_codes()]
    if not langs or unknown:
        print(f"unknown language {', '.join(unknown) or '(none)'}: use --lang with one or more of "
              f"{','.join(registry.language_codes())}", file=sys.stderr)
        return 2
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    existing = loader.load(root)
    try:
        products = check_products(_list(args.product), products_module.for_root(root))
        planned = []
        for lang in langs:
            path = runbook_path(root, lang, args.id)
            if path.exists():
                raise ScaffoldError(f"{model.display_path(path, root)} already exists: edit it, or pick "
                                    "another language or id")
            planned.append((path, scaffold(args.id, lang, existing, args.title, products, now, args.exl_id)))
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path, text in planned:
        write_atomic(path, text)
    written = [model.display_path(path, root) for path, _ in planned]
    problems = [p for p in loader.load(root).problems if p.path in written]
    for shown in written:
        print(f"created {shown}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print("next: write the sections, then run `make validate` and `make serve`")
    return 1 if problems else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="scaffold a runbook (front matter and sections) in one or more languages")
    p.add_argument("id", help="KA-NNNNN, KT-NNNNN or exl-<8 hex digits>")
    p.add_argument("--lang", required=True, help=f"comma-separated: {','.join(registry.language_codes())}")
    p.add_argument("--title", help="title (default: a placeholder in the runbook's language)")
    p.add_argument("--product", help="comma-separated product names from hooks/data/products.yml "
                                     "(default: those of an existing translation)")
    p.add_argument("--exl-id", help="for exl-<8 hex> ids: the page's full exl-id (a UUID)")
    p.add_argument("--root", default=str(RUNBOOKS), help="runbooks folder (default: runbooks/)")
    p.set_defaults(func=run)
