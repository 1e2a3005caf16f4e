"""The rules of issue #4, each shown on a small runbook tree through `python -m hooks validate`."""


import pytest

from hooks.corpus.runbook_format import INTERNAL_FIELDS
from tests.conftest import VALID_RUNBOOK, validate_json, write

# The shared valid runbook, with an exl-id and a second applies-to (line numbers below count on this text).
KB = (VALID_RUNBOOK
      .replace("article-number: KA-12345\n", "article-number: KA-12345\nexl-id: 5368015d-4d97-492c-a056-664a601306df\n")
      .replace("- Campaign v8\n", "- Campaign v8\n- Campaign Classic v7\n"))

GUIDE = """---
id: exl-a039a288
type: guide
language: fr
title: Tracking et surveillance des messages
description: Découvrez comment effectuer le tracking
exl-id: a039a288-2e7b-4f35-9885-ead3ed4347af
product:
- Campaign
---

# Tracking
"""


problems_of = validate_json


def rules(problems):
    return sorted((p["path"].split("runbooks/")[-1], p["rule"], p["line"]) for p in problems)


@pytest.fixture
def root(tmp_path):
    return tmp_path / "runbooks"


def test_valid_kb_article_and_guide(root, capsys):
    write(root, "fr/KA-12345.md", KB)
    write(root, "fr/exl-a039a288.md", GUIDE)
    assert problems_of(root, capsys) == (0, [])


@pytest.mark.parametrize("field", ["article-number", "title", "description", "product", "applies-to",
                                   "version-number", "language", "created", "published"])
def test_kb_article_required_fields(root, capsys, field):
    lines = [line for line in KB.split("\n") if not line.startswith(f"{field}:")]
    text = "\n".join(lines)
    if field in ("product", "applies-to"):  # drop the list items too
        text = text.replace("- Campaign\n", "", 1) if field == "product" else text.replace(
            "- Campaign v8\n- Campaign Classic v7\n", "")
    write(root, "fr/KA-12345.md", text)
    code, problems = problems_of(root, capsys)
    assert code == 1
    missing = [p for p in problems if p["rule"] == "required-field"]
    assert [p["message"].split("'")[1] for p in missing] == [field]
    assert "kb-article" in missing[0]["message"] and f"'{field}:'" in missing[0]["fix"]


@pytest.mark.parametrize("field", ["id", "type", "title", "description", "product", "language"])
def test_guide_required_fields(root, capsys, field):
    text = "\n".join(line for line in GUIDE.split("\n") if not line.startswith(f"{field}:"))
    if field == "product":
        text = text.replace("- Campaign\n", "")
    write(root, "fr/exl-a039a288.md", text)
    _, problems = problems_of(root, capsys)
    assert field in [p["message"].split("'")[1] for p in problems if p["rule"] == "required-field"]


def test_guide_needs_no_dates_or_version(root, capsys):
    write(root, "fr/exl-a039a288.md", GUIDE)
    assert problems_of(root, capsys)[0] == 0


def test_version_number_must_be_at_least_1(root, capsys):
    write(root, "fr/KA-12345.md", KB.replace("version-number: 2", "version-number: 0"))
    assert ("fr/KA-12345.md", "schema-minimum", 14) in rules(problems_of(root, capsys)[1])


@pytest.mark.parametrize("change, rule, line", [
    (("article-number: KA-12345", "article-number: KA-54321"), "id-article-number", 7),
    (("exl-id: 5368015d", "exl-id: 9998015d"), None, None),  # a kb-article's id is not from its exl-id
    (("article-number: KA-12345", "article-number: KA-1937"), "schema-pattern", 7),
    (("id: KA-12345", "id: KT-12345"), "schema-pattern", 2),
])
def test_kb_article_identity(root, capsys, change, rule, line):
    name = "KT-12345" if "KT-" in change[1] else "KA-12345"
    write(root, f"fr/{name}.md", KB.replace(*change))
    found = rules(problems_of(root, capsys)[1])
    if rule is None:
        assert found == []
    else:
        assert (f"fr/{name}.md", rule, line) in found


