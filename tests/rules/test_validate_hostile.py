"""Hostile front matter, all in one folder, through the real command line in a child process:
every file gets one clear problem at its line, nothing crashes, nothing prints a traceback."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hooks.corpus.frontmatter import MAX_BYTES
from hooks.rules import loader
from tests.conftest import REPO
from tests.conftest import VALID_RUNBOOK as VALID
from tests.work import CallCounter


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join(f"*{prev}" for _ in range(9)) + "]")
    return "---\n" + "\n".join(lines) + "\n---\n"


# file name → (content, expected rule, expected line)
HOSTILE = {
    "KA-10001": ("---\ntitle: ok\nproduct: [Campaign\nversion-number: 3\n---\n", "yaml-syntax", 4),
    "KA-10002": (billion_laughs(), "yaml-alias", 2),
    "KA-10003": ("---\ntitle: a\ndescription: b\ntitle: c\n---\n", "duplicate-key", 4),
    "KA-10004": (b"---\ntitle: caf\xe9\n---\n", "encoding", 2),
    "KA-10005": ("---\ntitle: ok\nproduct:\n\t- Campaign\n---\n", "yaml-syntax", 4),
    "KA-10006": ("---\n- a\n- b\n---\n", "front-matter-not-mapping", 2),
    "KA-10007": ("---\njust a sentence\n---\n", "front-matter-not-mapping", 2),
    "KA-10008": ("", "empty-file", 1),
    "KA-10009": ("---\ntitle: x\nproduct: " + "[" * 200_000 + "]" * 200_000 + "\n---\n", "yaml-too-deep", 2),
    "KA-10010": ("---\ntitle: x\nversion-number: " + "9" * 5000 + "\n---\n", "yaml-value", 3),
    "KA-10011": ("---\ntitle: !!python/object/apply:os.system [id]\n---\n", "yaml-syntax", 2),
    "KA-10012": ("---\ntitle: a\x07b\n---\n", "yaml-syntax", 2),
    "KA-10013": ("---\ntitle: x\n", "unclosed-front-matter", 1),
    "KA-10014": ("# Just a title\n", "no-front-matter", 1),
    "KA-10015": ("---\n[a, b]: c\n---\n", "yaml-key", 2),
}


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "runbooks"
    (root / "fr").mkdir(parents=True)
    for name, (content, _, _) in HOSTILE.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (root / "fr" / f"{name}.md").write_bytes(data)
    with open(root / "fr" / "KA-10016.md", "wb") as fh:  # 50 MB, sparse: costs no disk
        fh.write(VALID.encode())
        fh.truncate(50 * 1024 * 1024)
    # a good file saved by a Windows editor: BOM + CRLF is accepted
    (root / "fr" / "KA-12345.md").write_bytes(("\ufeff" + VALID).replace("\n", "\r\n").encode("utf-8"))
    return root


@pytest.fixture(scope="module")
def hostile_run(hostile_root):
    # the timeout only keeps a hung run from blocking the suite; what the run costs is counted below
    return subprocess.run([sys.executable, "-m", "hooks", "validate", "--root", str(hostile_root), "--format", "json"],
                          capture_output=True, text=True, cwd=REPO, check=False, timeout=600)


def test_no_crash_no_traceback_exit_1(hostile_run):
    assert hostile_run.returncode == 1, hostile_run.stderr
    assert "Traceback" not in hostile_run.stderr and "Traceback" not in hostile_run.stdout


def test_hostile_files_cost_bounded_work_and_the_50_mb_file_is_never_read(hostile_root, monkeypatch):
    """Work, not time: a bomb that was expanded or a 50 MB file that was read would show here on any machine."""
    read: list[str] = []
    read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: read.append(path.name) or read_bytes(path))
    with CallCounter() as work:
        loaded = loader.load(hostile_root)
    assert "KA-10016.md" not in read and "KA-10002.md" in read
    assert len(loaded.problems) >= len(HOSTILE) + 1
    assert work.calls < 1_000_000, work.calls  # ~185,000 today, most of them on the 200,000 nested brackets


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_hostile_file_gets_one_problem_at_its_line(hostile_run, name):
    problems = [p for p in json.loads(hostile_run.stdout) if p["path"].endswith(f"fr/{name}.md")]
    _, rule, line = HOSTILE[name]
    assert [(p["rule"], p["line"]) for p in problems] == [(rule, line)], problems
    assert problems[0]["fix"] and problems[0]["column"] >= 1


def test_50_mb_file_is_refused_by_the_documented_limit(hostile_run):
    problems = [p for p in json.loads(hostile_run.stdout) if p["path"].endswith("fr/KA-10016.md")]
    assert [p["rule"] for p in problems] == ["file-too-large"]
    assert f"{MAX_BYTES:,}" in problems[0]["message"]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"{MAX_BYTES // (1024 * 1024)} MiB" in readme


def test_bom_and_crlf_file_is_valid(hostile_run):
    assert not [p for p in json.loads(hostile_run.stdout) if p["path"].endswith("fr/KA-12345.md")]
