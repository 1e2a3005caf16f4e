"""`python -m hooks new`: a contributor scaffolds a runbook that validates and builds, in its language."""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from hooks import cli
from hooks.kb import scaffold
from hooks.rules import loader
from tests.conftest import LANGS, REPO, build_site, copy_project

HEADINGS = {
    "en": ["Environment", "Symptoms", "Cause", "Resolution", "Verification"],
    "fr": ["Environnement", "Symptômes", "Cause", "Résolution", "Vérification"],
    "pt-BR": ["Ambiente", "Sintomas", "Causa", "Resolução", "Verificação"],
    "ja": ["環境", "症状", "原因", "解決策", "確認"],
}


@pytest.fixture
def root(tmp_path):
    dest = tmp_path / "runbooks"
    shutil.copytree(REPO / "runbooks", dest)
    return dest


def test_every_scaffold_text_exists_in_every_language():
    for key, values in scaffold.texts().items():
        assert set(values) == set(LANGS), key
        assert all(str(v).strip() for v in values.values()), key


def test_new_runbook_in_several_languages_validates(root, capsys):
    code = cli.main(["new", "KA-12345", "--lang", "fr,ja,pt-BR,en", "--product", "Campaign v8", "--root", str(root)])
    assert code == 0, capsys.readouterr().err
    loaded = loader.load(root)
    assert loaded.problems == []
    for lang in LANGS:
        runbook = loaded.get("KA-12345", lang)
        assert runbook.meta["type"] == "kb-article" and runbook.meta["language"] == lang
        assert runbook.meta["product"] == ["Campaign v8"] and runbook.meta["article-number"] == "KA-12345"
        headings = [line[3:].split(" {#")[0] for line in runbook.body.splitlines() if line.startswith("## ")]
        assert headings == HEADINGS[lang]


def test_translation_takes_the_shared_fields_of_the_existing_runbook(root, capsys):
    assert cli.main(["new", "KA-19371", "--lang", "en", "--root", str(root)]) == 0, capsys.readouterr().err
    loaded = loader.load(root)
    assert loaded.problems == []
    en, fr = loaded.get("KA-19371", "en"), loaded.get("KA-19371", "fr")
    assert en.meta["product"] == fr.meta["product"] and en.meta["applies-to"] == fr.meta["applies-to"]


@pytest.mark.parametrize("argv, message", [
    (["new", "KA-12345", "--lang", "de"], "unknown language de"),
    (["new", "KA-123", "--lang", "fr", "--product", "Campaign"], "is not a runbook id"),
    (["new", "KA-12345", "--lang", "fr"], "name its product"),
    (["new", "KA-12345", "--lang", "fr", "--product", "Campain"], "did you mean 'Campaign'?"),
    (["new", "KA-19371", "--lang", "ja,en"], "already exists: edit it"),
    (["new", "exl-0123abcd", "--lang", "fr", "--product", "Campaign"], "pass its --exl-id"),
])
def test_bad_arguments_are_refused_with_the_fix_and_nothing_is_written(root, capsys, argv, message):
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    assert cli.main([*argv, "--root", str(root)]) == 2
    assert message in capsys.readouterr().err
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


def test_scaffolded_runbooks_build_strict_with_headings_in_their_language(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    assert cli.main(["new", "exl-0123abcd", "--lang", "ja,fr", "--product", "Campaign", "--exl-id",
                     "0123abcd-1111-4222-8333-444455556666", "--root", str(project / "runbooks")]) == 0
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((tmp_path / "site" / "ja" / "runbooks" / "exl-0123abcd" / "index.html")
                         .read_text(encoding="utf-8"), "html.parser")
    assert [h.get_text(strip=True).rstrip("¶") for h in page.select("article h2")] == HEADINGS["ja"]
    assert page.select_one("h2#symptoms") is not None
