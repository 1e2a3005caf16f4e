"""bench/revisions.py: two revisions build the same runbooks, in turns; their times, sizes and bytes compared."""

import subprocess

from bench import revisions
from tests.conftest import REPO


def test_head_against_the_working_tree(tmp_path):
    report = revisions.compare("HEAD", [], 1, tmp_path)
    base, new = report["sides"]["base"], report["sides"]["working tree"]
    assert len(base["wall_s"]) == len(new["cpu_s"]) == 1 and base["cpu_s_median"] > 0
    assert report["output_ratio"] > 0 and not (tmp_path / "base-checkout").exists()  # the worktree is removed
    unchanged = subprocess.run(["git", "-C", str(REPO), "diff", "--quiet", "HEAD", "--", "hooks", "docs",
                                "mkdocs.yml", "runbooks"], check=False).returncode == 0
    if unchanged:  # the same code: the same site, byte for byte
        assert report["identical"] and report["output_ratio"] == 1.0, report["differences"]


def test_a_different_site_is_reported(tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"site-{name}").mkdir()
        (tmp_path / f"site-{name}" / "index.html").write_text(f"<p>{name}</p>", encoding="utf-8")
    assert revisions.site_differences(tmp_path / "site-a", tmp_path / "site-b") == ["index.html"]
