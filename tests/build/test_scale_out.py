"""Scaling out: the deploy workflow's matrix jobs build language groups (`build-group`) and its final job
merges them (`merge-groups`, the merge code of `python -m hooks build`): the same site, byte for byte."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
import yaml

from tests.conftest import REPO, copy_project, hooks_build, site_differences

PARTS = 4  # as the deploy workflow's matrix: one language per job


def hooks(project, *args) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "hooks", *args, "--config-file", str(project / "mkdocs.yml")]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=project)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The project built on one machine, and its groups built the way the matrix jobs build them."""
    base = tmp_path_factory.mktemp("scale-out")
    project = copy_project(base / "project")
    one = base / "one"
    result = hooks_build(project, one, 2)
    assert result.returncode == 0, result.stderr
    parts = []
    for part in range(PARTS):
        out = base / "artifacts" / f"site-part-{part}"
        result = hooks(project, "build-group", "--part", str(part), "--parts", str(PARTS), "--out", str(out),
                       "--quiet")
        assert result.returncode == 0, result.stderr
        parts.append(out)
    return project, one, parts


def test_merged_matrix_groups_are_the_one_machine_site_byte_for_byte(built, tmp_path):
    project, one, parts = built
    copies = [shutil.copytree(part, tmp_path / part.name) for part in parts]
    site = tmp_path / "site"
    result = hooks(project, "merge-groups", *map(str, reversed(copies)), "--site-dir", str(site))  # any order
    assert result.returncode == 0, result.stderr
    differences = site_differences(one, site)
    assert differences == [], differences[:30]
    assert (site / "api" / "runbooks.json").is_file() and (site / "pagefind" / "pagefind-entry.json").is_file()


def test_a_missing_group_is_named_and_the_old_site_stays(built, tmp_path):
    project, _, parts = built
    copies = [shutil.copytree(part, tmp_path / part.name) for part in parts[:-1]]
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("last good site", encoding="utf-8")
    result = hooks(project, "merge-groups", *map(str, copies), "--site-dir", str(site))
    assert result.returncode == 1
    assert "[missing-group]" in result.stderr and "group(s) 3 of 4 missing" in result.stderr and "Fix:" in result.stderr
    assert "Traceback" not in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "last good site"


def test_the_deploy_workflow_builds_groups_in_a_matrix_and_merges_them():
    flow = yaml.safe_load((REPO / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    jobs = flow["jobs"]
    group = next(job for job in jobs.values() if "strategy" in job)
    parts = group["strategy"]["matrix"]["part"]
    assert parts == list(range(PARTS))
    runs = "\n".join(step.get("run", "") for job in jobs.values() for step in job.get("steps", []))
    assert f"python -m hooks build-group --part ${{{{ matrix.part }}}} --parts {PARTS}" in runs
    assert "python -m hooks merge-groups" in runs
    merge = next(job for job in jobs.values() if "merge-groups" in str(job.get("steps")))
    needs = merge["needs"] if isinstance(merge["needs"], list) else [merge["needs"]]
    assert any(jobs[name] is group for name in needs)
