"""Throwaway copies of the project, built with the real MkDocs (or another engine) like `make build`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from testkit.paths import REPO

MKDOCS = (sys.executable, "-m", "mkdocs")


def build_site(project: Path, site: Path, strict: bool = True, env: dict | None = None,
               args: tuple[str, ...] = (), engine: tuple[str, ...] = MKDOCS) -> subprocess.CompletedProcess:
    """Build `project` (a folder with mkdocs.yml) with the real MkDocs, like `make build` does, or with
    another `engine` taking the same command line (ProperDocs: tests/test_properdocs.py)."""
    command = [*engine, "build", "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site), *args]
    if strict:
        command.append("--strict")
    # CI=true turns leak-lint warnings into errors for the repository's runbooks; test projects (the KB
    # sample has unredacted IPs) are built as on a contributor's machine. tests/rules/test_leak_lint.py covers CI.
    env = {**{k: v for k, v in os.environ.items() if k != "CI"}, "NO_MKDOCS_2_WARNING": "1",
           **_own_code(project), **(env or {})}
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False, cwd=project)


def _own_code(project: Path) -> dict[str, str]:
    """A copied project builds with its own `hooks` package (and data files), run from its folder: mkdocs.yml
    names the Markdown extension `hooks.render.markdown_fixes`, which MkDocs imports before the hook file could put
    the project first on the path."""
    return {"PYTHONPATH": str(project)} if (project / "hooks" / "__init__.py").is_file() else {}


def hooks_build(project: Path, site: Path, jobs: int, quiet: bool = True, args: tuple[str, ...] = (),
                env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m hooks build` of `project` with `jobs` language groups, as `make build` runs it."""
    command = [sys.executable, "-m", "hooks", "build", "--config-file", str(project / "mkdocs.yml"),
               "--site-dir", str(site), "--jobs", str(jobs), *(["--quiet"] if quiet else []), *args]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **_own_code(project), **(env or {})}
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False, cwd=project)


def site_differences(a: Path, b: Path, pattern: str = "*") -> list[str]:
    """What differs between two built sites, among the entries matching `pattern` at any depth: those only
    one site has (folders end with '/'), then the files that are not the same byte for byte."""
    def entries(site: Path) -> set[str]:
        return {p.relative_to(site).as_posix() + ("/" if p.is_dir() else "") for p in site.rglob(pattern)}

    in_a, in_b = entries(a), entries(b)
    return sorted(in_a ^ in_b) + sorted(p for p in in_a & in_b
                                        if not p.endswith("/") and (a / p).read_bytes() != (b / p).read_bytes())


def copy_project(dest: Path, with_runbooks: bool = True) -> Path:
    """A throwaway copy of the project (config, docs, hooks, and optionally runbooks)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "docs", dest / "docs")
    shutil.copytree(REPO / "hooks", dest / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    if with_runbooks:
        shutil.copytree(REPO / "runbooks", dest / "runbooks")
        if (REPO / ".internal-values").exists():  # what the output audit looks for (hooks/rules/internal_values.py)
            shutil.copy2(REPO / ".internal-values", dest / ".internal-values")
    else:
        (dest / "runbooks").mkdir()
    return dest
