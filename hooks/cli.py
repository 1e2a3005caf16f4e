"""`python -m hooks <command>`: the same functions the build uses."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from hooks import registry

REPO = Path(__file__).resolve().parent.parent
RUNBOOKS = REPO / "runbooks"


def _print_problems(problems, fmt: str, stream) -> None:
    if fmt == "json":
        json.dump([p.__dict__ for p in problems], stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    color = fmt == "human" and stream.isatty() and not os.environ.get("NO_COLOR")
    for p in problems:
        if fmt == "github":
            message = f"[{p.rule}] {p.message} Fix: {p.fix}".replace("%", "%25").replace("\n", "%0A")
            stream.write(f"::{p.severity} file={p.path},line={p.line},col={p.column}::{message}\n")
        elif color:
            stream.write(f"\033[1m{p.path}:{p.line}:{p.column}\033[0m: \033[31m{p.severity}\033[0m "
                         f"[{p.rule}] {p.message} \033[32mFix: {p.fix}\033[0m\n")
        else:
            stream.write(f"{p}\n")


def cmd_validate(args) -> int:
    from hooks import corpus

    root = Path(args.root)
    paths = None
    if args.paths:
        paths = []
        for item in args.paths:
            path = Path(item)
            paths.extend(sorted(path.glob("*/*.md")) if path.is_dir() else [path])
        # cross-file rules need the translations: read the whole tree, report on the given files
        full = corpus.load(root)
        wanted = {corpus.display_path(p, root) for p in paths}
        problems = [p for p in full.problems if p.path in wanted]
        extra = [p for p in paths if corpus.display_path(p, root) not in
                 {r.path for r in full.runbooks} | {p.path for p in full.problems}]
        if extra:
            problems += corpus.load(root, extra).problems
    else:
        problems = corpus.load(root).problems
    _print_problems(problems, args.format, sys.stdout)
    if args.format == "human":
        files = "all runbooks" if not args.paths else f"{len(paths)} file(s)"
        print(f"{len(problems)} problem(s) in {files}." if problems else f"{files}: no problems.",
              file=sys.stderr)
    return 1 if problems else 0


def cmd_import(args) -> int:
    from hooks.importer import ImportReport, import_one

    root = Path(args.root)
    report = ImportReport()
    for item in args.files:
        source = Path(item)
        lang = args.lang
        if lang is None:
            lang = registry.language_from_kb_folder(source.parent.parent.name) or registry.language_from_kb_folder(
                source.parent.name)
        if lang not in registry.language_codes():
            print(f"{source}: unknown language {lang!r}; pass --lang {'|'.join(registry.language_codes())}",
                  file=sys.stderr)
            return 2
        import_one(source, lang, root, report, force=args.force)
    for message in report.messages:
        print(message)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    for shown, reason in report.skipped:
        print(f"skipped {shown}: {reason}", file=sys.stderr)
    print(f"imported {len(report.imported)}, updated {len(report.updated)}, unchanged {len(report.unchanged)}, "
          f"skipped {len(report.skipped)}, failed {len(report.problems)}")
    for line in report.updated:
        print(f"updated {line}")
    return 0 if report.ok and not report.skipped else 1


def cmd_build(args) -> int:
    from hooks.site_build import build

    return build(Path(args.site_dir), Path(args.config_file), strict=not args.no_strict, quiet=args.quiet)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m hooks", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check runbook front matter without building the site")
    p.add_argument("paths", nargs="*", help="runbook files or folders (default: all of runbooks/)")
    p.add_argument("--root", default=str(RUNBOOKS), help=argparse.SUPPRESS)
    p.add_argument("--format", choices=("human", "github", "json"), default="human")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("import", help="turn KB articles into runbooks")
    p.add_argument("files", nargs="+", help="KB article Markdown files")
    p.add_argument("--lang", choices=registry.language_codes(), help="language of the files")
    p.add_argument("--root", default=str(RUNBOOKS), help="runbooks folder (default: runbooks/)")
    p.add_argument("--force", action="store_true", help="overwrite a newer runbook with an older version")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("build", help="build the site; the previous site stays until the new one is complete")
    p.add_argument("--site-dir", default=str(REPO / "site"))
    p.add_argument("--config-file", default=str(REPO / "mkdocs.yml"))
    p.add_argument("--no-strict", action="store_true", help="do not fail on warnings")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_build)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and 2
    return args.func(args)
