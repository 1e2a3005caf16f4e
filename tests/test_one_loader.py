"""One loader, one list of problems (issue 15, point 5): `validate`, `mkdocs build`, `python -m hooks build`
on a corpus large enough for its parallel path, and a rebuild under `mkdocs serve` report the same problems
for the same bad runbooks — including the rules about the tree as a whole (a redirect that hides a
runbook, an image that is not there)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hooks.rules import loader
from tests.conftest import REPO, VALID_RUNBOOK, build_site, copy_project, hooks_build
from tests.rules.test_validate_rules import KB

GOOD_COPIES = 420  # loader._worth: 200 files per process before the read goes parallel


def bad_project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    runbooks = project / "runbooks"
    for number in range(GOOD_COPIES):
        runbook_id = f"KA-{60000 + number}"
        (runbooks / "fr" / f"{runbook_id}.md").write_text(
            VALID_RUNBOOK.replace("KA-12345", runbook_id), encoding="utf-8")
    bad = {
        "fr/KA-12345.md": KB.replace("- Campaign\n", "- Campain\n", 1) + "\n![schéma](../assets/not-there.png)\n",
        "ja/KA-12345.md": KB.replace("language: fr", "language: ja").replace("- Campaign v8\n", "- Target\n"),
        "pt-BR/KA-54321.md": KB.replace("KA-12345", "KA-54321").replace("language: fr", "language: pt-BR")
        .replace("description: Une description réelle", "description: TBD"),
        "fr/KA-77777.md": KB.replace("KA-12345", "KA-77777") + "\nVoir https://wiki.corp.adobe.com/x\n",
    }
    for rel, text in bad.items():
        (runbooks / rel).write_text(text, encoding="utf-8")
    redirect = "id,to\nKA-60001,https://experienceleague.adobe.com/fr/docs/x\n"  # hides the runbook KA-60001
    (runbooks / "fr" / "redirects.csv").write_text(redirect, encoding="utf-8")
    return project


def problem_lines(text: str) -> set[str]:
    return {line[line.index("runbooks/"):] for line in text.splitlines()
            if "runbooks/" in line and (": error [" in line or ": warning [" in line)}


def test_every_loader_reports_the_same_problems(tmp_path):
    project = bad_project(tmp_path)
    runbooks = project / "runbooks"

    cli = subprocess.run([sys.executable, "-m", "hooks", "validate", "--root", str(runbooks), "--color", "never"],
                         capture_output=True, text=True, cwd=REPO, check=False)
    assert cli.returncode == 1, cli.stderr
    from_validate = problem_lines(cli.stdout)
    rules = {line.split("[")[1].split("]")[0] for line in from_validate}
    assert {"unknown-product", "translation-disagrees", "placeholder", "missing-image", "redirect-hides-runbook",
            "leak-internal-host"} <= rules, from_validate

    site = tmp_path / "site"
    plain = build_site(project, site)
    assert plain.returncode != 0 and not site.exists()
    assert problem_lines(plain.stderr) == from_validate

    parallel = hooks_build(project, tmp_path / "site2", jobs=2, quiet=False)
    assert parallel.returncode != 0 and not (tmp_path / "site2").exists()
    assert problem_lines(parallel.stdout + parallel.stderr) == from_validate

    # `mkdocs serve`: the first build, then a rebuild after an edit, through the incremental reader
    first = {str(p)[str(p).index("runbooks/"):] for p in loader.load_incremental(runbooks).problems}
    edited = runbooks / "fr" / "KA-60003.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nUne ligne de plus.\n", encoding="utf-8")
    rebuild = {str(p)[str(p).index("runbooks/"):] for p in loader.load_incremental(runbooks).problems}
    assert first == rebuild == from_validate
