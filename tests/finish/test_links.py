"""Internal links in every language: pages, anchors, images; reported on the source runbook, fail --strict."""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys

import pytest

from hooks.finish import links
from tests.conftest import REPO, build_site, copy_project

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kg"
                       "AAAABJRU5ErkJggg==")


def test_extract_gives_line_and_column_and_skips_code():
    text = ("intro [a](KA-00001.md)\n"
            "```\n[not](a-link.md)\n```\n"
            "see `[code](x.md)` and ![img](assets/p.png \"t\")\n"
            '<a href="../x/">raw</a>\n'
            "[ref]: other.md#part <https://example.com/a>\n")
    found = [(link.line, link.column, link.target, link.image, link.html) for link in links.extract(text, 10)]
    assert found == [
        (10, 7, "KA-00001.md", False, False),
        (14, 24, "assets/p.png", True, False),
        (15, 1, "../x/", False, True),
        (16, 1, "other.md#part", False, False),
        (16, 22, "https://example.com/a", False, False),
    ]


@pytest.mark.parametrize("lang, written, expected", [
    ("fr", "[ja](../ja/KA-19371.md#resolution)", "[ja](../../../ja/runbooks/KA-19371/#resolution)"),
    ("fr", "[en](../en/KA-19371.md)", "[en](../../../runbooks/KA-19371/)"),
    ("en", "[fr](../fr/KA-19371.md)", "[fr](../../fr/runbooks/KA-19371/)"),
    ("fr", "[same](KA-19371.md)", "[same](KA-19371.md)"),
    ("fr", "`[code](../ja/KA-19371.md)`", "`[code](../ja/KA-19371.md)`"),
    ("fr", "[web](https://example.com/../ja/x.md)", "[web](https://example.com/../ja/x.md)"),
])
def test_cross_language_links_follow_the_repository_layout(lang, written, expected):
    assert links.site_relative(written, lang) == expected


RUNBOOK = """---
id: KT-99001
type: guide
language: fr
title: Runbook de test des liens
description: Un runbook qui contient des liens.
product: [Campaign]
---

# Runbook de test des liens

## Cause {{#cause}}

Voir [la résolution](#resolution) et [la cause](#cause), [url](../KA-19371/#description).
Voir [ailleurs](KA-19371.md#resolution) et [en japonais](../ja/KA-19371.md#resolution).
{broken}
![schéma](assets/schema.png)

## Résolution {{#resolution}}

Rien.
"""

BROKEN = """Voir [absent](#nulle-part).
Voir [autre](KA-00000.md) et [ancre](../ja/KA-19371.md#resolutoin).
![manque](assets/absent.png)
<a href="../KA-19371/#pas-la">html</a>
```
[dans du code](rien.md)
```
[absolu](/fr/runbooks/KA-19371/)"""


def _project(tmp_path, broken: str):
    project = copy_project(tmp_path / "project")
    (project / "runbooks" / "fr" / "KT-99001.md").write_text(RUNBOOK.format(broken=broken), encoding="utf-8")
    (project / "runbooks" / "fr" / "assets").mkdir()
    (project / "runbooks" / "fr" / "assets" / "schema.png").write_bytes(PNG)
    return project