@pytest.mark.parametrize("change, rule, line", [
    (("exl-id: a039a288", "exl-id: b039a288"), "id-exl-id", 7),
    (("exl-id: a039a288-2e7b-4f35-9885-ead3ed4347af\n", ""), "id-exl-id", 2),
    (("type: guide\n", "type: guide\narticle-number: KA-12345\n"), "guide-article-number", 4),
])
def test_guide_identity(root, capsys, change, rule, line):
    write(root, "fr/exl-a039a288.md", GUIDE.replace(*change))
    assert ("fr/exl-a039a288.md", rule, line) in rules(problems_of(root, capsys)[1])


def test_guide_with_a_ka_id_is_told_it_is_a_kb_article(root, capsys):
    write(root, "fr/KA-12345.md", KB.replace("type: kb-article", "type: guide"))
    problems = problems_of(root, capsys)[1]
    id_problem = [p for p in problems if p["rule"] == "schema-pattern" and p["line"] == 2]
    assert id_problem and "KA- ids are kb-articles" in id_problem[0]["fix"]


@pytest.mark.parametrize("bad, good, key, line", [
    ("Campaign Classic V7", "Campaign Classic v7", "applies-to", 13),
    ("Campaing v8", "Campaign v8", "applies-to", 12),
    ("Campain", "Campaign", "product", 10),
])
def test_vocabulary_did_you_mean_at_the_item_line(root, capsys, bad, good, key, line):
    original = {"applies-to": {12: "Campaign v8", 13: "Campaign Classic v7"}, "product": {10: "Campaign"}}
    write(root, "fr/KA-12345.md", KB.replace(f"- {original[key][line]}\n", f"- {bad}\n", 1))
    problem = next(p for p in problems_of(root, capsys)[1] if p["rule"] == "unknown-product")
    assert (problem["line"], problem["column"]) == (line, 3)
    assert problem["message"] == f"unknown {key} '{bad}'" and problem["fix"] == f"did you mean '{good}'?"


def test_unknown_product_without_a_near_miss_says_where_the_vocabulary_is(root, capsys):
    write(root, "fr/KA-12345.md", KB.replace("- Campaign\n", "- Zzyzx Quantum\n", 1))
    problem = next(p for p in problems_of(root, capsys)[1] if p["rule"] == "unknown-product")
    assert "hooks/data/products.yml" in problem["fix"]


def test_language_and_file_name(root, capsys):
    write(root, "ja/KA-12345.md", KB)  # says fr, lives in ja/
    write(root, "fr/KA-99999.md", KB)  # says KA-12345, named KA-99999
    found = rules(problems_of(root, capsys)[1])
    assert ("ja/KA-12345.md", "language-mismatch", 4) in found
    assert ("fr/KA-99999.md", "id-mismatch", 2) in found


def test_unknown_language_folder(root, capsys):
    write(root, "de/KA-12345.md", KB.replace("language: fr", "language: de"))
    assert "unknown-language-folder" in [p["rule"] for p in problems_of(root, capsys)[1]]


def test_same_id_twice_in_one_language_is_reported_on_both(root, capsys):
    write(root, "fr/KA-12345.md", KB)
    write(root, "fr/ka-12345.md", KB)
    duplicates = [p for p in problems_of(root, capsys)[1] if p["rule"] == "duplicate-id"]
    assert sorted(p["path"].rsplit("/", 1)[-1] for p in duplicates) == ["KA-12345.md", "ka-12345.md"]


def test_same_id_in_two_languages_is_fine(root, capsys):
    write(root, "fr/KA-12345.md", KB)
    write(root, "ja/KA-12345.md", KB.replace("language: fr", "language: ja"))
    assert problems_of(root, capsys)[0] == 0


