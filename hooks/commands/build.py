from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from hooks.base.paths import REPO
from hooks.base.site_url import publish_problem
from hooks.build.site_build import build


def run(args) -> int:
    if args.publish:
        problem = publish_problem(os.environ.get("SITE_URL", ""))
        if problem:
            print(problem, file=sys.stderr)
            return 2
    return build(Path(args.site_dir), Path(args.config_file), strict=not args.no_strict, quiet=args.quiet,
                 jobs=args.jobs, timings=Path(args.timings) if args.timings else None)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="build the site; the previous site stays until the new one is complete")
    p.add_argument("--site-dir", default=str(REPO / "site"))
    p.add_argument("--config-file", default=str(REPO / "mkdocs.yml"))
    p.add_argument("--no-strict", action="store_true", help="do not fail on warnings")
    p.add_argument("--quiet", action="store_true")
    p.add_argument("--jobs", type=int, default=None,
                   help="parallel MkDocs processes, one group of languages each (default: one per core)")
    p.add_argument("--timings", metavar="FILE",
                   help="write where the CPU time goes, phase by phase, to FILE (JSON: CPU and wall seconds)")
    p.add_argument("--publish", action="store_true",
                   help="a build to publish (make build): SITE_URL must give the site's public address")
    p.set_defaults(func=run)
