"""Error-code registry, extraction and linking, without a build."""

import json
import re

import pytest

from hooks.base import registry
from hooks.cli import main
from hooks.corpus.error_codes import families, find, message_after, registry_problems
from hooks.render.error_links import link_codes
from tests.conftest import CORPUS, FULL_SAMPLE, SEEDS

ISSUE_FAMILIES = {"RED", "DLV", "PGS", "XTK", "SOP", "ODB", "WDB", "SCR", "RST", "INT", "URL", "CRL", "WKF", "BAS",
                  "SCM", "XSV", "JST", "IOB", "QUE"}


def codes(text):
    return [(m.code, m.family.id) for m in find(text)]


def test_every_family_has_a_pattern_and_a_description_in_every_language():
    langs = set(registry.language_codes())
    ids = [f.id for f in families()]
    assert ISSUE_FAMILIES | {"ORA", "ORACLE", "HTTP", "other"} <= set(ids)
    assert len(ids) == len(set(ids))
    assert ids[-1] == "other"
    for family in families():
        re.compile(family.pattern)
        assert set(family.description) == langs, family.id
        assert all(text.strip() for text in family.description.values()), family.id


@pytest.mark.parametrize("text, expected", [
    ("- `RED-520025 Communication failed with tracking server`", [("RED-520025", "RED")]),
    ("```\n12/11/2019 10:19:59 AM    CRL-290002 Download error in cURL\n```", [("CRL-290002", "CRL")]),
    ("ORA-210000 Oracle Error: ORA-00904: \"X\"", [("ORA-210000", "ORA"), ("ORA-00904", "ORACLE")]),
    ("Code HTTP 408 'Service temporarily unavailable'", [("HTTP 408", "HTTP")]),
    ("the server answered HTTP 503.", [("HTTP 503", "HTTP")]),
    ("配信でエラーRED-520025が発生しました。", [("RED-520025", "RED")]),  # glued to Japanese text
    ("（DLV-490119）を確認", [("DLV-490119", "DLV")]),
    ("10:20:31 PMXSV-350122 An error occurred", [("XSV-350122", "XSV")]),  # log lost the space after PM
    ("ABC-123456 Something odd", [("ABC-123456", "other")]),  # unknown family: still a code
])
def test_codes_are_found_in_prose_inline_code_and_logs(text, expected):
    assert codes(text) == expected


@pytest.mark.parametrize("text", [
    "fixed under NEO-12345 and NEO-123456", "enhancement (CAMP-12345)", "SITES-1234", "CVE-2021-44228",
    "see KA-19371", "HTTP/1.1 200 OK", "XTK-1700061", "XRED-520025", "RED-520025-2", "red-520025",
    "https://jira.corp.adobe.com/browse/PLATIR-20830", "CQ-4201631", "WKF1747", "ST-360011",
])
def test_lookalikes_are_not_codes(text):
    assert codes(text) == []


@pytest.mark.parametrize("text, message", [
    ("RED-520025 Communication failed with tracking server 'http://x'.`",
     "Communication failed with tracking server 'http://x'"),
    ("Oracle Error: ORA-00904: \"ITRACKINGLOGID\": invalid identifier", '"ITRACKINGLOGID": invalid identifier'),
    ("Code HTTP 408 'Service temporarily unavailable'.", "Service temporarily unavailable"),
    ("QUE-370030 - You do not have the rights needed on folder.", "You do not have the rights needed on folder"),
    ("<b>RST-360011 An error has occurred.</b> more", "An error has occurred"),
    ("keywords SCR-160012, NEO-23161", None),
    ("`DLV-490119`", None),
])
def test_the_message_after_a_code_is_kept(text, message):
    match = find(text)[0]
    assert message_after(text, match.end) == message


@pytest.mark.parametrize("sample", [pytest.param(CORPUS, id="trimmed"),
                                    pytest.param(FULL_SAMPLE, id="full", marks=pytest.mark.corpus)])
