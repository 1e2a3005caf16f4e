"""`python -m hooks validate` as contributors and CI use it: formats, colour, exit status, paths."""

import json
import os
import pty
import subprocess
import sys

from hooks.cli import main
from tests.conftest import REPO
from tests.rules.test_validate_rules import KB, write

BAD = KB.replace("language: fr", "language: ja")


def run_in_terminal(args: list[str], env: dict) -> str:
    """Run the command with its output on a pseudo-terminal, as in a contributor's shell."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "hooks", *args], stdout=follower, stderr=follower,
                               cwd=REPO, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_human_output_is_coloured_on_a_terminal_only(tmp_path):
    write(tmp_path, "fr/KA-12345.md", BAD)
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    on_terminal = run_in_terminal(["validate", "--root", str(tmp_path)], env)
    assert "\033[31merror\033[0m" in on_terminal and "fr/KA-12345.md:4:11" in on_terminal
    assert "\033[" not in run_in_terminal(["validate", "--root", str(tmp_path)], {**env, "NO_COLOR": "1"})
    piped = subprocess.run([sys.executable, "-m", "hooks", "validate", "--root", str(tmp_path)],
                           capture_output=True, text=True, cwd=REPO, env=env, check=False)
    assert piped.returncode == 1 and "\033[" not in piped.stdout
    assert "fr/KA-12345.md:4:11: error [language-mismatch]" in piped.stdout
    assert "Fix: set 'language: fr'" in piped.stdout


def test_color_can_be_forced(tmp_path, capsys):
    write(tmp_path, "fr/KA-12345.md", BAD)
    assert main(["validate", "--root", str(tmp_path), "--color", "always"]) == 1
    assert "\033[31m" in capsys.readouterr().out


def test_exit_status(tmp_path, capsys):
    write(tmp_path, "good/fr/KA-12345.md", KB)
    write(tmp_path, "bad/fr/KA-12345.md", BAD)
    assert main(["validate", "--root", str(tmp_path / "good")]) == 0
    assert main(["validate", "--root", str(tmp_path / "bad")]) == 1
    assert main(["validate", "--root", str(tmp_path / "missing")]) == 2
    assert main(["validate", "--root", str(tmp_path / "good"), str(tmp_path / "good/fr/KA-00000.md")]) == 2
    assert main(["validate", "--format", "xml"]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_json_has_every_field(tmp_path, capsys):
    write(tmp_path, "fr/KA-12345.md", BAD)
    main(["validate", "--root", str(tmp_path), "--format", "json"])
    (problem,) = json.loads(capsys.readouterr().out)
    assert problem == {"path": f"{tmp_path.name}/fr/KA-12345.md", "line": 4, "column": 11,
                       "rule": "language-mismatch", "message": "language 'ja' does not match the folder 'fr'",
                       "fix": "set 'language: fr' or move the file to runbooks/ja/", "severity": "error"}


def test_github_annotations_escape_their_properties(tmp_path, capsys):
    root = tmp_path / "runs,1"
    write(root, "fr/KA-12345.md", BAD.replace("- Campaign\n", "- 100% Campaign\n", 1))
    main(["validate", "--root", str(root), "--format", "github"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == ("::error file=runs%2C1/fr/KA-12345.md,line=4,col=11::[language-mismatch] language 'ja' "
                        "does not match the folder 'fr' Fix: set 'language: fr' or move the file to runbooks/ja/")
    assert lines[1].startswith("::error file=runs%2C1/fr/KA-12345.md,line=10,col=3::[unknown-product] "
                               "unknown product '100%25 Campaign'")
    assert len(lines) == 2


def test_paths_limit_the_report_but_translations_are_still_compared(tmp_path, capsys):
    write(tmp_path, "fr/KA-12345.md", KB)
    write(tmp_path, "ja/KA-12345.md", KB.replace("language: fr", "language: ja").replace("- Campaign\n", "- Target\n"))
    write(tmp_path, "pt-BR/KA-22222.md", BAD.replace("KA-12345", "KA-22222"))
    code = main(["validate", "--root", str(tmp_path), "--format", "json", str(tmp_path / "ja" / "KA-12345.md")])
    problems = json.loads(capsys.readouterr().out)
    assert code == 1
    assert {p["path"] for p in problems} == {f"{tmp_path.name}/ja/KA-12345.md"}
    assert [p["rule"] for p in problems] == ["translation-disagrees"]


def test_a_folder_argument_checks_every_file_in_it(tmp_path, capsys):
    write(tmp_path, "fr/KA-12345.md", BAD)
    write(tmp_path, "ja/KA-12345.md", KB.replace("language: fr", "language: ja"))
    code = main(["validate", "--root", str(tmp_path), "--format", "json", str(tmp_path / "fr")])
    assert code == 1
    assert {p["path"].split("/")[-2] for p in json.loads(capsys.readouterr().out)} == {"fr"}


def test_a_file_outside_the_runbooks_folder_is_checked_alone(tmp_path, capsys):
    write(tmp_path, "runbooks/KA-12345.md", KB)  # misplaced inside root: not part of this report
    outside = write(tmp_path, "elsewhere/fr/KA-12345.md", BAD)
    code = main(["validate", "--root", str(tmp_path / "runbooks"), "--format", "json", str(outside)])
    problems = json.loads(capsys.readouterr().out)
    assert code == 1 and {p["rule"] for p in problems} == {"language-mismatch"}
