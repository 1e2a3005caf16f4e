"""`python -m hooks merge-groups DIR... --site-dir site`: the site from the language groups that
`build-group` built (the deploy workflow's final job), merged as `python -m hooks build` merges them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hooks.base.paths import REPO
from hooks.base.problems import ProblemError
from hooks.build import scale_out
from hooks.finish import output_audit


def run(args) -> int:
    try:
        problems = scale_out.merge_groups([Path(f) for f in args.folders], Path(args.site_dir),
                                          Path(args.config_file))
    except ProblemError as exc:
        print(str(exc.problem), file=sys.stderr)
        return 1
    except output_audit.LeakError as exc:
        print(f"ERROR   -  {exc}", file=sys.stderr)
        print(f"merge failed: {args.site_dir} was left as it was", file=sys.stderr)
        return 1
    for problem in problems:
        print(f"WARNING -  kb-runbooks: {problem}", file=sys.stderr)
    return 1 if problems and not args.no_strict else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("merge-groups", help="merge the language groups build-group built into the site")
    p.add_argument("folders", nargs="+", metavar="DIR", help="the folders build-group wrote (any order)")
    p.add_argument("--site-dir", default=str(REPO / "site"))
    p.add_argument("--config-file", default=str(REPO / "mkdocs.yml"))
    p.add_argument("--no-strict", action="store_true", help="do not fail on link problems")
    p.set_defaults(func=run)
