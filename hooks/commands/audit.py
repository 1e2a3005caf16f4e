"""`python -m hooks audit [SITE]`: the output audit the build runs, on an existing site folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hooks.base.paths import REPO, RUNBOOKS
from hooks.commands.validate import print_problems
from hooks.finish import output_audit
from hooks.rules import internal_values


def run(args) -> int:
    site = Path(args.site)
    if not site.is_dir():
        print(f"{site}: no such folder; build the site first (make build)", file=sys.stderr)
        return 2
    denylist = internal_values.load(Path(args.root))
    problems = output_audit.audit_site(site, denylist, label=site.name)
    print_problems(problems, args.format, sys.stdout)
    if args.format == "human":
        print(f"{len(problems)} internal value(s) in {site}." if problems else
              f"{site}: nothing internal found ({len(denylist)} recorded values checked).", file=sys.stderr)
    return 1 if problems else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="look for internal KB data in a built site")
    p.add_argument("site", nargs="?", default=str(REPO / "site"), help="site folder (default: site/)")
    p.add_argument("--root", default=str(RUNBOOKS),
                   help="runbooks folder; recorded values are read from .internal-values beside it")
    p.add_argument("--format", choices=("human", "github", "json"), default="human")
    p.set_defaults(func=run)
