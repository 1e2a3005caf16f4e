"""Build the site into a fresh folder and swap it in only when the build succeeded.

A failed or interrupted build never replaces the last good site.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from hooks.base import cores, registry
from hooks.build import parallel_build
from hooks.build.timings import BuildTimings


def build(site_dir: Path, config_file: Path, strict: bool = True, quiet: bool = False,
          jobs: int | None = None, timings: Path | None = None) -> int:
    """`jobs`: parallel MkDocs processes (language groups); default: one per available core. `timings`:
    a JSON file where the CPU time of each phase goes, written when the build succeeded (build/timings.py)."""
    phases = BuildTimings(enabled=timings is not None)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = site_dir.with_name(f".{site_dir.name}.building-{os.getpid()}")
    old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    args = ["build", "--config-file", str(config_file)]
    if strict:
        args.append("--strict")
    if quiet:
        args.append("--quiet")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    returncode = parallel_build.run(args, config_file, staging, registry.language_codes(),
                                    jobs or cores.count(), quiet=quiet, strict=strict, timings=phases)
    if returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"build failed: {site_dir} was left as it was", file=sys.stderr)
        return returncode
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    if timings is not None:
        phases.write(timings)
    return 0
