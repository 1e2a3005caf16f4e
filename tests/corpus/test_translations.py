"""Translation groups, staleness, notices and the `translations` command, without MkDocs."""

import shutil

import pytest

from hooks.base.paths import RUNBOOKS
from hooks.cli import main
from hooks.corpus import translations
from hooks.rules import loader
from hooks.site import banners
from hooks.site.status_page import status_text


@pytest.fixture(scope="module")
def repo_corpus():
    return loader.load(RUNBOOKS)


def copy_runbooks(tmp_path):
    root = tmp_path / "runbooks"
    shutil.copytree(RUNBOOKS, root)
    return root


def set_field(path, key, value):
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [f"{key}: {value}" if line.startswith(f"{key}:") else line for line in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_fr_seed_version_2_is_stale_against_pt_br_and_ja_version_3(repo_corpus):
    row = {r.id: r for r in translations.status(repo_corpus)}["KA-19371"]
    assert {code: c.state for code, c in row.cells.items()} == {
        "en": "missing", "fr": "stale", "pt-BR": "up-to-date", "ja": "up-to-date"}
    assert row.cells["fr"].newest.version == 3


def test_stale_banner_names_the_newer_version_and_links_it_in_the_page_language(repo_corpus):
    banner = banners.stale_banner(repo_corpus, repo_corpus.get("KA-19371", "fr"))
    assert banner["title"] == "Version plus récente disponible"
    assert "version 2" in banner["text"] and "version 3" in banner["text"]
    assert {link["lang"]: link["href"] for link in banner["links"]} == {
        "pt-BR": "../../../pt-BR/runbooks/KA-19371/", "ja": "../../../ja/runbooks/KA-19371/"}
    assert banners.stale_banner(repo_corpus, repo_corpus.get("KA-19371", "ja")) is None


def test_equal_versions_compare_publication_dates(tmp_path):
    root = copy_runbooks(tmp_path)
    set_field(root / "fr" / "KA-19371.md", "version-number", "3")
    loaded = loader.load(root)
    assert translations.cell(loaded, "KA-19371", "fr").state == "stale"  # 2023-01-16 < 2024-04-17
    set_field(root / "fr" / "KA-19371.md", "published", "'2024-04-17T18:00:00Z'")
    loaded = loader.load(root)
    assert translations.cell(loaded, "KA-19371", "fr").state == "up-to-date"  # same day: not stale


def test_translations_sharing_an_exl_id_form_one_group(tmp_path):
    root = copy_runbooks(tmp_path)
    ja = root / "ja" / "KA-19371.md"
    text = ja.read_text(encoding="utf-8").replace("id: KA-19371", "id: exl-5368015d")
    text = text.replace("article-number: KA-19371\n", "")
    ja.unlink()
    (root / "ja" / "exl-5368015d.md").write_text(text, encoding="utf-8")
    loaded = loader.load(root)
    assert set(translations.group(loaded, "KA-19371")) == {"fr", "pt-BR", "ja"}


@pytest.mark.parametrize("lang, expected", [
    ("fr", "11 % du texte a été traduit par des personnes"),
    ("ja", "人による翻訳は 7% です"),
    ("pt-BR", "7% do texto foi traduzido por pessoas"),
])
def test_machine_translation_notice_gives_the_human_share(repo_corpus, lang, expected):
    notice = banners.machine_translation_notice(repo_corpus.get("KA-19371", lang))
    assert expected in notice["text"]


def test_no_machine_translation_notice_when_people_translated_everything(repo_corpus):
    assert repo_corpus.get("exl-a039a288", "fr").meta["ht-degree"] == 100
    assert banners.machine_translation_notice(repo_corpus.get("exl-a039a288", "fr")) is None


def test_status_text_lists_every_runbook_and_language(repo_corpus):
    text = status_text(repo_corpus)
    line = next(line for line in text.splitlines() if line.startswith("KA-19371"))
    assert line.split() == ["KA-19371", "missing", "stale", "v2", "up-to-date", "v3", "up-to-date", "v3"]
    assert text.splitlines()[-1] == "4 up to date, 1 stale, 7 missing."


@pytest.mark.parametrize("args, code", [
    ([], 0), (["--fail-on", "stale"], 1), (["--fail-on", "missing"], 1),
])
def test_translations_command_fails_on_request(capsys, args, code):
    assert main(["translations", *args]) == code
    out, err = capsys.readouterr()
    assert "KA-19371" in out
    assert ("stale" in err or "missing" in err) == (code == 1)


def test_translations_command_passes_fail_on_stale_when_nothing_is_stale(tmp_path, capsys):
    root = copy_runbooks(tmp_path)
    (root / "fr" / "KA-19371.md").unlink()
    assert main(["translations", "--root", str(root), "--fail-on", "stale"]) == 0
    assert main(["translations", "--root", str(root), "--fail-on", "missing"]) == 1
