"""`python -m hooks <command>`: the same functions the build uses."""

from __future__ import annotations

import argparse
import importlib

# Each entry is a module of hooks.commands with register(subparsers); add new commands here.
COMMANDS = (
    "import_kb",
    "validate",
    "build",
    "build_group",
    "merge_groups",
    "lookup",
    "translations",
    "new",
    "check_external",
    "audit",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m hooks", description="KB Runbooks command line")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"hooks.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code in (0, None) else 2
    return args.func(args)
