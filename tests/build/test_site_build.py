"""Issue 8, point 5: a failed build never replaces the last good site; builds are byte-identical."""

from __future__ import annotations

import gzip
import hashlib
import struct
from datetime import UTC, datetime
from pathlib import Path

from hooks.build.site_build import build
from hooks.rules import loader
from tests.conftest import copy_project
from tests.sample_corpus import build as mkdocs_build


def tree(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical_and_dated_by_the_content(tmp_path):
    project = copy_project(tmp_path / "project")
    first, second = tmp_path / "one" / "site", tmp_path / "two" / "site"
    for site in (first, second):
        result = mkdocs_build(project, site)
        assert result.returncode == 0, result.stdout + result.stderr
    assert tree(first) == tree(second)
    newest = max(r.meta["published"] for r in loader.load(project / "runbooks").runbooks if r.meta.get("published"))
    mtime = struct.unpack("<I", (first / "sitemap.xml.gz").read_bytes()[4:8])[0]
    assert datetime.fromtimestamp(mtime, UTC).date().isoformat() == newest[:10]  # not today's date
    sitemap = (first / "sitemap.xml").read_text(encoding="utf-8")
    assert gzip.decompress((first / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap
    assert datetime.now(UTC).date().isoformat() not in sitemap


def test_a_failed_build_leaves_the_last_good_site(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "out" / "site"
    assert build(site, project / "mkdocs.yml", quiet=True) == 0
    good = tree(site)
    assert "runbooks/KA-19371/index.html" in good

    runbook = project / "runbooks" / "fr" / "KA-19371.md"
    original = runbook.read_text(encoding="utf-8")
    assert "version-number: 2" in original
    runbook.write_text(original.replace("version-number: 2", "version-number: [2"), encoding="utf-8")
    assert build(site, project / "mkdocs.yml", quiet=True) != 0  # invalid front matter: fails before writing
    assert tree(site) == good

    runbook.write_text(original + "\nEscalate on https://jira.corp.adobe.com/browse/NEO-1 first.\n",
                       encoding="utf-8")
    assert build(site, project / "mkdocs.yml", quiet=True) != 0  # fails in the output audit, after writing
    assert tree(site) == good
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]  # no staging folder left behind