@pytest.mark.parametrize("field, change", [
    ("article-number", None),
    ("exl-id", ("exl-id: 5368015d", "exl-id: 5368015e")),
    ("product", ("- Campaign\n", "- Target\n")),
    ("applies-to", ("- Campaign v8\n", "- Campaign Standard\n")),
])
def test_translations_disagree_reported_on_both_files(root, capsys, field, change):
    write(root, "fr/KA-12345.md", KB)
    if change is None:  # the same id, another article number: reported as a disagreement on both
        other = KB.replace("language: fr", "language: ja").replace("article-number: KA-12345",
                                                                   "article-number: KA-12346")
    else:
        other = KB.replace("language: fr", "language: ja").replace(*change)
    write(root, "ja/KA-12345.md", other)
    found = [p for p in problems_of(root, capsys)[1] if p["rule"] == "translation-disagrees"]
    assert sorted(p["path"].split("/")[-2] for p in found) == ["fr", "ja"]
    assert all(f"'{field}'" in p["message"] and p["fix"] for p in found)


@pytest.mark.parametrize("line, key", [
    ("description: Description", "description"),
    ("title: Title", "title"),
    ("description: TODO", "description"),
])
def test_placeholders(root, capsys, line, key):
    write(root, "fr/KA-12345.md", KB.replace(f"{key}: ", f"{line}\nold-{key}: ", 1))
    problem = next(p for p in problems_of(root, capsys)[1] if p["rule"] == "placeholder")
    assert problem["line"] == (5 if key == "title" else 6) and f"real {key}" in problem["fix"]


def test_placeholder_in_a_list(root, capsys):
    write(root, "fr/KA-12345.md", KB.replace("version-number: 2\n", "version-number: 2\nkeywords:\n- Keywords\n"))
    problem = next(p for p in problems_of(root, capsys)[1] if p["rule"] == "placeholder")
    assert problem["line"] == 16


def test_unknown_key_did_you_mean(root, capsys):
    write(root, "fr/KA-12345.md", KB.replace("applies-to:", "aplies-to:"))
    problems = problems_of(root, capsys)[1]
    unknown = next(p for p in problems if p["rule"] == "unknown-field")
    assert unknown["line"] == 11 and unknown["fix"] == "did you mean 'applies-to'?"
    assert "applies-to" in [p["message"].split("'")[1] for p in problems if p["rule"] == "required-field"]


@pytest.mark.parametrize("field", INTERNAL_FIELDS)
def test_kb_internal_fields_are_rejected_in_runbooks(root, capsys, field):
    write(root, "fr/KA-12345.md", KB.replace("version-number: 2\n", f"version-number: 2\n{field}: x\n"))
    problem = next(p for p in problems_of(root, capsys)[1] if p["rule"] == "internal-field")
    assert problem["line"] == 15 and f"'{field}'" in problem["fix"]


def test_every_problem_of_a_file_at_once(root, capsys):
    bad = (KB.replace("language: fr", "language: ja").replace("- Campaign\n", "- Campain\n", 1)
           .replace("version-number: 2", "version-number: 0").replace("description: Une description réelle",
                                                                     "description: Description"))
    write(root, "fr/KA-12345.md", bad)
    found = {p["rule"] for p in problems_of(root, capsys)[1]}
    assert {"language-mismatch", "unknown-product", "schema-minimum", "placeholder"} <= found


def test_markdown_files_the_site_would_ignore_are_reported(root, capsys):
    write(root, "fr/KA-12345.md", KB)
    write(root, "KA-12345.md", KB)
    write(root, "fr/old/KA-12345.md", KB)
    write(root, "README.md", "# How to write a runbook\n")  # documentation of the folder is fine
    misplaced = [p for p in problems_of(root, capsys)[1] if p["rule"] == "misplaced-file"]
    assert sorted(p["path"].split("runbooks/")[-1] for p in misplaced) == ["KA-12345.md", "fr/old/KA-12345.md"]
