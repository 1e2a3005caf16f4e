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


def build(site_dir: Path, config_file: Path, strict: bool = True, quiet: bool = False,
          jobs: int | None = None) -> int:
    """`jobs`: parallel MkDocs processes (language groups); default: one per available core."""
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
                                    jobs or cores.count(), quiet=quiet, strict=strict)
    if returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"build failed: {site_dir} was left as it was", file=sys.stderr)
        return returncode
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    return 0
