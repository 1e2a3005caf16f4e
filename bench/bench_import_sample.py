"""Import the whole KB sample (80 articles × 4 languages) and build seeds + sample with --strict.

Targets: first import and re-import in seconds (< 15 s each on the 2-core CI machine), the strict
build of ~330 runbooks × 4 languages under 90 s.
"""

import tempfile
import time
from pathlib import Path

from hooks.cli import main
from testkit.paths import FULL_SAMPLE as CORPUS
from testkit.projects import build_site, copy_project

TARGETS = {"import": 15.0, "re-import": 15.0, "build": 90.0}


def _timed(label: str, func) -> tuple[float, object]:
    start = time.perf_counter()
    value = func()
    elapsed = time.perf_counter() - start
    print(f"{label:>10}: {elapsed:6.2f} s (target < {TARGETS[label]:.0f} s)")
    return elapsed, value


def run() -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        root = str(project / "runbooks")
        times = {}
        times["import"], code = _timed("import", lambda: main(["import", "-q", str(CORPUS), "--root", root]))
        times["re-import"], again = _timed("re-import", lambda: main(["import", "-q", str(CORPUS), "--root", root]))
        times["build"], result = _timed("build", lambda: build_site(project, project / "site"))
        runbooks = sum(1 for _ in (project / "runbooks").glob("*/*.md"))
        print(f"{runbooks} runbook files; build exit status {result.returncode}")
    ok = code == 0 and again == 0 and result.returncode == 0
    return ok and all(times[key] < TARGETS[key] for key in TARGETS)
