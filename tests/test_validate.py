
import pytest

from hooks.cli import main
from tests.conftest import REPO, validate_json, write
from tests.conftest import VALID_RUNBOOK as VALID


def test_repository_runbooks_are_valid():
    assert main(["validate"]) == 0


def test_valid_file_passes(tmp_path, capsys):
    write(tmp_path, "fr/KA-12345.md", VALID)
    assert validate_json(tmp_path, capsys) == (0, [])


@pytest.mark.parametrize("change, rule, line", [
    (("product:\n- Campaign\n", "product:\n- Campaign Classic V7\n"), "unknown-product", 9),
    (("applies-to:\n- Campaign v8\n", "applies-to:\n- Campaing v8\n"), "unknown-product", 11),
    (("language: fr", "language: ja"), "language-mismatch", 4),
    (("id: KA-12345", "id: KA-54321"), "id-mismatch", 2),
    (("version-number: 2", "version-number: zero"), "schema-type", 12),
    (("version-number: 2", "version-number: 0"), "schema-minimum", 12),
    (("description: Une description réelle", "description: Description"), "placeholder", 6),
    (("applies-to:", "aplies-to:"), "unknown-field", 10),
    (("version-number: 2\n", "version-number: 2\ninternal-notes: secret\n"), "internal-field", 13),
    (("article-number: KA-12345", "article-number: KA-123"), "schema-pattern", 7),
])
def test_each_rule_points_at_the_line(tmp_path, capsys, change, rule, line):
    write(tmp_path, "fr/KA-12345.md", VALID.replace(*change))
    code, problems = validate_json(tmp_path, capsys)
    assert code == 1
    found = [p for p in problems if p["rule"] == rule]
    assert found, problems
    assert found[0]["line"] == line and found[0]["path"].endswith("fr/KA-12345.md")
    assert found[0]["fix"]


def test_did_you_mean_for_near_misses(tmp_path, capsys):
    write(tmp_path, "fr/KA-12345.md", VALID.replace("- Campaign v8", "- Campaing v8").replace(
        "- Campaign\n", "- Campaign Classic V7\n"))
    _, problems = validate_json(tmp_path, capsys)
    fixes = {p["message"]: p["fix"] for p in problems}
    assert fixes["unknown product 'Campaign Classic V7'"] == "did you mean 'Campaign Classic v7'?"
    assert fixes["unknown applies-to 'Campaing v8'"] == "did you mean 'Campaign v8'?"


def test_translations_must_agree_and_both_files_are_told(tmp_path, capsys):
    write(tmp_path, "fr/KA-12345.md", VALID)
    write(tmp_path, "ja/KA-12345.md", VALID.replace("language: fr", "language: ja").replace(
        "- Campaign\n", "- Target\n"))
    _, problems = validate_json(tmp_path, capsys)
    paths = sorted(p["path"].split("/")[-2] for p in problems if p["rule"] == "translation-disagrees")
    assert paths == ["fr", "ja"]


def test_duplicate_id_in_one_language(tmp_path, capsys):
    write(tmp_path, "fr/KA-12345.md", VALID)
    write(tmp_path, "fr/ka-12345.md", VALID)
    _, problems = validate_json(tmp_path, capsys)
    assert any(p["rule"] == "duplicate-id" for p in problems)


def test_every_problem_of_every_file_in_one_run(tmp_path, capsys):
    write(tmp_path, "fr/KA-12345.md", VALID.replace("version-number: 2", "version-number: x"))
    write(tmp_path, "ja/KA-22222.md", "---\ntitle: [broken\n---\n")
    write(tmp_path, "pt-BR/KA-33333.md", b"---\ntitle: \xff\n---\n".decode("latin-1"))
    code, problems = validate_json(tmp_path, capsys)
    assert code == 1
    assert {p["path"].split("/")[-2] for p in problems} == {"fr", "ja", "pt-BR"}


def test_github_annotations(tmp_path, capsys):
    write(tmp_path, "fr/KA-12345.md", VALID.replace("language: fr", "language: ja"))
    assert main(["validate", "--root", str(tmp_path), "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("::error file=") and ",line=4,col=11::[language-mismatch]" in out


def test_usage_error_exit_2(capsys):
    assert main(["validate", "--format", "xml"]) == 2
    assert main(["no-such-command"]) == 2


def test_build_fails_on_the_same_problems(tmp_path):
    from tests.conftest import build_site, copy_project

    project = copy_project(tmp_path / "p")
    bad = project / "runbooks" / "fr" / "KA-19371.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("version-number: 2", "version-number: two"),
                   encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "runbooks/fr/KA-19371.md:" in result.stderr and "schema-type" in result.stderr
    assert REPO.exists()
