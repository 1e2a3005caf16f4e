import tracemalloc

import pytest

from hooks.base.problems import ProblemError
from hooks.corpus.frontmatter import MAX_BYTES, decode, parse, read_file
from tests.work import CallCounter

GOOD = "---\ntitle: Hello\nproduct:\n  - Campaign\n---\n\n# Hello\n"


def problem_of(text: str):
    with pytest.raises(ProblemError) as info:
        parse(text, "runbooks/en/KA-00001.md")
    return info.value.problem


def test_reads_front_matter_and_body_with_lines():
    doc = parse(GOOD, "x.md")
    assert doc.meta == {"title": "Hello", "product": ["Campaign"]}
    assert doc.body.startswith("\n# Hello")
    assert doc.key_lines == {"title": 2, "product": 3}
    assert doc.body_line == 6


def test_bom_and_crlf_are_accepted():
    data = ("\ufeff" + GOOD).replace("\n", "\r\n").encode("utf-8")
    doc = parse(decode(data, "x.md"), "x.md")
    assert doc.meta["title"] == "Hello"
    assert "\r" not in doc.body


def test_non_utf8_names_line_and_column():
    data = "---\ntitle: ok\n---\n\nCaf\xe9\n".encode("latin-1")
    with pytest.raises(ProblemError) as info:
        decode(data, "a.md")
    assert (info.value.problem.line, info.value.problem.column, info.value.problem.rule) == (5, 4, "encoding")
    assert "UTF-8" in info.value.problem.fix


def test_broken_yaml_points_at_the_yaml_line():
    problem = problem_of("---\ntitle: ok\nproduct: [Campaign\nversion-number: 3\n---\nbody\n")
    assert problem.rule == "yaml-syntax"
    assert problem.line in (4, 5)
    assert problem.path == "runbooks/en/KA-00001.md"


def test_tabs_are_a_yaml_error_with_a_fix():
    problem = problem_of("---\ntitle: ok\nproduct:\n\t- Campaign\n---\n")
    assert problem.rule == "yaml-syntax" and problem.line == 4
    assert "tabs" in problem.fix


def test_duplicate_keys_are_reported_on_the_second():
    problem = problem_of("---\ntitle: a\ndescription: b\ntitle: c\n---\n")
    assert (problem.rule, problem.line) == ("duplicate-key", 4)
    assert "line 2" in problem.message


@pytest.mark.parametrize("front, kind", [("- a\n- b\n", "a list"), ("just text\n", "a single value")])
def test_front_matter_must_be_a_mapping(front, kind):
    problem = problem_of(f"---\n{front}---\n")
    assert problem.rule == "front-matter-not-mapping" and kind in problem.message


def test_billion_laughs_is_refused_fast_with_bounded_memory():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join(f"*{prev}" for _ in range(9)) + "]")
    text = "---\n" + "\n".join(lines) + "\n---\n"
    tracemalloc.start()
    with CallCounter() as work:  # work, not time: expanding the aliases would be ~10⁹ calls (refused: ~500)
        problem = problem_of(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert problem.rule == "yaml-alias" and problem.line == 2
    assert work.calls < 10_000 and peak < 5_000_000


@pytest.mark.parametrize("text, rule", [
    ("", "empty-file"),
    ("   \n\n", "empty-file"),
    ("# Just a title\n", "no-front-matter"),
    ("---\ntitle: x\n", "unclosed-front-matter"),
])
def test_files_that_are_not_runbooks(text, rule):
    assert problem_of(text).rule == rule


def test_huge_file_is_refused_by_the_documented_limit(tmp_path):
    path = tmp_path / "huge.md"
    with open(path, "wb") as fh:
        fh.write(b"---\ntitle: x\n---\n")
        fh.seek(MAX_BYTES + 10)
        fh.write(b"\n")
    with pytest.raises(ProblemError) as info:
        read_file(path)
    assert info.value.problem.rule == "file-too-large"


def test_dates_stay_strings():
    doc = parse("---\npublished: 2024-04-17\n---\n", "x.md")
    assert doc.meta["published"] == "2024-04-17"
