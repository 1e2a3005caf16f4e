"""The pre-commit hooks run validate on changed runbooks and ruff on changed Python files."""

from __future__ import annotations

import re
import shlex
import subprocess

import yaml

from tests.conftest import REPO

CONFIG = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
HOOKS = {hook["id"]: hook for repo in CONFIG["repos"] for hook in repo["hooks"]}

BAD_RUNBOOK = """---
id: KT-99003
type: guide
language: fr
title: Un runbook
description: Une description.
product: [Campain]
---

# Un runbook
"""


def run_hook(hook_id: str, *files) -> subprocess.CompletedProcess:
    """Run a hook the way pre-commit does: its entry, from the repository root, with the changed files."""
    return subprocess.run([*shlex.split(HOOKS[hook_id]["entry"]), *map(str, files)], cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=False)


def test_validate_hook_selects_only_runbooks():
    pattern = re.compile(HOOKS["validate-runbooks"]["files"])
    assert pattern.search("runbooks/fr/KA-19371.md") and pattern.search("runbooks/pt-BR/exl-a039a288.md")
    assert not pattern.search("docs/fr/index.md") and not pattern.search("hooks/data/ui/site.yml")
    assert HOOKS["ruff"]["types"] == ["python"]


def test_validate_hook_passes_good_runbooks_and_names_the_line_of_a_bad_one(tmp_path):
    assert run_hook("validate-runbooks", REPO / "runbooks" / "fr" / "KA-19371.md").returncode == 0
    bad = tmp_path / "fr" / "KT-99003.md"
    bad.parent.mkdir()
    bad.write_text(BAD_RUNBOOK, encoding="utf-8")
    result = run_hook("validate-runbooks", bad)
    assert result.returncode == 1
    assert re.search(r"KT-99003\.md:7:\d+: error \[unknown-product\] .*did you mean 'Campaign'", result.stdout)


def test_ruff_hook_fails_on_a_changed_python_file_with_problems(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n", encoding="utf-8")
    result = run_hook("ruff", bad)
    assert result.returncode == 1 and "F401" in result.stdout
    assert run_hook("ruff", REPO / "hooks" / "finish" / "links.py").returncode == 0
