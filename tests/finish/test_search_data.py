"""kb-search/<lang>.json and the registry's patterns for the browser, without a browser (the browser side is
tests/browser/test_search_browser.py)."""

from __future__ import annotations

import re

import pytest

from hooks.base import registry
from hooks.corpus.error_codes import build_index
from hooks.corpus.search_patterns import Untranslatable, registry_js, to_js
from hooks.finish.search_data import STRING_KEYS, search_data
from hooks.rules.loader import load
from tests.conftest import VALID_RUNBOOK, write


@pytest.mark.parametrize("python, js", [
    (r"HTTP[ \u00a0]?(?P<status>[1-5]\d\d)", r"HTTP[ \u00a0]?(?<status>[1-5]\p{Nd}\p{Nd})"),
    (r"(?i:ok)x", "(?:[oO][kK])x"),
    (r"(?i:c[óo]de)", "(?:[cC][óÓoO][dD][eE])"),
    (r"(?<![A-Za-z0-9_\-])a\.b", r"(?<![A-Za-z0-9_\-])a\.b"),
    (r"d[’'']erreur", "d[’'']erreur"),
    (r"(?P<a>x)(?P=a)", r"(?<a>x)\k<a>"),
])
def test_python_patterns_become_javascript_patterns(python, js):
    assert to_js(python) == js


@pytest.mark.parametrize("pattern", [r"(?x)a b", r"\Gx", "(a"])
def test_a_construct_without_a_javascript_form_is_refused(pattern):
    with pytest.raises(Untranslatable):
        to_js(pattern)


def test_every_family_form_of_the_shipped_registry_is_translated():
    data = registry_js()
    assert [f["id"] for f in data["families"]][-1] == "other"
    assert sum(len(f["forms"]) for f in data["families"]) > len(data["families"])
    assert not any("(?P" in form["pattern"] or "(?i" in form["pattern"]
                   for family in data["families"] for form in family["forms"])


def _runbook(rid: str, lang: str, body: str, hidden: bool = False) -> str:
    text = VALID_RUNBOOK.replace("KA-12345", rid).replace("language: fr", f"language: {lang}")
    if hidden:
        text = text.replace("version-number: 2", "version-number: 2\nhide: true")
    return text + body


def test_search_data_lists_codes_by_key_archived_and_moved_articles(tmp_path):
    root = tmp_path / "runbooks"
    write(root, "fr/KA-10001.md", _runbook("KA-10001", "fr", "\nRED-520025 Communication failed\n"))
    write(root, "fr/KA-10002.md", _runbook("KA-10002", "fr", "\nXSV-350064 Session expired\n", hidden=True))
    write(root, "fr/redirects.csv", "id,to\nKA-10003,https://example.com/elsewhere\n")
    corpus = load(root)
    from hooks.finish.search_data import moved_ids

    data = search_data(corpus, build_index(corpus), moved_ids(root))
    assert data["codes"]["RED520025"]["runbooks"] == {"fr": ["KA-10001"]}
    assert data["codes"]["XSV350064"]["runbooks"] == {"fr": ["KA-10002"]}  # its page exists: findable
    assert data["numbers"]["520025"] == "RED520025"
    assert data["runbooks"]["KA-10002"]["fr"][1] is True and data["runbooks"]["KA-10001"]["fr"][1] is False
    assert data["moved"] == {"fr": ["KA-10003"]}
    for lang in registry.language_codes():
        assert set(data["strings"][lang]) == set(STRING_KEYS)
        assert all(value.strip() for value in data["strings"][lang].values())
    assert all(re.fullmatch(r"[A-Z0-9]+", key) for key in data["codes"])


def test_each_language_loads_its_own_runbooks_messages_and_strings(tmp_path):
    from hooks.finish.search_data import for_language, moved_ids

    root = tmp_path / "runbooks"
    write(root, "fr/KA-10001.md", _runbook("KA-10001", "fr", "\nRED-520025 Communication failed\n"))
    write(root, "ja/KA-10001.md", _runbook("KA-10001", "ja", "\nRED-520025 通信に失敗しました\n"))
    write(root, "ja/KA-10004.md", _runbook("KA-10004", "ja", "\nDLV-490119 配信\n"))
    corpus = load(root)
    whole = search_data(corpus, build_index(corpus), moved_ids(root))
    fr = for_language(whole, "fr")
    assert fr["codes"]["RED520025"]["runbooks"] == {"fr": ["KA-10001"]}
    assert list(fr["codes"]["RED520025"]["quotes"]) == ["fr"]
    assert fr["codes"]["DLV490119"]["runbooks"] == {}  # the code has a page here, no French runbook
    assert list(fr["runbooks"]["KA-10001"]) == ["fr"]
    assert list(fr["runbooks"]["KA-10004"]) == ["ja"]  # not in French: its title in the language that has it
    assert list(fr["strings"]) == ["fr"] and fr["registry"] == whole["registry"]