def test_the_sample_corpus_and_seed_codes_fall_into_the_registry_families(sample):
    found = {}
    for path in [*sample.glob("*/articles/*.md"), *SEEDS.glob("*.txt")]:
        for match in find(path.read_text(encoding="utf-8")):
            found.setdefault(match.family.id, set()).add(match.code)
    assert set(found) >= ISSUE_FAMILIES, ISSUE_FAMILIES - set(found)
    assert "ORA-00904" in found["ORACLE"] and "ORA-210000" in found["ORA"]
    if sample == FULL_SAMPLE:  # quoted only by KA-17288, left out of the trimmed copy (1.7 MB of images)
        assert "JVM-510037" in found["JVM"]
    everything = {code for codes_ in found.values() for code in codes_}
    assert not {c for c in everything if c.startswith(("NEO-", "CAMP-", "KA-", "CQ-", "PLATIR-"))}
    assert "XSV-350122" in found["XSV"]


def href_for(slug):
    return f"../errors/{slug}/" if slug != "UNKNOWN" else None


def text_of(html):
    return re.sub(r"<[^>]+>", "", html)


def test_codes_in_inline_code_are_linked_and_the_text_is_unchanged():
    html = '<p>Erreur : <code>RED-520025 Communication failed</code> et DLV-490119.</p>'
    out = link_codes(html, href_for)
    assert out == ('<p>Erreur : <code><a class="kb-error-code" href="../errors/RED-520025/">RED-520025</a> '
                   'Communication failed</code> et <a class="kb-error-code" href="../errors/DLV-490119/">'
                   'DLV-490119</a>.</p>')
    assert text_of(out) == text_of(html)


def test_codes_split_by_the_highlighter_keep_their_token_spans():
    html = ('<div class="highlight"><pre><span></span><code><span class="nx">x</span><span class="w"> </span>'
            '<span class="o">=</span><span class="w"> </span><span class="nx">RED</span><span class="o">-</span>'
            '<span class="mf">520025</span><span class="p">;</span><span class="c1">// HTTP 408 here</span>\n'
            '</code></pre></div>')
    out = link_codes(html, href_for)
    assert ('<a class="kb-error-code" href="../errors/RED-520025/"><span class="nx">RED</span><span class="o">-</span>'
            '<span class="mf">520025</span></a>') in out
    assert '<span class="c1">// <a class="kb-error-code" href="../errors/HTTP-408/">HTTP 408</a> here</span>' in out
    assert text_of(out) == text_of(html)


def test_existing_links_attributes_and_unknown_codes_are_left_alone():
    html = ('<p><a href="https://x/RED-520025">RED-520025</a> <img alt="RED-520025" src="a.png"> '
            '<span title="DLV-490119">x</span> <!-- RED-520005 --> UNKNOWN</p>')
    assert link_codes(html, href_for) == html


def run_lookup(capsys, monkeypatch, text, *args):
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(text))
    code = main(["lookup", "-", *args])
    return code, capsys.readouterr()


def test_lookup_prints_the_runbooks_for_each_code_in_a_log(capsys, monkeypatch):
    log = "2024-04-17 12:00:01 mta RED-520025 Communication failed with tracking server\nNEO-12345\n"
    code, out = run_lookup(capsys, monkeypatch, log)
    assert code == 0
    assert out.out.splitlines()[0].startswith("RED-520025  [RED]")
    for lang in ("fr", "pt-BR", "ja"):
        assert f"/{lang}/runbooks/KA-19371/" in out.out
    assert "NEO-12345" not in out.out


def test_lookup_json_lists_runbooks_per_language(capsys, monkeypatch):
    code, out = run_lookup(capsys, monkeypatch, "Code HTTP 408 and ABC-123456 x", "--json",
                           "--site-url", "https://runbooks.example/")
    assert code == 0
    data = json.loads(out.out)
    http, other = data["codes"]
    assert http["code"] == "HTTP 408" and http["family"] == "HTTP"
    assert http["runbooks"]["fr"][0]["url"] == "https://runbooks.example/fr/runbooks/exl-37b1d7fb/"
    assert other["family"] == "other" and other["runbooks"] == {}


