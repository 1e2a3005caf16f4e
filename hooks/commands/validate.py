from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from hooks.base import cores
from hooks.base.paths import RUNBOOKS
from hooks.base.problems import Problem
from hooks.corpus import model
from hooks.rules import loader


def use_color(stream, choice: str = "auto") -> bool:
    """Colour on a terminal unless NO_COLOR is set (https://no-color.org); forced with --color always."""
    if choice != "auto":
        return choice == "always"
    return stream.isatty() and not os.environ.get("NO_COLOR")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def print_problems(problems: list[Problem], fmt: str, stream, color_choice: str = "auto") -> None:
    if fmt == "json":
        json.dump([p.__dict__ for p in problems], stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    color = fmt == "human" and use_color(stream, color_choice)
    for p in problems:
        if fmt == "github":
            message = _escape_data(f"[{p.rule}] {p.message} Fix: {p.fix}")
            stream.write(f"::{p.severity} file={_escape_property(p.path)},line={p.line},col={p.column}::{message}\n")
        elif color:
            stream.write(f"\033[1m{p.path}:{p.line}:{p.column}\033[0m: \033[31m{p.severity}\033[0m "
                         f"[{p.rule}] {p.message} \033[32mFix: {p.fix}\033[0m\n")
        else:
            stream.write(f"{p}\n")


def collect(root: Path, items: list[str]) -> tuple[list[Problem], int | None]:
    if not items:  # the whole tree: read and checked on every core
        return loader.load_for_validate(root, cores.count()).problems, None
    paths: list[Path] = []
    for item in items:
        path = Path(item)
        paths.extend(sorted(path.rglob("*.md")) if path.is_dir() else [path])
    # cross-file rules need every translation: read the whole tree, report on the files asked for
    full = loader.load(root)
    wanted = {model.display_path(p, root) for p in paths}
    problems = [p for p in full.problems if p.path in wanted]
    known = {r.path for r in full.runbooks} | {p.path for p in full.problems}
    outside = [p for p in paths if model.display_path(p, root) not in known]
    if outside:
        problems += [p for p in loader.load(root, outside).problems if p.path in wanted]
    return sorted(problems), len(paths)


def usage_error(args) -> str | None:
    """What makes the command line unusable (exit status 2), or None."""
    if not Path(args.root).is_dir():
        return f"runbooks folder not found: {args.root} (use --root to name it)"
    for item in args.paths:
        if not Path(item).exists():
            return f"no such file or folder: {item}"
    return None


def run(args) -> int:
    error = usage_error(args)
    if error:
        print(f"python -m hooks validate: error: {error}", file=sys.stderr)
        return 2
    if args.ci:
        os.environ["CI"] = "true"  # leak-lint findings become errors, as in CI
    problems, count = collect(Path(args.root), args.paths)
    print_problems(problems, args.format, sys.stdout, args.color)
    if args.format == "human":
        what = "runbooks/" if count is None else f"{count} file(s)"
        print(f"{len(problems)} problem(s) in {what}." if problems else f"{what}: no problems.", file=sys.stderr)
    return 1 if any(p.severity == "error" for p in problems) else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check runbook front matter without building the site")
    p.add_argument("paths", nargs="*", help="runbook files or folders (default: all of runbooks/)")
    p.add_argument("--root", default=str(RUNBOOKS), help="runbooks folder (default: runbooks/)")
    p.add_argument("--format", choices=("human", "github", "json"), default="human",
                   help="human (default), github (Actions annotations) or json")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="colour in human output (default: on a terminal, unless NO_COLOR is set)")
    p.add_argument("--ci", action="store_true", help="report leak-lint warnings as errors (default when $CI is set)")
    p.set_defaults(func=run)
