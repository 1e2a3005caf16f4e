from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hooks.base.paths import RUNBOOKS
from hooks.commands.validate import print_problems
from hooks.corpus import translations
from hooks.rules import loader
from hooks.site.status_page import status_text


def run(args) -> int:
    loaded = loader.load(Path(args.root))
    if loaded.problems:
        print_problems(loaded.problems, "human", sys.stderr)
        print(f"{len(loaded.problems)} problem(s) in runbooks/: fix them first (`python -m hooks validate`).",
              file=sys.stderr)
        return 2
    sys.stdout.write(status_text(loaded))
    rows = translations.status(loaded)
    failing = [state for state in args.fail_on if translations.count(rows, state)]
    if failing:
        print(f"failing: there are {' and '.join(failing)} translations (--fail-on).", file=sys.stderr)
        return 1
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("translations", help="print every runbook's translation status (up to date, stale, missing)")
    p.add_argument("--root", default=str(RUNBOOKS), help="runbooks folder (default: runbooks/)")
    p.add_argument("--fail-on", action="append", default=[], choices=(translations.STALE, translations.MISSING),
                   help="exit 1 when a translation is in this state (repeatable)")
    p.set_defaults(func=run)
