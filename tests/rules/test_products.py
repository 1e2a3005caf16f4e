"""The product vocabulary: open to the KB (import records its names), closed to typos (validate)."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from hooks.rules import products
from tests.conftest import validate_json, write
from tests.rules.test_validate_rules import KB

VOCABULARY = products.Vocabulary(
    ("Campaign", "Experience Manager", "Experience Manager 6.4", "Campaign Classic v7", "Target"),
    {products.key(n): n for n in ("Campaign", "Experience Manager", "Experience Manager 6.4",
                                  "Campaign Classic v7", "Target")})


@pytest.mark.parametrize("spelling, canonical", [
    ("campaign", "Campaign"),
    ("Adobe Campaign", "Campaign"),
    ("ADOBE   experience  manager", "Experience Manager"),
    ("Adobe Experience Manager 6.4", "Experience Manager 6.4"),
    ("Experience Manager 6.5", None),
    ("Campaign v8", None),
])
def test_spellings_of_one_product_are_one_name(spelling, canonical):
    assert VOCABULARY.canonical(spelling) == canonical


@pytest.mark.parametrize("typo, suggestion", [
    ("Campain", "Campaign"),
    ("Experiance Manager", "Experience Manager"),
    ("Experience Manger 6.4", "Experience Manager 6.4"),
    ("Campaign Clasic v7", "Campaign Classic v7"),
    # a version is never swapped for another: these are other products, not typos
    ("Experience Manager 6.5", None),
    ("Campaign Classic v8", None),
    ("Experience Manager 2024", None),
    ("Photoshop", None),
])
def test_suggestions_fix_typos_but_never_swap_a_version(typo, suggestion):
    assert VOCABULARY.suggest(typo) == suggestion


@given(st.text(min_size=1, max_size=40))
def test_a_suggestion_always_keeps_the_versions_of_the_name(name):
    guess = VOCABULARY.suggest(name)
    assert guess is None or products.versions(guess) == products.versions(name)


@pytest.mark.parametrize("name, reason", [
    ("", "empty"),
    ("x" * 300, "300 characters"),
    ("<b>Campaign</b>", "markup"),
    ("Camp\x07aign", "control"),
    ("Camp\u200baign", "control"),
])
def test_names_that_cannot_be_products(name, reason):
    assert reason in products.unusable(name)


def test_record_adds_unknown_names_once_with_the_most_used_spelling(tmp_path):
    root = tmp_path / "runbooks"
    root.mkdir()
    seen = {products.key("Photoshop Lightroom"): {"Photoshop Lightroom": 3, "Photoshop lightroom": 1},
            products.key("Campaign"): {"Campaign": 7}}
    added = products.record(root, seen)
    assert added == [("Photoshop Lightroom", 4)]
    data = yaml.safe_load((tmp_path / "hooks" / "data" / "products.yml").read_text(encoding="utf-8"))
    assert {"name": "Photoshop Lightroom", "from": "kb-import"} in data
    assert [d["name"] for d in data].count("Campaign") == 1
    assert products.for_root(root).canonical("adobe photoshop LIGHTROOM") == "Photoshop Lightroom"
    assert products.record(root, seen) == []  # known now: nothing added, nothing written


def test_validate_reports_near_misses_and_never_suggests_another_version(tmp_path, capsys):
    root = tmp_path / "runbooks"
    write(root, "fr/KA-12345.md", KB.replace("- Campaign\n", "- Campain\n- Experience Manager 6.5\n", 1))
    code, problems = validate_json(root, capsys)
    assert code == 1
    by_value = {p["message"]: p for p in problems if p["rule"] == "unknown-product"}
    assert by_value["unknown product 'Campain'"]["fix"] == "did you mean 'Campaign'?"
    fix = by_value["unknown product 'Experience Manager 6.5'"]["fix"]
    assert "6.4" not in fix and "hooks/data/products.yml" in fix
    assert by_value["unknown product 'Campain'"]["line"] == 10  # at the list item (line 10 of KB)


def test_a_bad_edit_of_the_vocabulary_is_reported_at_its_line(tmp_path, capsys):
    root = tmp_path / "runbooks"
    write(root, "fr/KA-12345.md", KB)
    write(tmp_path, "hooks/data/products.yml",
          "- name: Campaign\n- name: Campaign v8\n- name: Campaign Classic v7\n- name: adobe campaign\n"
          "- aliases: [x]\n- name: '<b>Target</b>'\n")
    code, problems = validate_json(root, capsys)
    assert code == 1
    found = {(p["path"], p["line"], p["column"], p["rule"]) for p in problems}
    shown = "hooks/data/products.yml"
    assert found == {(shown, 4, 9, "products-file"), (shown, 5, 3, "products-file"), (shown, 6, 9, "products-file")}
    write(tmp_path, "hooks/data/products.yml", "- name: [Campaign\n")
    code, problems = validate_json(root, capsys)
    assert code == 1 and [p["rule"] for p in problems if p["path"] == "hooks/data/products.yml"] == ["products-file"]
