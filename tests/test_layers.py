"""The packages import only downwards (ARCHITECTURE.md), checked by import-linter's contracts in
pyproject.toml; no module of ours is imported inside a function (the way a cycle is dodged)."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(project), "COLUMNS": "400"}  # one line per contract
    return subprocess.run([str(LINT_IMPORTS), "--config", str(project / "pyproject.toml"), "--no-cache"],
                          capture_output=True, text=True, cwd=project, env=env, check=False)


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "hooks", tmp_path / "hooks", ignore=shutil.ignore_patterns("__pycache__", "theme", "data"))
    shutil.copy2(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_repository_keeps_every_contract():
    result = _lint(REPO)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


# an import planted in a module → the contract that must then be broken
PLANTED = {
    "corpus/model.py": "from hooks.site import site_pages  # The flow",
    "base/urls.py": "from hooks.engine import fast  # The flow",
    "site/header.py": "import mkdocs.plugins  # The domain knows no engine",
    "finish/links.py": "import markdown  # The domain knows no engine",
    "render/media.py": "import jinja2  # never the engine",
    "site/banners.py": "from hooks.kb import importer  # command's business",
}


@pytest.mark.parametrize("module", sorted(PLANTED))
def test_an_import_against_the_flow_is_refused(tmp_path, module):
    line, contract = PLANTED[module].split("  # ")
    project = _copy(tmp_path)
    path = project / "hooks" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    result = _lint(project)
    assert result.returncode != 0
    broken = [text for text in result.stdout.splitlines() if text.endswith("BROKEN")]
    assert any(contract in text for text in broken), result.stdout[-3000:]


def _imports_in_functions(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                names = [node.module or ""] if isinstance(node, ast.ImportFrom) else (
                    [alias.name for alias in node.names] if isinstance(node, ast.Import) else [])
                if any(name == "hooks" or name.startswith("hooks.") for name in names):
                    found.append(f"{path.relative_to(root.parent)}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_module_of_ours_is_imported_inside_a_function():
    assert _imports_in_functions(REPO / "hooks") == []


def test_an_import_inside_a_function_is_found(tmp_path):
    project = _copy(tmp_path)
    (project / "hooks" / "base" / "late.py").write_text("def f():\n    from hooks.corpus import model\n")
    assert _imports_in_functions(project / "hooks") == [
        "hooks/base/late.py:2: from hooks.corpus import model"]


def test_the_benchmarks_do_not_import_the_tests():
    """bench/ shares helpers with the tests through testkit/, never through tests/ (a test module)."""
    found = [f"{path.name}:{node.lineno}" for path in sorted((REPO / "bench").rglob("*.py"))
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.ImportFrom | ast.Import)
             and any(name == "tests" or name.startswith("tests.") for name in (
                 [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]))]
    assert found == []


def test_test_folders_mirror_the_packages():
    """tests/<package>/ holds the unit tests of hooks/<package>/ (browser tests, data and fixtures aside)."""
    packages = {p.parent.relative_to(REPO / "hooks").as_posix() for p in (REPO / "hooks").rglob("__init__.py")}
    folders = {p.parent.relative_to(REPO / "tests").as_posix() for p in (REPO / "tests").rglob("__init__.py")
               if p.parent != REPO / "tests"}
    assert folders - {"browser"} <= packages, f"test folders with no package of the same name: {folders - packages}"
