from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hooks import registry
from hooks.importer import ImportReport, import_one
from hooks.paths import RUNBOOKS


def language_of(source: Path, given: str | None) -> str | None:
    if given:
        return given
    for folder in (source.parent.parent.name, source.parent.name):
        found = registry.language_from_kb_folder(folder)
        if found:
            return found
    return None


def run(args) -> int:
    root = Path(args.root)
    report = ImportReport()
    for item in args.files:
        source = Path(item)
        lang = language_of(source, args.lang)
        if lang is None:
            print(f"{source}: cannot tell the language from the folder; pass --lang "
                  f"{'|'.join(registry.language_codes())}", file=sys.stderr)
            return 2
        import_one(source, lang, root, report, force=args.force)
    for message in report.messages:
        print(message)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    for shown, reason in report.skipped:
        print(f"skipped {shown}: {reason}", file=sys.stderr)
    for line in report.updated:
        print(f"updated {line}")
    print(f"imported {len(report.imported)}, updated {len(report.updated)}, unchanged {len(report.unchanged)}, "
          f"skipped {len(report.skipped)}, failed {len(report.problems)}")
    return 0 if report.ok and not report.skipped else 1


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="turn KB articles into runbooks")
    p.add_argument("files", nargs="+", help="KB article Markdown files")
    p.add_argument("--lang", choices=registry.language_codes(), help="language of the files")
    p.add_argument("--root", default=str(RUNBOOKS), help="runbooks folder (default: runbooks/)")
    p.add_argument("--force", action="store_true", help="overwrite a newer runbook with an older version")
    p.set_defaults(func=run)
