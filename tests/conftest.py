from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus" / "kcs-sample"
LANGS = ("en", "fr", "pt-BR", "ja")
SEED_LANGS = {"000": "fr", "001": "pt-BR", "002": "ja", "003": "fr", "004": "fr"}


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def build_site(project: Path, site: Path, strict: bool = True) -> subprocess.CompletedProcess:
    """Build `project` (a folder with mkdocs.yml) with the real MkDocs, like `make build` does."""
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(project / "mkdocs.yml"),
               "--site-dir", str(site)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def copy_project(dest: Path, with_runbooks: bool = True) -> Path:
    """A throwaway copy of the project (config, docs, hooks, and optionally runbooks)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "docs", dest / "docs")
    shutil.copytree(REPO / "hooks", dest / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    if with_runbooks:
        shutil.copytree(REPO / "runbooks", dest / "runbooks")
    else:
        (dest / "runbooks").mkdir()
    return dest


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The repository's own site, built once per session with --strict."""
    site = tmp_path_factory.mktemp("site") / "site"
    result = build_site(REPO, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")
