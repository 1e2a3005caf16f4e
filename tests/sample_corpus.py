"""The sample KB corpus (../shared/corpus/kcs-sample) imported into a throwaway project, for build tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

from hooks import corpus
from hooks.cli import main
from tests.conftest import CORPUS, copy_project

KB_FOLDERS = {"en": "en", "fr": "fr-FR", "pt-BR": "pt-BR", "ja": "ja-JP"}


def import_sample(project: Path) -> list[str]:
    """Import every sample article; drop the few that import leaves invalid (the import issue's work).

    Returns the dropped runbooks (repository-relative paths).
    """
    root = project / "runbooks"
    for lang, folder in KB_FOLDERS.items():
        files = sorted(str(p) for p in (CORPUS / folder / "articles").glob("*.md"))
        main(["import", *files, "--lang", lang, "--root", str(root)])
    with mock.patch.dict(os.environ):
        os.environ.pop("CI", None)  # the sample's unredacted IPs are leak-lint errors in CI; keep them
        dropped = sorted({p.path for p in corpus.load(root).problems if p.severity == "error"})
    for shown in dropped:
        (project / shown).unlink()
    return dropped


def sample_project(dest: Path) -> Path:
    project = copy_project(dest, with_runbooks=False)
    import_sample(project)
    return project


def build(project: Path, site: Path, strict: bool = True, **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build` as a contributor runs it (CI unset unless given).

    The imported sample links images that import does not copy yet (the import issue's work), which
    --strict reports; the output audit fails the build with or without --strict.
    """
    environ = {k: v for k, v in os.environ.items() if k not in ("CI", "SOURCE_DATE_EPOCH")}
    environ.update({"NO_MKDOCS_2_WARNING": "1", **env})
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(project / "mkdocs.yml"),
               "--site-dir", str(site), "--strict" if strict else "--no-strict"]
    return subprocess.run(command, capture_output=True, text=True, env=environ, check=False)
