"""`python -m hooks build-group --part I --parts N --out DIR`: one language group of the site, as one
job of the deploy workflow's matrix builds it (hooks/build/scale_out.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hooks.base.paths import REPO
from hooks.build import scale_out


def run(args) -> int:
    try:
        languages = scale_out.languages_of(args.part, args.parts)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"building group {args.part} of {args.parts}: {', '.join(languages)}", file=sys.stderr)
    return scale_out.build_group(args.part, args.parts, Path(args.out), Path(args.config_file),
                                 strict=not args.no_strict, quiet=args.quiet)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build-group", help="build one language group (a matrix job); merge-groups joins them")
    p.add_argument("--part", type=int, required=True, help="which group, from 0")
    p.add_argument("--parts", type=int, required=True, help="how many groups the site is split into")
    p.add_argument("--out", required=True, help="folder for the group's site and state")
    p.add_argument("--config-file", default=str(REPO / "mkdocs.yml"))
    p.add_argument("--no-strict", action="store_true", help="do not fail on warnings")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=run)
