"""`python -m hooks import <KB export folder>` on the real sample (the trimmed copy in tests/data) and on bad input
written into tmp."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hooks.cli import main
from hooks.corpus.frontmatter import read_file
from tests.conftest import CORPUS, REPO

OLD_NS = 1_000_000_000 * 10**9
KB_FOLDERS = {"en": "en", "fr-FR": "fr", "ja-JP": "ja", "pt-BR": "pt-BR"}
ARTICLE = """---
title: Test article {number}
description: A test article about {number}
product: Campaign
version-number: {version}
article-created-date: 1/2/2024 10:00:00 AM
article-published-date: 1/3/2024 10:00:00 AM
internal-notes: secret
---
# Test article {number}

Body of {number}.
"""


def run_import(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hooks", "import", "-q", *map(str, args)], capture_output=True,
                          text=True, cwd=REPO, check=False)


def export(tmp_path: Path, folder: str, articles: dict[str, str | bytes]) -> Path:
    root = tmp_path / folder
    (root / "articles").mkdir(parents=True)
    for name, content in articles.items():
        path = root / "articles" / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def imported_sample(tmp_path_factory):
    root = tmp_path_factory.mktemp("sample") / "runbooks"
    first = run_import(CORPUS, "--root", root)
    for path in root.rglob("*"):  # an old time, set: a rewrite by the second import shows however fast it comes
        if path.is_file():
            os.utime(path, ns=(OLD_NS, OLD_NS))
    root.joinpath(".mtimes").write_text(json.dumps(mtimes(root)))
    second = run_import(CORPUS, "--root", root)
    return root, first, second


def mtimes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*")
            if p.is_file() and p.name != ".mtimes"}


def test_whole_sample_is_imported_with_the_language_of_each_folder(imported_sample):
    root, first, _ = imported_sample
    assert first.returncode == 0, first.stderr
    # 28 articles × 4 languages in tests/data/kcs-sample, one of them a KB test article
    assert "imported 108, updated 0, unchanged 0, skipped 0, failed 0" in first.stdout
    # the sample's one KB test article (title 'test_EXL_Coach') is reported in every language, not published
    for lang in KB_FOLDERS.values():
        assert f"not published: {lang}/KA-22940: 'test_EXL_Coach' is a KB test article" in first.stdout
    for kb_folder, lang in KB_FOLDERS.items():
        sources = sorted(p.stem for p in (CORPUS / kb_folder / "articles").glob("*.md") if p.stem != "KA-22940")
        assert sorted(p.stem for p in (root / lang).glob("*.md")) == sources
        assert read_file(root / lang / f"{sources[0]}.md").meta["language"] == lang


def test_images_are_stored_once_for_all_languages(imported_sample):
    root, _, _ = imported_sample
    source = {p.name: p.read_bytes() for p in (CORPUS / "en" / "articles" / "assets").iterdir()}
    stored = {p.name: p.read_bytes() for p in (root / "assets").iterdir()}
    assert {name: data for name, data in stored.items() if not name.startswith("inline-")} == source
    assert not any(p.suffix in (".png", ".jpeg") for lang in KB_FOLDERS.values() for p in (root / lang).iterdir())
    for lang in KB_FOLDERS.values():
        body = (root / lang / "KA-15564.md").read_text(encoding="utf-8")
        assert "](../assets/4badf727-ce28-ef11-840b-0022480a40c2.png)" in body


def test_inline_pictures_become_one_file_each_for_every_language(imported_sample):
    root, first, _ = imported_sample
    stored = {p.name: p.read_bytes() for p in (root / "assets").glob("inline-*")}
    # KA-13983 and KA-15314 carry their screenshots inline (`![](data:image/png;base64,…)`), in 4 languages
    linked = {(lang, article): set(re.findall(r"\.\./assets/(inline-[0-9a-f]{20}\.png)", (root / lang / f"{article}.md")
                                   .read_text(encoding="utf-8")))
              for lang in KB_FOLDERS.values() for article in ("KA-13983", "KA-15314")}
    assert set().union(*linked.values()) == set(stored) and len(stored) == 2
    assert all(data.startswith(b"\x89PNG\r\n\x1a\n") for data in stored.values())
    for lang in KB_FOLDERS.values():
        for article in ("KA-13983", "KA-15314"):
            assert "data:image" not in (root / lang / f"{article}.md").read_text(encoding="utf-8")
    files = len(list((CORPUS / "en" / "articles" / "assets").iterdir()))
    assert f"images copied {files + len(stored)}\n" in first.stdout  # each picture written once, not per language


def test_reimporting_the_sample_rewrites_nothing(imported_sample):
    root, _, second = imported_sample
    assert second.returncode == 0, second.stderr
    assert "imported 0, updated 0, unchanged 108, skipped 0, failed 0; images copied 0" in second.stdout
    assert not list(root.rglob("*.tmp"))
    before = json.loads(root.joinpath(".mtimes").read_text())
    assert mtimes(root) == before and len(before) == 108 + 4 + 7 + 2  # runbooks, redirects.csv, images, inline pictures


def test_translated_placeholders_and_product_from_solution(imported_sample):
    root, _, _ = imported_sample
    ja = read_file(root / "ja" / "KA-14125.md").meta
    assert ja["description"] == ja["title"]  # the KB's '説明' placeholder is not a description
    kt = read_file(root / "fr" / "KT-11250.md").meta
    assert kt["product"] == ["Analytics", "Customer Journey Analytics"]


def test_redirects_of_each_export_are_kept_per_language(imported_sample):
    root, _, _ = imported_sample
    for lang in KB_FOLDERS.values():
        assert (root / lang / "redirects.csv").read_text(encoding="utf-8") == (
            "id,to\nKA-17912,https://experienceleague.adobe.com/docs/experience-manager-learn/ams/dispatcher/"
            "understanding-cache.html\n")


def test_nothing_internal_reaches_the_runbooks(imported_sample):
    root, _, _ = imported_sample
    for path in root.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert "internal-notes" not in text and "dynamics-url" not in text and "article-created-by" not in text


def test_newer_version_updates_older_is_refused_force_overrides(tmp_path):
    root = tmp_path / "runbooks"
    assert run_import(export(tmp_path / "v2", "fr-FR", {"KA-90001.md": ARTICLE.format(number=1, version=2)}),
                      "--root", root).returncode == 0
    newer = run_import(export(tmp_path / "v3", "fr-FR", {"KA-90001.md": ARTICLE.format(number=1, version=3)}),
                       "--root", root)
    assert newer.returncode == 0 and "updated fr/KA-90001 (version 2 → 3)" in newer.stdout
    older = export(tmp_path / "v1", "experience-cloud-kcs.fr-FR", {"KA-90001.md": ARTICLE.format(number=1, version=1)})
    refused = run_import(older, "--root", root)
    assert refused.returncode == 1
    assert "skipped fr/KA-90001: version 1 is older than the runbook's version 3" in refused.stderr
    assert read_file(root / "fr" / "KA-90001.md").meta["version-number"] == 3
    forced = run_import(older, "--root", root, "--force")
    assert forced.returncode == 0 and read_file(root / "fr" / "KA-90001.md").meta["version-number"] == 1


def test_bad_input_gives_one_line_each_and_the_rest_is_imported(tmp_path):
    good = ARTICLE.format(number=2, version=1)
    fr = export(tmp_path, "fr-FR", {
        "KA-90002.md": good,
        "KA-90003.md": "# No front matter\n\nJust a body.\n",
        "KA-90004.md": "---\ntitle: [unclosed\nproduct: Campaign\n---\n\nBody\n",
        "KA-90005.md": good.replace("Body of 2.", "Caf\xe9").encode("latin-1"),
    })
    unknown = export(tmp_path, "de-DE", {"KA-90006.md": ARTICLE.format(number=6, version=1)})
    root = tmp_path / "runbooks"
    result = run_import(fr, unknown, "--root", root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 4, lines
    by_file = {name: [line for line in lines if name in line] for name in ("KA-90003", "KA-90004", "KA-90005", "de-DE")}
    assert all(len(found) == 1 for found in by_file.values()), by_file
    assert by_file["KA-90003"][0].startswith(f"{fr / 'articles' / 'KA-90003.md'}:1:1:")
    assert "front matter" in by_file["KA-90003"][0]
    assert by_file["KA-90004"][0].startswith(f"{fr / 'articles' / 'KA-90004.md'}:3:")  # where YAML notices it
    assert by_file["KA-90005"][0].startswith(f"{fr / 'articles' / 'KA-90005.md'}:12:")
    assert "UTF-8" in by_file["KA-90005"][0]
    assert by_file["de-DE"][0].startswith(f"{unknown}:") and "--lang" in by_file["de-DE"][0]
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == ["fr/KA-90002.md"]
    assert "imported 1," in result.stdout and "failed 4" in result.stdout


def test_lang_option_overrides_an_unknown_folder(tmp_path):
    folder = export(tmp_path, "kb-dump", {"KA-90007.md": ARTICLE.format(number=7, version=1)})
    result = run_import(folder, "--lang", "ja", "--root", tmp_path / "runbooks")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "runbooks" / "ja" / "KA-90007.md").is_file()


def test_an_image_name_taken_by_a_different_picture_is_not_overwritten(tmp_path):
    image = CORPUS / "en" / "articles" / "assets" / "4badf727-ce28-ef11-840b-0022480a40c2.png"
    article = ARTICLE.format(number=8, version=1) + f"\n![](assets/{image.name})\n"
    folder = export(tmp_path, "en", {"KA-90008.md": article})
    (folder / "articles" / "assets").mkdir()
    shutil.copy(image, folder / "articles" / "assets" / image.name)
    root = tmp_path / "runbooks"
    (root / "assets").mkdir(parents=True)
    (root / "assets" / image.name).write_bytes(b"another picture")
    result = run_import(folder, "--root", root)
    assert result.returncode == 1 and f"image {image.name} differs" in result.stderr and "--force" in result.stderr
    assert (root / "assets" / image.name).read_bytes() == b"another picture"
    assert not (root / "en" / "KA-90008.md").exists()
    assert main(["import", "-q", str(folder), "--root", str(root), "--force"]) == 0
    assert (root / "assets" / image.name).read_bytes() == image.read_bytes()