def test_valid_links_in_every_language_build_and_the_image_is_published(tmp_path):
    project = _project(tmp_path, "")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    page = (site / "fr" / "runbooks" / "KT-99001" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../../ja/runbooks/KA-19371/#resolution"' in page
    src = re.search(r'<img alt="schéma" src="([^"]+)"', page).group(1)
    assert (site / "fr" / "runbooks" / "KT-99001" / src).resolve().read_bytes() == PNG


def test_broken_links_fail_strict_build_naming_source_lines(tmp_path):
    project = _project(tmp_path, BROKEN)
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    out = result.stderr
    path = "runbooks/fr/KT-99001.md"
    expected = [
        (f"{path}:16:6", "link-anchor", "#nulle-part"),
        (f"{path}:17:6", "link-missing-page", "KA-00000.md"),
        (f"{path}:17:30", "link-anchor", "did you mean '#resolution'?"),
        (f"{path}:18:1", "link-missing-file", "assets/absent.png"),
        (f"{path}:19:1", "link-anchor", "#pas-la"),
        (f"{path}:23:1", "link-absolute", "write the link relative"),
    ]
    for where, rule, text in expected:
        line = next((ln for ln in out.splitlines() if where + ":" in ln and f"[{rule}]" in ln), None)
        assert line is not None, f"{where} {rule} missing in:\n{out}"
        assert text in line
    assert "rien.md" not in out
    matcher = json.loads((REPO / ".github" / "problem-matchers" / "kb-runbooks.json").read_text())
    regexp = matcher["problemMatcher"][0]["pattern"][0]["regexp"]
    annotated = [m.group(1, 2) for m in map(re.compile(regexp).match, out.splitlines()) if m]
    assert annotated == [(path, where.split(":")[1]) for where, _, _ in expected], "annotations on the PR diff"
    assert "Aborted with 6 warnings" in result.stdout + out


def test_anchor_check_does_not_depend_on_the_log_level(tmp_path):
    project = _project(tmp_path, "Voir [absent](#nulle-part).")
    result = build_site(project, tmp_path / "site")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--verbose", "--config-file",
               str(project / "mkdocs.yml"), "--site-dir", str(tmp_path / "site-v")]
    verbose = subprocess.run(command, capture_output=True, text=True, check=False,
                             env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    for run in (result, verbose):
        assert run.returncode != 0
        assert "runbooks/fr/KT-99001.md:16:6: error [link-anchor]" in run.stderr


def test_links_in_hand_written_pages_are_checked(tmp_path):
    project = copy_project(tmp_path / "project")
    with open(project / "docs" / "ja" / "index.md", "a", encoding="utf-8") as fh:
        fh.write("\n[壊れたリンク](runbooks/KA-00000.md)\n")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert re.search(r"docs/ja/index\.md:\d+:1: error \[link-missing-page\]", result.stderr), result.stderr


def test_english_pages_at_the_site_root_link_other_languages(tmp_path):
    project = copy_project(tmp_path / "project")
    english = (RUNBOOK.format(broken="").replace("language: fr", "language: en")
               .replace("Voir [ailleurs](KA-19371.md#resolution)", "Voir [fr](../fr/KA-19371.md#resolution)")
               .replace("(../ja/KA-19371.md#resolution)", "(../ja/KA-19371.md#nope)")
               .replace("[url](../KA-19371/#description)", "x"))
    (project / "runbooks" / "en" / "assets").mkdir(parents=True)
    (project / "runbooks" / "en" / "assets" / "schema.png").write_bytes(PNG)
    (project / "runbooks" / "en" / "KT-99001.md").write_text(english, encoding="utf-8")
    with open(project / "docs" / "en" / "index.md", "a", encoding="utf-8") as fh:
        fh.write("\n[All runbooks](runbooks/index.md), [new one](runbooks/KT-99001.md#cause).\n")
    result = build_site(project, tmp_path / "site")
    problems = [line for line in result.stderr.splitlines() if "kb-runbooks:" in line]
    assert len(problems) == 1, result.stderr
    assert "runbooks/en/KT-99001.md:15:" in problems[0] and "/ja/runbooks/KA-19371/ has no heading" in problems[0]
    page = (tmp_path / "site" / "runbooks" / "KT-99001" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../fr/runbooks/KA-19371/#resolution"' in page
    src = re.search(r'<img alt="schéma" src="([^"]+)"', page).group(1)  # English lives at the root
    assert (tmp_path / "site" / "runbooks" / "KT-99001" / src).resolve().read_bytes() == PNG


def test_only_the_assets_folder_is_published(tmp_path):
    from hooks.site.runbook_assets import assets_for_language

    root = tmp_path / "runbooks"
    (root / "fr" / "assets" / "img").mkdir(parents=True)
    (root / "fr" / "assets" / "img" / "a.png").write_bytes(PNG)
    (root / "fr" / "assets" / ".draft.png").write_bytes(PNG)
    (root / "fr" / "internal-notes.txt").write_text("do not publish", encoding="utf-8")
    (root / "en" / "assets").mkdir(parents=True)
    (root / "en" / "assets" / "b.png").write_bytes(PNG)
    assert [(a.src_uri, a.dest_uri) for a in assets_for_language(root, "fr")] == [
        ("fr/runbooks/assets/img/a.png", "fr/runbooks/assets/img/a.png")]
    assert [(a.src_uri, a.dest_uri) for a in assets_for_language(root, "en")] == [
        ("en/runbooks/assets/b.png", "runbooks/assets/b.png")]
    assert assets_for_language(root, "ja") == []
