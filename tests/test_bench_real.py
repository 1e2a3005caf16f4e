"""The benchmark's real KB export: real articles as they are, then copies that keep everything real
(front matter with the internal fields, images, codes, references) under ids of their own."""

from __future__ import annotations

import shutil

import pytest

from bench import real
from hooks.cli import main
from hooks.rules import internal_values

pytestmark = pytest.mark.corpus

# real articles with what a copy must keep: internal notes (the "Daycare" one), images, the CRM link
STEMS = ("KA-03972",)


def small_source(tmp_path):
    """A source folder with a few real articles (every language) and their images."""
    source = tmp_path / "source"
    for folder in real.FOLDERS.values():
        articles = source / folder / "articles"
        (articles / "assets").mkdir(parents=True)
        for corpus in real.SOURCES:
            for path in (corpus / folder / "articles").glob("*.md"):
                if path.stem in STEMS or "\ninternal-notes: Daycare" in path.read_text(encoding="utf-8"):
                    shutil.copyfile(path, articles / path.name)
            for image in (corpus / folder / "articles" / "assets").glob("*"):
                shutil.copyfile(image, articles / "assets" / image.name)
    return source


def test_copies_are_new_articles_with_the_real_text(tmp_path):
    source = small_source(tmp_path)
    originals = real.originals((source,))
    assert len(originals) >= 2
    export = tmp_path / "export"
    summary = real.write_export(len(originals) * 3, export, (source,))
    assert summary["copies"] == len(originals) * 2
    fr = sorted((export / "fr-FR" / "articles").glob("*.md"))
    assert len(fr) == len(originals) * 3
    texts = {path.stem: path.read_text(encoding="utf-8") for path in fr}
    original = texts["KA-03972"]
    copies = [text for stem, text in texts.items() if stem not in {o.stem for o in originals}
              and text.split("\n---", 1)[1] == original.split("\n---", 1)[1]]
    assert len(copies) == 2  # the same body (images, codes, references), twice, under new ids
    for copy in copies:
        assert "exl-id: 75c196f5" not in copy and "ecedb8ef-79bb" not in copy  # own group, own CRM record
        assert "article-created-by: Utkarsh Jha" in copy  # the internal fields are kept for import
    # the translations of a copy share its new exl-id: they stay one translation group
    stem = next(stem for stem, text in texts.items() if text in copies)
    exl = {folder: next(line for line in (export / folder / "articles" / f"{stem}.md").read_text(
        encoding="utf-8").splitlines() if line.startswith("exl-id:")) for folder in real.FOLDERS.values()}
    assert len(set(exl.values())) == 1


def test_importing_the_copies_records_new_internal_values_and_builds_groups(tmp_path):
    source = small_source(tmp_path)
    count = len(real.originals((source,)))
    recorded = []
    for copies in (1, 2):
        export, root = tmp_path / f"export{copies}", tmp_path / f"project{copies}" / "runbooks"
        real.write_export(count * copies, export, (source,))
        root.mkdir(parents=True)
        assert main(["import", "-q", str(export), "--root", str(root)]) == 0
        assert len(list((root / "ja").glob("*.md"))) == count * copies
        recorded.append(len(internal_values.read(root)))
    assert recorded[1] > recorded[0] * 1.5  # notes and CRM links of copies are new values, as on a real KB
