import os
import subprocess
import sys

import pytest

from hooks.cli import main
from hooks.corpus.frontmatter import read_file
from tests.conftest import REPO, SEED_LANGS, seed

INTERNAL_VALUES = ("Krunal Oza", "Zita Rodricks", "crm.dynamics.com", "internal-notes", "dynamics-url")


def import_seeds(root):
    for prefix, lang in SEED_LANGS.items():
        assert main(["import", str(seed(prefix)), "--lang", lang, "--root", str(root)]) == 0


def test_seeds_become_normalized_runbooks(tmp_path):
    import_seeds(tmp_path)
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.md"))
    assert files == ["fr/KA-19371.md", "fr/exl-37b1d7fb.md", "fr/exl-a039a288.md", "ja/KA-19371.md",
                     "pt-BR/KA-19371.md"]
    meta = read_file(tmp_path / "pt-BR" / "KA-19371.md").meta
    assert meta["product"] == ["Campaign", "Campaign Classic v7", "Campaign v8"]
    assert meta["applies-to"] == ["Campaign Classic", "Campaign", "Campaign Classic v7", "Campaign v8"]
    assert meta["keywords"] == ["KCS", "erro de rastreamento"]
    assert meta["published"] == "2024-04-17T12:38:19Z"
    assert meta["version-number"] == 3 and meta["ht-degree"] == 7
    assert meta["language"] == "pt-BR" and meta["type"] == "kb-article"
    ja = read_file(tmp_path / "ja" / "KA-19371.md").meta
    assert ja["keywords"] == ["KCS", "追跡エラー"]  # full-width comma in the KB
    guide = read_file(tmp_path / "fr" / "exl-a039a288.md").meta
    assert guide["id"] == "exl-a039a288" and guide["type"] == "guide" and guide["product"] == ["Campaign"]
    assert read_file(tmp_path / "fr" / "exl-37b1d7fb.md").meta["feature"] == [
        "Monitoring", "Deliverability", "Troubleshooting"]


def test_internal_fields_and_placeholders_are_not_carried(tmp_path):
    import_seeds(tmp_path)
    for path in tmp_path.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        for value in INTERNAL_VALUES:
            assert value not in text, (path, value)
        meta = read_file(path).meta
        assert "resolution" not in meta and meta.get("description") != "Description"


def test_links_outside_the_site_and_missing_images_are_rewritten_and_reported(tmp_path, capsys):
    assert main(["import", str(seed("003")), "--lang", "fr", "--root", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    body = (tmp_path / "fr" / "exl-a039a288.md").read_text(encoding="utf-8")
    assert "common.svg" not in body and ".md)" not in body
    assert "[En savoir plus]" not in body and "En savoir plus" in body
    assert "missing image removed" in out and "003_423e471b7667dc6b.txt:16" in out
    assert out.count("made plain text") == 9


def test_committed_runbooks_are_what_import_produces(tmp_path):
    import_seeds(tmp_path)
    for path in tmp_path.rglob("*.md"):
        committed = REPO / "runbooks" / path.relative_to(tmp_path)
        assert committed.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), committed


def test_reimport_rewrites_nothing_and_older_versions_never_win(tmp_path, capsys):
    import_seeds(tmp_path)
    target = tmp_path / "pt-BR" / "KA-19371.md"
    before = 1_000_000_000 * 10**9  # set, not read from the clock: a rewrite shows however fast it comes
    os.utime(target, ns=(before, before))
    assert main(["import", str(seed("001")), "--lang", "pt-BR", "--root", str(tmp_path)]) == 0
    assert "unchanged 1" in capsys.readouterr().out
    assert target.stat().st_mtime_ns == before
    # the fr seed is version 2: importing it as pt-BR must not replace version 3
    assert main(["import", str(seed("000")), "--lang", "pt-BR", "--root", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "older than the runbook's version 3" in captured.err and "--force" in captured.err
    assert read_file(target).meta["version-number"] == 3


@pytest.mark.parametrize("front", [
    "title: [unclosed\nversion-number: 2\n",
    "title: ok\n  bad: indent\n",
])
def test_broken_front_matter_gives_one_line_and_writes_nothing(tmp_path, front):
    source = tmp_path / "KA-12345.md"
    source.write_text(f"---\n{front}---\n\n# Body\n", encoding="utf-8")
    root = tmp_path / "runbooks"
    result = subprocess.run([sys.executable, "-m", "hooks", "import", str(source), "--lang", "fr", "--root",
                             str(root)], capture_output=True, text=True, cwd=REPO, check=False)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and errors[0].startswith(f"{source}:") and "Traceback" not in result.stderr
    assert not root.exists() or not any(root.rglob("*"))
