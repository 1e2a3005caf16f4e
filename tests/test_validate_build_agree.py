"""`python -m hooks validate` and `mkdocs build --strict` run the same validator: over the same bad
runbooks they report exactly the same problems, and the build fails without writing a site."""

import subprocess
import sys

from tests.conftest import REPO, build_site, copy_project
from tests.rules.test_validate_hostile import billion_laughs
from tests.rules.test_validate_rules import GUIDE, KB


def test_validate_and_build_report_the_same_problems(tmp_path):
    project = copy_project(tmp_path / "project")
    runbooks = project / "runbooks"
    bad = {
        "fr/KA-12345.md": KB.replace("language: fr", "language: ja").replace("- Campaign\n", "- Campain\n", 1),
        "ja/KA-12345.md": KB.replace("language: fr", "language: ja").replace("- Campaign v8\n", "- Target\n"),
        "pt-BR/KA-12345.md": KB.replace("description: Une description réelle", "description: Description"),
        "fr/exl-a039a288.md": GUIDE.replace("applies-to", "x").replace("title:", "aplies-to: [Campaign]\ntitle:"),
        "fr/KA-22222.md": billion_laughs(),
        "ja/KA-33333.md": "---\ntitle: [broken\n---\n",
        "en/KA-44444.md": KB.replace("KA-12345", "KA-44444").replace("language: fr", "language: en")
        .replace("version-number: 2\n", "version-number: 2\ninternal-notes: call Bob\n"),
    }
    for rel, text in bad.items():
        (runbooks / rel).parent.mkdir(parents=True, exist_ok=True)
        (runbooks / rel).write_text(text, encoding="utf-8")

    cli = subprocess.run([sys.executable, "-m", "hooks", "validate", "--root", str(runbooks), "--color", "never"],
                         capture_output=True, text=True, cwd=REPO, check=False)
    assert cli.returncode == 1, cli.stderr
    from_cli = {line for line in cli.stdout.splitlines() if line.startswith("runbooks/")}

    site = tmp_path / "site"
    build = build_site(project, site)
    assert build.returncode != 0 and not site.exists()
    from_build = {line[line.index("runbooks/"):] for line in build.stderr.splitlines()
                  if "runbooks/" in line and ": error [" in line}

    assert len(from_cli) >= len(bad) + 3  # several problems, in every bad file
    assert {line.split(":")[0] for line in from_cli} == {f"runbooks/{rel}" for rel in bad}
    assert from_build == from_cli
    assert "Traceback" not in build.stderr
