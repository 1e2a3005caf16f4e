"""Java exceptions, Apache Oak codes and HTTP statuses as written in four languages: extraction, precision
(lookalikes never become codes), short names, and `lookup` of pasted stack traces (root cause first)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from hooks.cli import main
from hooks.corpus.error_codes import build_index, find, message_of
from hooks.corpus.model import Corpus, Runbook
from tests.conftest import CORPUS, FULL_SAMPLE, MORE, VALID_RUNBOOK, write

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TRACES = FIXTURES / "stack_traces"


def codes(text: str) -> list[tuple[str, str]]:
    return [(m.code, m.family.id) for m in find(text) if not m.short]


# ---- what counts ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # Java: the qualified name, in prose, inline code, a log line and a `Caused by:` line (KA-22031, KA-16796)
    ("Caused by: org.apache.jackrabbit.oak.api.CommitFailedException: OakName0001: Invalid namespace",
     [("org.apache.jackrabbit.oak.api.CommitFailedException", "JAVA"), ("OakName0001", "OAK")]),
    ("`java.lang.SecurityException: com.adobe.granite.crypto.CryptoException: Cannot convert byte data`",
     [("java.lang.SecurityException", "JAVA"), ("com.adobe.granite.crypto.CryptoException", "JAVA")]),
    ("l’exception javax.jcr.nodetype.ConstraintViolationException est levée",
     [("javax.jcr.nodetype.ConstraintViolationException", "JAVA")]),
    ("例外 javax.jcr.AccessDeniedExceptionが発生しました", [("javax.jcr.AccessDeniedException", "JAVA")]),
    ("java.lang.NoClassDefFoundError; java.lang.Error, java.lang.Throwable",
     [("java.lang.NoClassDefFoundError", "JAVA"), ("java.lang.Error", "JAVA"), ("java.lang.Throwable", "JAVA")]),
    ("com.rsa.jsafe.JSAFE_PaddingException: Invalid padding.", [("com.rsa.jsafe.JSAFE_PaddingException", "JAVA")]),
    ("org.example.Outer$InnerException thrown", [("org.example.Outer$InnerException", "JAVA")]),
    # Oak
    ("Repository error during node import: OakConstraint0022: /content/dam", [("OakConstraint0022", "OAK")]),
    ("OakAccess0000: Access denied", [("OakAccess0000", "OAK")]),
    # HTTP statuses, English forms
    ("remote server returned: HTTP/1.1 404 Not Found", [("HTTP 404", "HTTP")]),
    ('"GET /content/x.html HTTP/1.1" 503 1234', [("HTTP 503", "HTTP")]),
    ("HTTP/2 502 Bad Gateway", [("HTTP 502", "HTTP")]),
    ("the CDN answers with error code 502", [("HTTP 502", "HTTP")]),
    ("Error while calling the network: status: 404 URL: https://x", [("HTTP 404", "HTTP")]),
    ("status code 500 and response code 503", [("HTTP 500", "HTTP"), ("HTTP 503", "HTTP")]),
    ("errors 503, 504 and 409", [("HTTP 503", "HTTP"), ("HTTP 504", "HTTP"), ("HTTP 409", "HTTP")]),
    ("error 404 and 200 OK", [("HTTP 404", "HTTP")]),
    ('{"status": 403, "error": "Forbidden"}', [("HTTP 403", "HTTP")]),
    ("statusCode=500 requestId=42", [("HTTP 500", "HTTP")]),
    ("status_code: 502", [("HTTP 502", "HTTP")]),
    ("returns *http error code 500* and the exception", [("HTTP 500", "HTTP")]),
    ("The *http 500* errors are caused", [("HTTP 500", "HTTP")]),
    ("Intermittent 503 and 409 errors in the Live Stream API", [("HTTP 503", "HTTP"), ("HTTP 409", "HTTP")]),
    ("a 403 error response from AEM", [("HTTP 403", "HTTP")]),
    ("Response: 400 Error: {", [("HTTP 400", "HTTP")]),
    # any language: a status with its standard reason phrase (KA articles on AnalyticsAPIException, push API)
    ("AnalyticsAPIException: received 403, Forbidden", [("HTTP 403", "HTTP")]),
    ("error ERR_FAILUREMCPNSAPI 412    Precondition Failed", [("HTTP 412", "HTTP")]),
    ("受信 503 Service Unavailable", [("HTTP 503", "HTTP")]),
    # French
    ("une <b>Erreur 404</b> est reçue", [("HTTP 404", "HTTP")]),
    ("des erreurs 503 et/ou 409", [("HTTP 503", "HTTP"), ("HTTP 409", "HTTP")]),  # a list (KA title)
    ("# Erreurs 503 et 409 intermittentes", [("HTTP 503", "HTTP"), ("HTTP 409", "HTTP")]),
    ("erreur 500 et 2 autres", [("HTTP 500", "HTTP")]),
    ("renvoie *code d’erreur http 500* et la trace", [("HTTP 500", "HTTP")]),
    ("résoudre l’erreur de réponse 403 du POST SAML", [("HTTP 403", "HTTP")]),
    ("une réponse d’erreur 403 d’AEM", [("HTTP 403", "HTTP")]),
    ("/saml_login renvoie la réponse 403", [("HTTP 403", "HTTP")]),
    ("le code de statut 429 signifie", [("HTTP 429", "HTTP")]),
    ("statut : 404", [("HTTP 404", "HTTP")]),
    ("Code HTTP 408 'Service temporarily unavailable'", [("HTTP 408", "HTTP")]),  # the existing form
    # Portuguese
    ("um <b>Erro 404</b> é recebido", [("HTTP 404", "HTTP")]),
    ("retorna *código de erro http 500* e o rastreamento", [("HTTP 500", "HTTP")]),
    ("uma resposta de erro 403 do AEM", [("HTTP 403", "HTTP")]),
    ("/saml_login URL retorna resposta 403", [("HTTP 403", "HTTP")]),
    ("o código de status 502 indica", [("HTTP 502", "HTTP")]),
    ("pode retornar erros 503 e/ou 409 às vezes", [("HTTP 503", "HTTP"), ("HTTP 409", "HTTP")]),
    # Japanese
    ("ネットワーク呼び出し中にエラーが発生しました：ステータス : 404 URL", [("HTTP 404", "HTTP")]),
    ("断続的な 503 エラーおよび 409 エラー", [("HTTP 503", "HTTP"), ("HTTP 409", "HTTP")]),
    ("AEMからの 403 エラー応答が見つかります", [("HTTP 403", "HTTP")]),
    ("*http エラーコード 500* 応答", [("HTTP 500", "HTTP")]),
    ("HTTP ステータスコード 503 が返されます", [("HTTP 503", "HTTP")]),
    ("エラー 500 が表示されます", [("HTTP 500", "HTTP")]),
    ("503 および 409 エラー", [("HTTP 503", "HTTP"), ("HTTP 409", "HTTP")]),
    ("エラー 503 や 409 が返されます", [("HTTP 503", "HTTP"), ("HTTP 409", "HTTP")]),
])
def test_exceptions_oak_codes_and_http_statuses_are_found(text, expected):
    assert codes(text) == expected


@pytest.mark.parametrize("text, written", [
    ("HTTP/1.1 403 Forbidden", "HTTP/1.1 403"), ("error code 502", "error code 502"), ("erreur 500", "erreur 500"),
    ("503 エラー", "503"), ("javax.jcr.AccessDeniedException: x", "javax.jcr.AccessDeniedException"),
])
def test_a_link_covers_the_code_as_written(text, written):
    match = find(text)[0]
    assert text[match.start:match.end] == written


def test_old_families_are_unchanged():
    assert codes("RED-520025 and ORA-00904 and HTTP 408 and HTTP 304 and ABC-123456") == [
        ("RED-520025", "RED"), ("ORA-00904", "ORACLE"), ("HTTP 408", "HTTP"), ("HTTP 304", "HTTP"),
        ("ABC-123456", "other")]
    assert [m.slug for m in find("HTTP 408 RED-520025")] == ["HTTP-408", "RED-520025"]


@pytest.mark.parametrize("text, message", [
    ("java.lang.SecurityException: com.adobe.granite.crypto.CryptoException: Cannot convert byte data", None),
    ("Caused by: com.rsa.jsafe.JSAFE_PaddingException: Invalid padding.", "Invalid padding"),
    ("the javax.jcr.AccessDeniedException is thrown when the user cannot read", None),  # prose, not a log
    ("remote server returned: HTTP/1.1 404 Not Found", "Not Found"),
    ("an erreur 503 après expiration du délai", None),
])
def test_messages_follow_log_lines_not_prose(text, message):
    match = find(text)[0]
    assert message_of(text, match) == message


# ---- precision ------------------------------------------------------------------------------------------

def lookalikes() -> list[str]:
    lines = (FIXTURES / "error_lookalikes.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("text", lookalikes())
def test_lookalikes_never_become_codes(text):
    assert codes(text) == []
    index = build_index(Corpus([runbook("KA-1", "en", text)]))
    assert index.codes == {}, text


def test_the_lookalike_corpus_covers_every_kind_the_issue_names():
    comments = " ".join(line for line in (FIXTURES / "error_lookalikes.txt").read_text(encoding="utf-8").splitlines()
                        if line.startswith("#"))
    for kind in ("version numbers", "dates and times", "ticket keys", "package names", "file paths", "import",
                 "CSS colours", "hashes"):
        assert kind in comments, kind


segments = st.from_regex(r"[a-z][a-z0-9]{1,8}", fullmatch=True)
words = st.from_regex(r"[A-Z][a-z]{2,8}", fullmatch=True)
ordinary = st.from_regex(r"[A-Z][a-z]{2,8}(?:[A-Z][a-z]{2,8})?", fullmatch=True).filter(
    lambda name: not name.endswith(("Error", "Exception")))


@given(st.lists(st.integers(0, 999), min_size=2, max_size=4))
@example([6, 5, 400])
def test_generated_version_numbers_are_not_codes(parts):
    version = ".".join(map(str, parts))
    for text in (version, f"AEM {version} error", f"version {version}", f"v{version} エラー"):
        assert codes(text) == [], text


@given(st.datetimes())
def test_generated_dates_and_times_are_not_codes(moment):
    for text in (moment.isoformat(), moment.strftime("%d.%m.%Y %H:%M:%S.%f")[:-3] + " *ERROR*",
                 moment.strftime("%m/%d/%Y %I:%M:%S %p"), moment.strftime("%Y年%m月%d日 %H:%M")):
        assert codes(text) == [], text


@given(st.from_regex(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})", fullmatch=True),
       st.from_regex(r"[0-9a-f]{7,40}", fullmatch=True))
def test_generated_colours_and_hashes_are_not_codes(colour, digest):
    assert codes(f"color: {colour}; commit {digest}") == []


@given(st.lists(segments, min_size=1, max_size=5), ordinary, words)
def test_generated_packages_imports_paths_and_frames_are_not_codes(package, name, method):
    qualified = ".".join(package) + "." + name
    exception = ".".join(package) + "." + name + "Exception"
    path = "/".join(package)
    for text in (qualified, f"import {qualified};", f"import {exception};",
                 f"src/main/java/{path}/{name}Exception.java",
                 f"at {qualified}.{method.lower()}({name}.java:12)", f"at {exception}.<init>({name}Exception.java:3)",
                 f"https://developer.example/javadoc/{path}/{name}Exception.html"):
        assert codes(text) == [], text


@given(st.lists(segments, min_size=1, max_size=5), words, st.sampled_from(["Exception", "Error"]),
       st.sampled_from(["{} thrown", "Caused by: {}: boom", "`{}`", "例外 {}が発生", "({}: x)"]))
def test_generated_exception_classes_are_found_whole(package, name, suffix, template):
    qualified = ".".join(package) + "." + name + suffix
    assert codes(template.format(qualified)) == [(qualified, "JAVA")]


@given(st.integers(400, 599), st.sampled_from([
    "HTTP/1.1 {}", "error code {}", "status: {}", "{} error", "erreur {}", "code d’erreur {}", "erro {}",
    "código de status {}", "エラー {}", "ステータスコード {}", "{} エラー"]))
def test_generated_http_error_statuses_are_found_in_every_language_form(status, template):
    assert codes(template.format(status)) == [(f"HTTP {status}", "HTTP")]


@given(st.integers(100, 399), st.sampled_from(["HTTP/1.1 {}", "error code {}", "status {}", "erreur {}", "erro {}",
                                               "エラー {}", "{} エラー", "{} errors"]))
def test_generated_statuses_that_are_not_errors_are_not_codes_in_the_new_forms(status, template):
    assert codes(template.format(status)) == []


# ---- short names ----------------------------------------------------------------------------------------

def runbook(rid: str, lang: str, body: str) -> Runbook:
    return Runbook(id=rid, language=lang, path=f"{lang}/{rid}.md", meta={"title": rid}, body=body, body_line=1)


def test_a_short_name_of_one_class_counts_as_that_class():
    index = build_index(Corpus([runbook("KA-1", "en", "javax.jcr.AccessDeniedException: denied"),
                                runbook("KA-2", "fr", "l’erreur AccessDeniedException apparaît")]))
    code = index.get("javax.jcr.AccessDeniedException")
    assert dict(code.runbooks) == {"en": ["KA-1"], "fr": ["KA-2"]}
    assert index.links["AccessDeniedException"] == "javax.jcr.AccessDeniedException"
    assert [c.code for c in index.of_runbook("KA-2", "fr")] == ["javax.jcr.AccessDeniedException"]
    assert index.code_count() == 1


def test_a_short_name_of_several_classes_is_a_choice_and_an_unknown_one_is_nothing():
    index = build_index(Corpus([
        runbook("KA-1", "en", "org.apache.jackrabbit.oak.segment.SegmentNotFoundException: Segment x not found"),
        runbook("KA-2", "en", "org.apache.jackrabbit.oak.plugins.segment.SegmentNotFoundException"),
        runbook("KA-3", "ja", "SegmentNotFoundException が発生し、TypeError も出ます")]))
    choice = index.get("SegmentNotFoundException")
    assert choice.choices == ["org.apache.jackrabbit.oak.plugins.segment.SegmentNotFoundException",
                              "org.apache.jackrabbit.oak.segment.SegmentNotFoundException"]
    assert dict(choice.runbooks) == {"ja": ["KA-3"]}
    assert "TypeError" not in index.links and index.code_count() == 2
    assert [c.code for c in index.of_runbook("KA-3", "ja")] == ["SegmentNotFoundException"]


# ---- lookup of pasted logs ------------------------------------------------------------------------------

def test_fixture_project(root: Path) -> Path:
    """Runbooks (written by the test) quoting the exceptions of the two fixture traces, one class each."""
    quotes = {"KA-90001": ("en", "com.rsa.jsafe.JSAFE_PaddingException"),
              "KA-90002": ("fr", "com.adobe.granite.crypto.CryptoException"),
              "KA-90003": ("ja", "java.lang.SecurityException"),
              "KA-90004": ("pt-BR", "OakName0001"),
              "KA-90005": ("en", "org.apache.jackrabbit.oak.api.CommitFailedException")}
    for rid, (lang, code) in quotes.items():
        text = VALID_RUNBOOK.replace("KA-12345", rid).replace("language: fr", f"language: {lang}")
        write(root, f"{lang}/{rid}.md", f"{text}\nLe journal montre `{code}`.\n")
    return root


test_fixture_project.__test__ = False  # a helper, not a test


def lookup_json(capsys, source: Path, root: Path) -> tuple[int, dict]:
    code = main(["lookup", str(source), "--json", "--root", str(root)])
    return code, json.loads(capsys.readouterr().out)


def test_lookup_answers_a_stack_trace_root_cause_first(tmp_path, capsys):
    root = test_fixture_project(tmp_path / "runbooks")
    status, data = lookup_json(capsys, TRACES / "KA-16796.log", root)
    assert status == 0
    assert [c["code"] for c in data["codes"]] == [
        "com.rsa.jsafe.JSAFE_PaddingException", "com.adobe.granite.crypto.CryptoException",
        "java.lang.SecurityException"]
    assert [c["trace"]["depth"] for c in data["codes"]] == [3, 2, 0]
    assert data["codes"][0]["message"] == "Invalid padding"
    assert [r["id"] for c in data["codes"] for refs in c["runbooks"].values() for r in refs] == [
        "KA-90001", "KA-90002", "KA-90003"]
    assert data["codes"][1]["runbooks"].keys() == {"fr"}


def test_lookup_finds_an_oak_code_inside_a_caused_by_line(tmp_path, capsys):
    root = test_fixture_project(tmp_path / "runbooks")
    status, data = lookup_json(capsys, TRACES / "KA-22031.log", root)
    assert status == 0
    assert [c["code"] for c in data["codes"]] == [
        "org.apache.jackrabbit.oak.api.CommitFailedException", "OakName0001",
        "org.apache.sling.api.resource.PersistenceException"]
    oak = data["codes"][1]
    assert oak["family"] == "OAK" and oak["runbooks"]["pt-BR"][0]["id"] == "KA-90004"
    assert oak["message"].startswith("Invalid namespace prefix")


def test_lookup_text_output_says_the_same_as_json(tmp_path, capsys):
    root = test_fixture_project(tmp_path / "runbooks")
    _, data = lookup_json(capsys, TRACES / "KA-16796.log", root)
    assert main(["lookup", str(TRACES / "KA-16796.log"), "--root", str(root)]) == 0
    out = capsys.readouterr().out
    firsts = [line.split()[0] for line in out.splitlines() if not line.startswith(" ")]
    assert firsts == [c["code"] for c in data["codes"]]
    assert "caused-by level 3" in out.splitlines()[0]


def test_lookup_of_a_log_line_and_of_a_short_name(tmp_path, capsys):
    root = test_fixture_project(tmp_path / "runbooks")
    log = tmp_path / "error.log"
    log.write_text("14.03.2024 10:00:01 *ERROR* [qtp-12] Repository error: OakName0001: Invalid name\n"
                   "and later a JSAFE_PaddingException again\n", encoding="utf-8")
    status, data = lookup_json(capsys, log, root)
    assert status == 0
    assert [c["code"] for c in data["codes"]] == ["OakName0001", "com.rsa.jsafe.JSAFE_PaddingException"]
    assert "trace" not in data["codes"][0]


exception_names = st.builds(lambda package, name: ".".join(package) + "." + name + "Exception",
                            st.lists(segments, min_size=1, max_size=3), words)


@given(st.lists(exception_names, min_size=1, max_size=5, unique=True), st.integers(0, 3),
       st.sampled_from(["\n", "\r\n", "<br>"]), st.booleans())
def test_generated_stack_traces_come_root_cause_first(chain, frames, newline, log_before):
    from hooks.corpus.stack_traces import root_cause_first

    frame = "".join(f"\tat org.example.Worker.run{i}(Worker.java:{i + 10}){newline}" for i in range(frames))
    text = ("12:00:01 *ERROR* [main] RED-520025 request failed" + newline if log_before else "")
    text += f"{chain[0]}: outer{newline}{frame}"
    text += "".join(f"Caused by: {name}: inner {i}{newline}{frame}\t... {i + 3} more{newline}"
                    for i, name in enumerate(chain[1:]))
    ordered = root_cause_first(text, find(text), lambda m: m.family.kind == "exception" and not m.short)
    seen = [m.code for m, _ in ordered if m.family.id == "JAVA"]
    assert seen == list(reversed(chain))
    assert [place.depth for m, place in ordered if m.family.id == "JAVA"] == list(range(len(chain) - 1, -1, -1))
    if log_before:
        assert ordered[0][0].code == "RED-520025" and ordered[0][1].trace == 0


# ---- real articles (tests/data/kcs-sample; with `corpus`, ../shared) ---------------------------------------

def article_trace(path: Path) -> str:
    """The stack trace an article quotes, as pasted: lines of the Markdown source split at `<br>`, without
    the quoting markup."""
    lines = []
    for line in re.split(r"\n|<br\s*/?>", path.read_text(encoding="utf-8")):
        line = re.sub(r"^[\s|>]*", "", line).replace("` `", "").replace("`", "").rstrip()
        if line:
            lines.append(line)
    return "\n".join(lines)


def test_fixtures_are_the_traces_the_articles_quote():
    for name in ("KA-16796", "KA-22031"):
        article = article_trace(CORPUS / "en" / "articles" / f"{name}.md")
        for line in (TRACES / f"{name}.log").read_text(encoding="utf-8").splitlines():
            if line.strip():
                assert line.strip() in article, (name, line)


def test_lookup_of_real_traces_returns_the_real_articles_root_cause_first(tmp_path, capsys):
    root = tmp_path / "runbooks"
    for folder in ("en", "fr-FR", "pt-BR", "ja-JP"):
        files = [str(CORPUS / folder / "articles" / f"{i}.md") for i in ("KA-16796", "KA-22031", "KA-16542")]
        assert main(["import", *files, "--root", str(root)]) == 0
    capsys.readouterr()
    trace = tmp_path / "pasted.log"
    trace.write_text(article_trace(CORPUS / "en" / "articles" / "KA-16796.md"), encoding="utf-8")
    status, data = lookup_json(capsys, trace, root)
    assert status == 0
    assert [c["code"] for c in data["codes"]][:3] == [
        "com.rsa.jsafe.JSAFE_PaddingException", "com.adobe.granite.crypto.CryptoException",
        "java.lang.SecurityException"]
    for item in data["codes"][:3]:
        assert {lang: [r["id"] for r in refs] for lang, refs in item["runbooks"].items()} == {
            lang: ["KA-16796"] for lang in ("en", "fr", "pt-BR", "ja")}
    status, data = lookup_json(capsys, TRACES / "KA-22031.log", root)
    assert [c["code"] for c in data["codes"]][:2] == ["org.apache.jackrabbit.oak.api.CommitFailedException",
                                                      "OakName0001"]
    assert all(c["runbooks"]["ja"][0]["id"] == "KA-22031" for c in data["codes"])


@pytest.mark.corpus
def test_the_real_articles_quote_the_families_of_the_issue():
    found: dict[str, set[str]] = {}
    for path in [*FULL_SAMPLE.glob("*/articles/*.md"), *MORE.glob("*/articles/*.md")]:
        for match in find(path.read_text(encoding="utf-8")):
            if not match.short:
                found.setdefault(match.family.id, set()).add(match.code)
    assert {"com.day.cq.wcm.api.WCMException", "java.lang.NullPointerException",
            "javax.jcr.nodetype.ConstraintViolationException"} <= found["JAVA"]
    assert {"OakName0001", "OakConstraint0022"} <= found["OAK"]
    assert {"HTTP 403", "HTTP 404", "HTTP 409", "HTTP 500", "HTTP 503"} <= found["HTTP"]


def test_a_registry_form_with_top_level_alternatives_is_one_alternative_of_the_scanner(monkeypatch):
    from hooks.corpus import error_codes

    caches = (error_codes.families, error_codes.lookalike_patterns, error_codes._scanner)
    data = {"lookalikes": [{"pattern": "FOO-0+"}],
            "families": [{"id": "X", "pattern": "FOO-\\d+|BAR-\\d+", "description": {"en": "x"}},
                         {"id": "Y", "pattern": "ZED-(?P<n>\\d+)", "forms": ["Z(?P<n>\\d+)", "zed (?P<n>\\d+)"],
                          "code": "ZED-{n}", "description": {"en": "y"}}]}
    monkeypatch.setattr(error_codes, "_registry", lambda: data)
    for cached in caches:
        cached.cache_clear()
    try:
        assert [(m.code, m.family.id) for m in find("BAR-1 FOO-2 FOO-000 Z7 zed 8")] == [
            ("BAR-1", "X"), ("FOO-2", "X"), ("ZED-7", "Y"), ("ZED-8", "Y")]
    finally:
        monkeypatch.undo()
        for cached in caches:
            cached.cache_clear()


def test_the_census_counts_distinct_codes_per_family_and_articles_quoting_one(tmp_path, capsys):
    from hooks.corpus import error_census

    write(tmp_path, "en/articles/KA-1.md", "---\ntitle: HTTP 503 seen\n---\njava.lang.NullPointerException: x\n")
    write(tmp_path, "fr-FR/articles/KA-1.md", "---\ntitle: t\n---\nNullPointerException, OakState0001, erreur 503\n")
    write(tmp_path, "fr-FR/articles/KA-2.md", "---\ntitle: t\n---\nversion 6.5.400, NEO-12345\n")
    result = error_census.census(error_census.articles(tmp_path))
    assert result == {"articles": 3, "quoting": 2, "codes": 3, "families": {"JAVA": 1, "OAK": 1, "HTTP": 1}}
    assert error_census.main([str(tmp_path)]) == 0
    assert "3 distinct codes; 2/3 articles quote one or more (67%)" in capsys.readouterr().out


fragments = st.sampled_from(["java.lang.", "com.example.", "Outer$", "Inner", "Exception", "Error", "OakName0001",
                             "HTTP/1.1 ", "404", "erreur ", "エラー", " ", ".", "$", "/", "-", "RED-520025", "é"])


@given(st.lists(fragments, max_size=12).map("".join))
def test_every_code_url_segment_is_safe(text):
    """A slug is one path segment of ASCII letters, digits, `.`, `_`, `-`: never empty, `.`/`..`, nor hidden."""
    for match in find(text):
        assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", match.slug), match
        assert not match.slug.endswith((".", "-")), match


def test_a_qualified_name_glued_to_the_word_before_counts_as_the_quoted_one():
    """KA articles lose line breaks: `…configuration mapcom.adobe.granite.crypto.CryptoException`."""
    index = build_index(Corpus([
        runbook("KA-1", "en", "com.adobe.granite.crypto.CryptoException: Cannot convert byte data"),
        runbook("KA-2", "en", "decrypting the configuration mapcom.adobe.granite.crypto.CryptoException: Failed")]))
    assert list(index.codes) == ["com.adobe.granite.crypto.CryptoException"]
    code = index.codes["com.adobe.granite.crypto.CryptoException"]
    assert dict(code.runbooks) == {"en": ["KA-1", "KA-2"]} and "Failed" in code.messages
    assert index.links["mapcom.adobe.granite.crypto.CryptoException"] == "com.adobe.granite.crypto.CryptoException"
    alone = build_index(Corpus([runbook("KA-2", "en", "mapcom.adobe.granite.crypto.CryptoException")]))
    assert list(alone.codes) == ["mapcom.adobe.granite.crypto.CryptoException"]  # nothing to tell it from
