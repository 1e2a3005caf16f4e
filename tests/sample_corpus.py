"""Build a throwaway project the way a contributor does, whatever the CI variable of the test run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def build(project: Path, site: Path, strict: bool = True, **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build` with CI and SOURCE_DATE_EPOCH unset unless given (leak-lint findings are then warnings)."""
    environ = {k: v for k, v in os.environ.items() if k not in ("CI", "SOURCE_DATE_EPOCH")}
    environ.update({"NO_MKDOCS_2_WARNING": "1", **env})
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(project / "mkdocs.yml"),
               "--site-dir", str(site), "--strict" if strict else "--no-strict"]
    return subprocess.run(command, capture_output=True, text=True, env=environ, check=False)
