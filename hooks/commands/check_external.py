from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hooks.base.paths import REPO, RUNBOOKS
from hooks.base.problems import Problem
from hooks.commands.validate import print_problems
from hooks.finish import external_links
from hooks.rules import loader


def problems_of(report: external_links.Report, places: dict) -> list[Problem]:
    out = []
    for result in report.broken:
        for place in places[result.url]:
            out.append(Problem(place.path, place.line, place.column, "external-link",
                               f"{result.url} is broken: {result.error}",
                               "update or remove the link; if the site blocks robots, add it to "
                               "hooks/data/external-links-allowlist.txt"))
    return sorted(out)


def markdown(report: external_links.Report, places: dict) -> str:
    lines = ["Broken external links in runbooks (weekly check, `python -m hooks check-external`).", "",
             "| link | problem | quoted in |", "| --- | --- | --- |"]
    for result in report.broken:
        where = "<br>".join(f"`{p.path}:{p.line}`" for p in places[result.url])
        lines.append(f"| <{result.url}> | {result.error} | {where} |")
    lines += ["", f"{len(report.results)} link(s) checked ({report.cached} from the cache), "
                  f"{len(report.skipped)} allowlisted, {len(report.deferred)} rate-limited (next run), "
                  f"{len(report.broken)} broken."]
    return "\n".join(lines) + "\n"


def run(args) -> int:
    loaded = loader.load(Path(args.root))
    places = external_links.collect(loaded)
    report = external_links.check(
        list(places), external_links.Allowlist.read(Path(args.allowlist)),
        external_links.Cache(Path(args.cache) if args.cache else None, args.max_age * 3600),
        external_links.RateLimiter(args.interval), args.timeout, args.workers)
    if args.format == "markdown":
        sys.stdout.write(markdown(report, places))
    else:
        print_problems(problems_of(report, places), args.format, sys.stdout)
    print(f"{len(report.results)} external link(s) checked ({report.cached} from the cache), "
          f"{len(report.skipped)} allowlisted, {len(report.deferred)} rate-limited (checked next run), "
          f"{len(report.broken)} broken.", file=sys.stderr)
    return 1 if report.broken else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check-external", help="check external links (network; not part of the build)")
    p.add_argument("--root", default=str(RUNBOOKS), help="runbooks folder (default: runbooks/)")
    p.add_argument("--cache", default=str(REPO / ".cache" / "external-links.json"),
                   help="JSON cache of good results ('' for none)")
    p.add_argument("--max-age", type=float, default=168, help="hours a good result stays cached (default 168)")
    p.add_argument("--allowlist", default=str(REPO / "hooks" / "data" / "external-links-allowlist.txt"))
    p.add_argument("--interval", type=float, default=1.0, help="seconds between requests to one host (default 1)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for an answer (default 10)")
    p.add_argument("--workers", type=int, default=4, help="hosts checked in parallel (default 4)")
    p.add_argument("--format", choices=("human", "github", "json", "markdown"), default="human")
    p.set_defaults(func=run)