@pytest.mark.parametrize("text", ["nothing to see here\n", "ABC-123456 unknown everywhere\n", ""])
def test_lookup_exits_1_when_nothing_matches(capsys, monkeypatch, text):
    code, _ = run_lookup(capsys, monkeypatch, text)
    assert code == 1


def test_lookup_reads_a_file_and_names_an_unreadable_one(tmp_path, capsys):
    log = tmp_path / "app.log"
    log.write_text("ERROR DLV-490119 Analysis completed\n", encoding="utf-8")
    assert main(["lookup", str(log)]) == 0
    assert "KA-19371" in capsys.readouterr().out
    assert main(["lookup", str(tmp_path / "missing.log")]) == 2
    err = capsys.readouterr().err
    assert "missing.log" in err and "Fix:" in err


def test_the_shipped_registry_has_no_problems():
    assert registry_problems() == []


@pytest.mark.parametrize("edit, anchor, words", [
    (("pattern: 'RED-\\d{6}'", "pattern: 'RED-(\\d{6}'"), "pattern: 'RED-(", "does not compile"),
    (('      ja: "配信：メッセージの分析、準備、送信。"\n', ""),
     "  - id: DLV\n    pattern: 'DLV-\\d{6}'\n    description:", "no description in ja"),  # the description: line
    (("families:\n", "families:\n  - [oops\n"), "  - [oops\n  - id: RED", "cannot read"),  # YAML: next line
    (("    messages: colon\n", "    messages: sometimes\n"), "    messages: sometimes", "'messages' of family 'JAVA'"),
    (("    short: '", "    short: '(?P<x"), "    short: '(?P<x", "short pattern of family 'JAVA' does not compile"),
    (("(?P<item>(?P<status>", "(?P<thing>(?P<status>"), "    list: '", "'list' of family 'HTTP' has no group 'item'"),
])
def test_a_bad_registry_edit_is_reported_with_file_line_and_fix(tmp_path, edit, anchor, words):
    text = (registry.DATA_DIR / "error_codes.yml").read_text(encoding="utf-8")
    assert edit[0] in text
    bad = tmp_path / "error_codes.yml"
    edited = text.replace(edit[0], edit[1], 1)
    bad.write_text(edited, encoding="utf-8")
    line = edited[:edited.index(anchor)].count("\n") + 1 + anchor.count("\n")  # the anchor's last line
    problems = registry_problems(bad)
    assert problems and words in problems[0].message and problems[0].fix
    assert problems[0].path.endswith("error_codes.yml")
    assert problems[0].line == line, problems[0]


def test_the_scanner_skips_positions_where_no_code_can_start():
    """The look-ahead that makes scanning faster holds every character a code can start with, and is left
    out when the registry has a pattern whose first character it cannot tell."""
    from hooks.base.regex_first_chars import first_chars as _first_chars
    from hooks.corpus.error_codes import _scanner, _starts_with_uppercase

    lookahead = re.search(r"\(\?=\[([^\]]*)\]\)", _scanner()[0].pattern)
    assert lookahead is not None  # today's registry
    allowed = re.compile(f"[{lookahead.group(1)}]")
    for start in ("R", "j", "e", "E", "s", "5", "エ", "ス", "O", "H", "h"):
        assert allowed.match(start), start
    for start in (" ", "-", "1", "(", "、", "あ", "漢"):
        assert not allowed.match(start), start
    assert all(_starts_with_uppercase(p) for p in ("RED-\\d{6}", "(?:NEO|CAMP)-\\d+", "[A-Z]{3}-\\d{6}",
                                                   "HTTP[ ]?(?P<status>[1-5]\\d\\d)"))
    assert not any(_starts_with_uppercase(p) for p in ("(?:neo|X)-\\d+", "\\d{3}-[A-Z]+", "[A-Za-z]+",
                                                       "[^a-z]X", "(?i)red-\\d+"))
    assert _first_chars("(?i:status)") == {"s", "S", "\u017f"}  # ſ folds to s
    assert _first_chars("(?:HTTP )?x") == {"H", "x"} and _first_chars("[^a-z]X") is None
    assert _first_chars("(?<![.])\\d{3}") == {"\\d"}
