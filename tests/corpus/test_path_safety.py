"""Issue 8, point 4: import, links and includes never read or write outside the repository."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from hooks.cli import main
from hooks.corpus import model
from hooks.corpus.frontmatter import read_file
from hooks.rules import loader
from tests.conftest import REPO

RUNBOOK = """---
id: exl-a039a288
type: guide
language: {lang}
title: Tracking and monitoring
description: Tracking and monitoring of messages
exl-id: a039a288-2e7b-4f35-9885-ead3ed4347af
product: [Campaign]
---

# Tracking
{body}
"""

KB_ARTICLE = """---
title: Email with tracked URL not sent
description: Email with tracked URL not sent
article-number: KA-19371
product: Campaign
version-number: 3
article-created-date: 4/17/2024 12:30:27 PM
article-published-date: 4/17/2024 12:38:19 PM
---
# Email with tracked URL not sent

![inside](assets/ok.png)
![outside](../../secret.png)
"""


def _read_share(root):  # what `python -m hooks build` / `make validate` run on each core
    from hooks.rules import loader

    reading = loader._read((model.runbook_files(root), root, True))
    return model.Corpus([runbook for _, runbook in reading.runbooks], sorted(reading.problems))


def _read_incremental(root):  # what `make serve` and a plain `mkdocs build` run
    from hooks.rules import loader

    return loader.load_incremental(root)


@pytest.mark.parametrize("load", [loader.load, _read_share, _read_incremental])
def test_a_runbook_symlinked_from_outside_the_repository_is_refused_unread(tmp_path, load):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "exl-a039a288.md").write_text(RUNBOOK.format(lang="en", body="SECRET FROM OUTSIDE"), encoding="utf-8")
    root = tmp_path / "repo" / "runbooks"
    (root / "en").mkdir(parents=True)
    (root / "en" / "exl-a039a288.md").symlink_to(outside / "exl-a039a288.md")
    os.symlink(outside, root / "fr")  # a whole language folder pointing out
    loaded = load(root)
    assert loaded.runbooks == []
    assert {(p.path, p.rule) for p in loaded.problems} == {("runbooks/en/exl-a039a288.md", "outside-repository"),
                                                           ("runbooks/fr/exl-a039a288.md", "outside-repository")}
    assert all("replace the symbolic link" in p.fix for p in loaded.problems)


def test_a_symlink_that_stays_inside_the_repository_is_fine(tmp_path):
    root = tmp_path / "repo" / "runbooks"
    (root / "en").mkdir(parents=True)
    shared = tmp_path / "repo" / "drafts" / "exl-a039a288.md"
    shared.parent.mkdir()
    shared.write_text(RUNBOOK.format(lang="en", body="ok"), encoding="utf-8")
    (root / "en" / "exl-a039a288.md").symlink_to(shared)
    loaded = loader.load(root)
    assert [r.id for r in loaded.runbooks] == ["exl-a039a288"] and loaded.problems == []


def test_import_never_writes_through_a_symlink_out_of_the_runbooks_folder(tmp_path, capsys):
    source = tmp_path / "kb" / "articles" / "KA-19371.md"
    source.parent.mkdir(parents=True)
    source.write_text(KB_ARTICLE, encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "repo" / "runbooks"
    root.mkdir(parents=True)
    os.symlink(outside, root / "fr")
    assert main(["import", str(source), "--lang", "fr", "--root", str(root)]) == 1
    assert list(outside.iterdir()) == []
    assert "[outside-repository]" in capsys.readouterr().err


def test_import_looks_for_images_only_inside_the_article_folder(tmp_path, capsys):
    source = tmp_path / "kb" / "articles" / "KA-19371.md"
    (source.parent / "assets").mkdir(parents=True)
    (source.parent / "assets" / "ok.png").write_bytes(b"\x89PNG")
    (tmp_path / "secret.png").write_bytes(b"\x89PNG secret")  # exists, but outside the KB export
    source.write_text(KB_ARTICLE, encoding="utf-8")
    root = tmp_path / "repo" / "runbooks"
    assert main(["import", str(source), "--lang", "fr", "--root", str(root)]) == 0
    body = read_file(root / "fr" / "KA-19371.md").body
    assert "![inside](../assets/ok.png)" in body and "secret.png" not in body
    copied = [p.read_bytes() for p in (root / "assets").rglob("*") if p.is_file()]
    assert copied == [b"\x89PNG"]  # the image inside was copied, the one outside was not read
    assert "missing image removed: ![outside](../../secret.png)" in capsys.readouterr().out


def test_links_climbing_out_of_the_repository_are_reported(tmp_path):
    body = ("[a](../../../etc/passwd) [ok](../fr/exl-a039a288.md) ![b](file:///etc/shadow)\n"
            '<img src="..\\..\\..\\x.png"> `[code](../../../x)` [site](/runbooks/) [c](C:\\Windows\\win.ini)\n')
    root = tmp_path / "repo" / "runbooks"
    (root / "en").mkdir(parents=True)
    (root / "en" / "exl-a039a288.md").write_text(RUNBOOK.format(lang="en", body=body), encoding="utf-8")
    found = sorted((p.line, p.column) for p in loader.load(root).problems if p.rule == "unsafe-path")
    assert found == [(12, 5), (12, 59), (13, 11), (13, 72)]


def test_no_markdown_extension_can_include_files_from_outside():
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict) and "pymdownx.snippets" in entry:
            options = entry["pymdownx.snippets"] or {}
            assert options.get("restrict_base_path", "true") == "true"
            assert all(Path(REPO, p).resolve().is_relative_to(REPO) for p in options.get("base_path", ["."]))
    assert "markdown_include.include" not in names and "mdx_include" not in names
