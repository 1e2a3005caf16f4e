"""`lookup` reads codes as the search box does, ranks runbooks by the message they quote, shows one
language, and stops quietly when its reader does (`| head`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hooks.cli import main
from tests.conftest import REPO, write

RUNBOOK = """---
id: {id}
type: kb-article
language: {lang}
title: {title}
description: A real description
article-number: {id}
product:
- Campaign
applies-to:
- Campaign v8
version-number: 1
created: '2024-04-17T12:30:27Z'
published: '2024-04-17T12:38:19Z'
---

# {title}

```
{log}
```
"""


@pytest.fixture
def root(tmp_path):
    runbooks = tmp_path / "runbooks"
    for rid, title, log in (
        ("KA-10001", "Tracking server down", "RED-520025 Communication failed with tracking server"),
        ("KA-10002", "Mirror page error", "RED-520025 Mirror page could not be generated for the delivery"),
    ):
        for lang in ("en", "fr"):
            write(runbooks, f"{lang}/{rid}.md", RUNBOOK.format(id=rid, lang=lang, title=title, log=log))
    return runbooks


def lookup(capsys, monkeypatch, root, text, *args):
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(text))
    code = main(["lookup", "-", "--root", str(root), "--json", *args])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("written", ["RED-520025", "red-520025", "red520025", "RED520025", "Red-520025"])
def test_a_code_in_any_case_with_or_without_its_hyphen_is_found(capsys, monkeypatch, root, written):
    code, data = lookup(capsys, monkeypatch, root, f"10:02:11 host {written} something failed\n")
    assert code == 0
    assert [c["code"] for c in data["codes"]] == ["RED-520025"]


@pytest.mark.parametrize("message, first", [
    ("Mirror page could not be generated", "KA-10002"),
    ("Communication failed with the tracking server", "KA-10001"),
])
def test_the_runbook_quoting_the_pasted_message_comes_first(capsys, monkeypatch, root, message, first):
    _, data = lookup(capsys, monkeypatch, root, f"2024-05-14 10:02:11 app1 RED-520025 {message}\n")
    assert data["codes"][0]["runbooks"]["en"][0]["id"] == first


def test_lang_shows_one_language(capsys, monkeypatch, root):
    _, data = lookup(capsys, monkeypatch, root, "RED-520025\n", "--lang", "fr")
    assert list(data["codes"][0]["runbooks"]) == ["fr"]
    assert "Serveur de redirection" in data["codes"][0]["description"]


def test_an_unknown_lang_is_an_error_with_a_fix(capsys, monkeypatch, root):
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("RED-520025\n"))
    assert main(["lookup", "-", "--root", str(root), "--lang", "de"]) == 2
    assert "Fix:" in capsys.readouterr().err


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_words_that_are_not_codes_add_nothing(text):
    from hooks.corpus import error_codes
    from hooks.corpus.code_keys import loose_matches
    from hooks.corpus.model import Corpus

    index = error_codes.build_index(Corpus([]))
    assert loose_matches(text, index, error_codes.find(text)) == []


def test_no_traceback_when_the_output_is_piped_into_head(root):
    # thousands of distinct codes: far more output than a pipe holds, and a reader that stops at once
    log = "RED-520025 Communication failed\n" + "".join(f"ABC-{i:06d} failed\n" for i in range(5000))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = f"{sys.executable} -m hooks lookup - --root {root} | head -n 1 > /dev/null"
    result = subprocess.run(["bash", "-c", command], input=log, capture_output=True, text=True, env=env, check=False)
    assert result.stderr == "", result.stderr
