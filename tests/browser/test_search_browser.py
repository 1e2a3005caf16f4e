"""The search box in Chromium: the registry's patterns generated for the browser find the same codes
as the build, and on the site built from the KB sample whatever a reader pastes finds its runbook
(a small run of bench/search_quality.py, with the issue's targets)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from bench import search_quality
from hooks.corpus.error_codes import find
from hooks.corpus.search_patterns import registry_js
from tests.conftest import CORPUS, FULL_SAMPLE, REPO, SAMPLE_SITES, serve_site

pytestmark = pytest.mark.browser

FIXTURES = REPO / "tests" / "fixtures"
SCRIPT = REPO / "hooks" / "theme" / "javascripts" / "kb-codes.js"


def _in_browser(browser, texts: list[str]) -> list[list[list]]:
    tab = browser.new_page()
    try:
        tab.set_content("<html><body></body></html>")
        tab.add_script_tag(path=str(SCRIPT))
        return tab.evaluate("""([registry, texts]) => texts.map(t => KBCodes.find(t, registry)
                                 .map(m => [m.code, m.slug, m.start]))""", [registry_js(), texts])
    finally:
        tab.close()


def _in_python(texts: list[str]) -> list[list[list]]:
    return [[[m.code, m.slug, m.start] for m in find(text)] for text in texts]


def test_generated_patterns_find_what_the_build_finds_in_lookalikes_and_stack_traces(browser):
    lines = [line for line in (FIXTURES / "error_lookalikes.txt").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    traces = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "stack_traces").glob("*.log"))]
    pasted = ["2024-05-14 10:02:11 host PGS-220000 Password authentication failed",
              "10:20:31 PMXSV-350122 Session expired", "erreurs 503 et 409", "HTTP/1.1 404 Not Found",
              "Caused by: javax.jcr.AccessDeniedException: OakAccess0000: Access denied"]
    texts = lines + traces + pasted
    assert _in_browser(browser, texts) == _in_python(texts)
    assert _in_python(pasted)[0] == [["PGS-220000", "PGS-220000", 25]]  # the comparison compares something


@pytest.mark.parametrize("sample", [pytest.param(CORPUS, id="trimmed"),
                                    pytest.param(FULL_SAMPLE, id="full", marks=pytest.mark.corpus)])
def test_generated_patterns_find_what_the_build_finds_in_every_real_article(browser, sample):
    texts = [p.read_text(encoding="utf-8") for p in sorted(sample.glob("*/articles/*.md"))]
    found = _in_python(texts)
    assert sum(map(len, found)) > 100
    assert _in_browser(browser, texts) == found


def _search(tab, query: str) -> list[str]:
    tab.evaluate(search_quality.SEARCH, query)
    tab.wait_for_function("(q) => document.querySelector('[data-kb-search]').dataset.kbQuery === q", arg=query)
    return tab.evaluate(search_quality.RESULTS)


@pytest.mark.corpus
def test_search_quality_on_the_kb_sample_meets_the_targets(full_sample_site, browser):
    site, _ = full_sample_site
    scores = search_quality.measure_in(browser, site, Path(site).parent / "runbooks", per_kind=8)
    assert {kind for kind, _ in scores} >= {"code", "lower", "nohyphen", "log line", "article", "title words"}
    assert search_quality.misses(scores) == [], search_quality.table(scores, ("en", "fr", "pt-BR", "ja"))


@pytest.mark.corpus
def test_archived_articles_pasted_log_lines_and_the_product_filter_in_the_search_box(full_sample_site, browser):
    site, _ = full_sample_site
    data = json.loads((Path(site) / "kb-search" / "fr.json").read_text(encoding="utf-8"))
    archived = sorted(rid for rid, langs in data["runbooks"].items() if langs.get("fr", [None, False])[1])
    assert archived, "the KB sample has archived articles"
    with serve_site(site) as base:
        tab = browser.new_page()
        try:
            tab.goto(base + "fr/")
            tab.wait_for_function("() => window.KBCodes !== undefined")
            # an archived article's number leads to its page, which says it is archived
            hrefs = _search(tab, archived[0].lower())
            assert hrefs[0] == f"{base}fr/runbooks/{archived[0]}/"
            assert data["strings"]["fr"]["search.archived"] in tab.inner_text(".md-search-result__list li")
            # a pasted log line that names a known code gives that code's runbook or page first
            hrefs = _search(tab, "2024-05-14 10:02:11 mta01.example.net ERROR red520025 la communication a échoué")
            assert hrefs and (hrefs[0].startswith(f"{base}fr/runbooks/") or hrefs[0] == f"{base}fr/errors/RED-520025/")
            # the product filter: only runbooks of the chosen product (code pages belong to every product)
            product = tab.locator("select[name=product]")
            assert product.count() == 1 and product.locator("option").count() > 2
            everything = _search(tab, "erreur")
            counts = Counter(p for langs in data["runbooks"].values() if "fr" in langs for p in langs["fr"][2])
            chosen = counts.most_common(1)[0][0]
            assert product.locator(f"option[value='{chosen}']").count() == 1
            product.select_option(chosen)
            tab.wait_for_function("(p) => document.querySelector('[data-kb-search]').dataset.kbProduct === p",
                                  arg=chosen)
            kept = tab.evaluate(search_quality.RESULTS)

            def products(hrefs):
                return [data["runbooks"][h.rstrip("/").rsplit("/", 1)[-1]]["fr"][2] for h in hrefs if "/runbooks/" in h]

            assert any(chosen not in p for p in products(everything))  # the filter has something to do
            assert products(kept) and all(chosen in p for p in products(kept))
        finally:
            tab.close()


# pieces codes, lookalikes and their surroundings are made of, put together at random
PIECES = ["RED-", "PGS-", "ORA-", "KA-", "CVE-2021-", "NEO-", "ABC-", "HTTP", "HTTP/1.1 ", "http ", "status ",
          "erreur ", "erro ", "エラー", "ステータスコード ", " エラー", "520025", "00942", "404", "503", "200", "12",
          "-", " ", "\n", ": ", ".", ",", " et ", " and ", "や", "PM", "AM", "com.adobe.", "javax.jcr.", "Access",
          "DeniedException", "Error", "Exception", "$Inner", "OakAccess", "0000", "at ", "(Foo.java:1)",
          "Caused by: ", "import ", "&lt;init&gt;", "が", "é", "_", "Forbidden", " Not Found", "\u00a0"]
# whole codes of every family, so that most generated texts hold one (surrounded by noise that may hide it)
CODES = ["RED-520025", "ORA-00942", "HTTP 404", "HTTP/1.1 503", "erreur 500", "ステータスコード 500",
         "javax.jcr.AccessDeniedException", "OakAccess0000", "PGS-220000"]


def test_generated_patterns_agree_with_the_build_on_generated_texts(browser):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    tab = browser.new_page()
    tab.set_content("<html><body></body></html>")
    tab.add_script_tag(path=str(SCRIPT))
    tab.evaluate("(registry) => { window.registry = registry; }", registry_js())
    seen = []

    noise = st.lists(st.sampled_from(PIECES), max_size=6).map("".join)

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.tuples(noise, st.sampled_from(CODES), noise).map("".join))
    def agree(text):
        seen.append(text)
        js = tab.evaluate("(t) => KBCodes.find(t, window.registry).map(m => [m.code, m.slug, m.start])", text)
        assert js == _in_python([text])[0], text

    try:
        agree()
    finally:
        tab.close()
    assert sum(1 for t in seen if find(t)) > len(seen) // 10  # the generated texts hold codes, not only noise


PASTE = """([text]) => {
  const input = document.querySelector('[data-kb-search-query]');
  document.getElementById('__search').checked = true;
  input.focus();
  const data = new DataTransfer();
  data.setData('text/plain', text);
  input.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
  return input.value;
}"""


@pytest.mark.parametrize("sample", SAMPLE_SITES)
def test_a_pasted_stack_trace_finds_its_runbook_root_cause_first(request, sample, browser):
    site, _ = request.getfixturevalue(sample)
    trace = (FIXTURES / "stack_traces" / "KA-22031.log").read_text(encoding="utf-8")
    with serve_site(site) as base:
        tab = browser.new_page()
        try:
            tab.goto(base)
            tab.wait_for_function("() => window.KBCodes !== undefined")
            value = tab.evaluate(PASTE, [trace])
            assert "\n" not in value and "session Caused by:" in value  # lines kept apart, not glued
            tab.wait_for_function("(q) => document.querySelector('[data-kb-search]').dataset.kbQuery === q",
                                  arg=value.strip())
            hrefs = tab.evaluate(search_quality.RESULTS)
            assert hrefs[0] == f"{base}runbooks/KA-22031/", hrefs[:3]
        finally:
            tab.close()
