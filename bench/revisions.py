"""`python -m bench.revisions --base REV`: is this working tree's build slower, or its output larger or
different, than REV's? Both build the same real KB export, in turns, in one run.

REV is checked out into a temporary git worktree; each side gets a project of its own (its mkdocs.yml,
docs/, hooks/, runbooks/), imports the export with its own importer (`python -m hooks import`), then
builds it `--runs` times with `python -m hooks build`, the two sides alternating (so a machine that gets
slower or faster during the run weighs on both). Prints and writes (`--out`) the medians of wall and CPU
time, the output sizes and whether the two sites are the same byte for byte. Both sides run with this
checkout's virtual environment: a REV with other dependencies is not comparable this way.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from bench import measure
from testkit.paths import FULL_SAMPLE, MORE, REPO
from testkit.projects import site_differences

PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "runbooks")


@dataclass
class Side:
    name: str
    wall_s: list[float]
    cpu_s: list[float]
    output_bytes: int = 0

    def summary(self) -> dict:
        return {"wall_s_median": round(statistics.median(self.wall_s), 2),
                "cpu_s_median": round(statistics.median(self.cpu_s), 2), "output_bytes": self.output_bytes,
                **asdict(self)}


def _env(project: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"}


def make_project(checkout: Path, dest: Path, export: list[Path]) -> Path:
    """A project of `checkout`'s code with `export` imported by that code (no import: its own runbooks)."""
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = checkout / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / part)
    if export:
        command = [sys.executable, "-m", "hooks", "import", "-q", *map(str, export), "--root", str(dest / "runbooks")]
        result = subprocess.run(command, cwd=dest, env=_env(dest), capture_output=True, text=True, check=False)
        if result.returncode:
            raise SystemExit(f"import with {checkout} failed:\n{result.stderr[-3000:]}")
    return dest


def build(project: Path, site: Path) -> tuple[float, float]:
    """One `python -m hooks build`: (wall seconds, CPU seconds of the process tree)."""
    shutil.rmtree(site, ignore_errors=True)
    command = [sys.executable, "-m", "hooks", "build", "--config-file", str(project / "mkdocs.yml"),
               "--site-dir", str(site), "--quiet"]
    result = measure.run(command, cwd=project, env=_env(project))
    if result.returncode:
        raise SystemExit(f"the build of {project} failed:\n{result.output[-3000:]}")
    return result.seconds, result.cpu_seconds


def compare(base: str, export: list[Path], runs: int, work: Path) -> dict:
    checkout = work / "base-checkout"
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(checkout), base], check=True)
    try:
        projects = {"base": make_project(checkout, work / "base", export),
                    "working tree": make_project(REPO, work / "new", export)}
    finally:
        subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(checkout)], check=False)
    sides = {name: Side(name, [], []) for name in projects}
    for run in range(runs):
        for name in (list(projects) if run % 2 == 0 else list(reversed(projects))):
            wall, cpu = build(projects[name], work / f"site-{name.replace(' ', '-')}")
            sides[name].wall_s.append(round(wall, 2))
            sides[name].cpu_s.append(round(cpu, 2))
    for name, side in sides.items():
        site = work / f"site-{name.replace(' ', '-')}"
        side.output_bytes = measure.site_stats(site).bytes
    differences = site_differences(work / "site-base", work / "site-working-tree")
    new, old = sides["working tree"].summary(), sides["base"].summary()
    return {"base": base, "export": [str(p) for p in export], "runs": runs, "sides": {"base": old, "working tree": new},
            "wall_ratio": round(new["wall_s_median"] / old["wall_s_median"], 3),
            "cpu_ratio": round(new["cpu_s_median"] / old["cpu_s_median"], 3),
            "output_ratio": round(new["output_bytes"] / old["output_bytes"], 4),
            "identical": not differences, "differences": differences[:50]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.revisions", description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="the revision to compare with (a commit, tag or branch)")
    parser.add_argument("--export", type=Path, nargs="*", default=[FULL_SAMPLE, MORE],
                        help="KB export folders to import (default: ../shared/corpus kcs-sample and kcs-more; "
                             "none: build each checkout's own runbooks/)")
    parser.add_argument("--runs", type=int, default=3, help="builds of each side (default 3)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "revisions.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kb-revisions-") as work:
        report = compare(args.base, args.export, args.runs, Path(work))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    for name, side in report["sides"].items():
        print(f"{name:>13}: wall {side['wall_s_median']:.2f} s, CPU {side['cpu_s_median']:.2f} s, "
              f"output {side['output_bytes'] / 1e6:.1f} MB  (runs: {side['wall_s']})")
    print(f"working tree / base: wall {report['wall_ratio']}, CPU {report['cpu_ratio']}, output "
          f"{report['output_ratio']}; sites {'identical' if report['identical'] else 'DIFFERENT'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
