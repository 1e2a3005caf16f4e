"""Pages whose size must not grow with the number of runbooks (home, runbook list, product pages,
translation status), error-code messages per language, and the strings around them (issue 21)."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hooks.base import site_url
from hooks.corpus import error_codes
from hooks.corpus.model import Corpus, Runbook
from hooks.rules import loader
from hooks.site import api_json, error_messages, error_pages, home_page, pagination, product_pages, status_page, ui_text
from tests.conftest import CORPUS, FULL_SAMPLE

LANGS = ("en", "fr", "pt-BR", "ja")
PRODUCTS = ("Campaign", "Campaign Classic v7", "Experience Manager", "Target", "Analytics")


def runbook(runbook_id: str, lang: str, *, products=("Campaign",), version=1, published="2024-01-01T00:00:00Z",
            body="", title=None) -> Runbook:
    meta = {"title": title or f"{runbook_id} {lang}", "product": list(products), "version-number": version,
            "published": published, "exl-id": f"exl-{runbook_id}"}
    return Runbook(id=runbook_id, language=lang, path=f"runbooks/{lang}/{runbook_id}.md", meta=meta, body=body,
                   body_line=1)


def corpus_of(n: int) -> Corpus:
    """n runbooks in every language, spread over a few products; every 7th is missing in Japanese and every
    5th French translation is a version behind."""
    runbooks = []
    for i in range(n):
        rid = f"KA-{10000 + i}"
        products = (PRODUCTS[i % len(PRODUCTS)],)
        for lang in LANGS:
            if lang == "ja" and i % 7 == 0:
                continue
            version = 1 if (lang == "fr" and i % 5 == 0) else 2
            runbooks.append(runbook(rid, lang, products=products, version=version,
                                    published=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T00:00:00Z",
                                    body=f"Log:\n\n```\nRED-{520000 + i % 3} Communication failed {i % 3}\n```\n"))
    return Corpus(runbooks)


def html_size(pages) -> int:
    return max(len(page.markdown.encode()) for page in pages)


def test_home_runbook_list_product_and_status_pages_do_not_grow_with_the_number_of_runbooks():
    small, large = corpus_of(60), corpus_of(1200)
    sizes = {}
    for name, corpus in (("small", small), ("large", large)):
        index = error_codes.build_index(corpus)
        home = len(home_page.home_html(corpus, index, "fr", "fr/").encode())
        lists = html_size([product_pages.index_page(corpus, "fr"), *product_pages.product_pages(corpus, "fr")])
        status = html_size(status_page.pages_for_language(corpus, "fr"))
        sizes[name] = (home, lists, status)
    small_home, _, _ = sizes["small"]
    large_home, large_lists, large_status = sizes["large"]
    assert large_home < small_home * 1.2  # the same lists, capped (only dates and counts differ)
    assert large_lists < 60_000 and large_status < 90_000  # Markdown of the largest page, theme aside


def test_every_runbook_is_on_exactly_one_page_of_each_of_its_products():
    corpus = corpus_of(400)
    pages = product_pages.product_pages(corpus, "ja")
    listed = [page for page in pages if "products/campaign/" in page.url]
    assert len(listed) == 1 + (400 // len(PRODUCTS)) // pagination.PAGE_SIZE
    seen = [part for page in listed for part in page.body.split("<li>")[1:]]
    assert len(seen) == len({s.split('href="')[1].split('"')[0] for s in seen}) == 400 // len(PRODUCTS)
    # not translated into Japanese: listed after the Japanese ones, marked with the language that has it
    elsewhere = ["hreflang=" in entry for entry in seen]
    assert any(elsewhere) and elsewhere == sorted(elsewhere)


def test_product_pages_exist_with_the_same_urls_in_every_language():
    corpus = Corpus([runbook("KA-1", "en", products=("Target",)), runbook("KA-1", "fr", products=("Analytics",)),
                     runbook("KA-2", "ja", products=("Experience Manager 6.4",))])
    urls_by_lang = {lang: sorted(p.url.removeprefix({"en": ""}.get(lang, f"{lang}/"))
                                 for p in product_pages.product_pages(corpus, lang)) for lang in LANGS}
    assert all(found == urls_by_lang["en"] for found in urls_by_lang.values())
    assert urls_by_lang["en"] == ["products/experience-manager-6-4/", "products/target/"]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=30).filter(str.strip), min_size=1, max_size=8, unique=True))
def test_product_slugs_are_unique_and_url_safe_for_any_names(names):
    corpus = Corpus([runbook(f"KA-{i}", "en", products=(name,)) for i, name in enumerate(names)])
    slugs = [p.slug for p in product_pages.products(corpus, "en")]
    assert len(set(slugs)) == len(slugs)
    assert all(re.fullmatch(r"[\w-]+", slug) and slug.strip("-_") for slug in slugs)


def test_home_page_starts_with_search_and_lists_products_recent_runbooks_and_most_quoted_codes():
    corpus = corpus_of(40)
    page = home_page.home_html(corpus, error_codes.build_index(corpus), "pt-BR", "pt-BR/")
    assert page.startswith('<form class="kb-home-search"')
    assert page.index('id="products"') < page.index('id="recent"') < page.index('id="codes"')
    assert page.count("<time") == home_page.RECENT  # every one has a date here
    recent = [r.id for r in home_page.recent(corpus, "pt-BR")]
    assert recent[0] in page and "Runbooks por produto" not in page  # links, in Portuguese
    assert "RED-520000" in page and "em português" in page


def test_translation_to_do_list_puts_stale_first_then_missing_and_names_the_newest_version():
    corpus = corpus_of(30)
    rows = status_page.todo(status_page.translations.status(corpus), "fr")
    assert [r.cells["fr"].state for r in rows] == ["stale"] * 6
    ja = status_page.todo_pages(corpus, "en")
    ja_page = next(p for p in ja if p.url == "translations/ja/")
    assert ja_page.body.count('data-state="missing"') == 5 and "stale" not in ja_page.body.split("<tbody>")[1]
    fr_page = next(p for p in ja if p.url == "translations/fr/")
    assert 'hreflang="en">English version 2</a>' in fr_page.body


def test_status_pages_are_bounded_and_the_whole_matrix_is_reachable():
    corpus = corpus_of(1200)
    pages = status_page.pages_for_language(corpus, "ja")
    matrix = [p for p in pages if p.kind == "status-matrix"]
    assert len(matrix) == 12
    rows = sum(p.body.count("<tr data-id=") for p in matrix)
    assert rows == 1200
    assert 'href="2/"' in matrix[0].body  # pages link each other


FENCED = "Log:\n\n```\n10:19:59 AM CRL-290002 Download error in cURL\n```\n"


def test_error_messages_are_log_lines_not_prose_and_are_decoded():
    corpus = Corpus([
        runbook("KA-1", "en", body=FENCED + "\nThe error XTK-170006 appears when a workflow starts.\n"),
        runbook("KA-1", "pt-BR", body="Os erros XTK-170006 aparecem ao tentar criar um fluxo.\n\n`PGS-220000"
                                      " PostgreSQL error: relation &quot;t1&quot; does not exist\\nLINE 1: x`\n"),
        runbook("KA-1", "fr", body="Erreur : QUE-370023 droit manquant pour écrire un nms:webApp\n"),
    ])
    seen = error_messages.by_language(corpus)
    assert seen["CRL-290002"] == {"en": ["Download error in cURL"]}
    assert "XTK-170006" not in seen  # named in a sentence, in both languages
    assert seen["PGS-220000"] == {"pt-BR": ['PostgreSQL error: relation "t1" does not exist']}
    assert seen["QUE-370023"] == {"fr": ["droit manquant pour écrire un nms:webApp"]}


def test_error_page_shows_its_language_messages_else_another_labelled_and_groups_other_languages():
    body = FENCED + "\n`RED-520025 Communication failed with tracking server`\n"
    corpus = Corpus([runbook("KA-1", "en", body=body), runbook("KA-1", "fr", body=body.replace(
        "Communication failed with tracking server", "Échec de la communication")),
        runbook("KA-2", "pt-BR", body=body)])
    index = error_codes.build_index(corpus)
    code = index.codes["RED-520025"]
    fr = error_pages.code_page(corpus, code, "fr").body
    assert "Échec de la communication" in fr and "tracking server" not in fr.split("## ")[2]
    ja = error_pages.code_page(corpus, code, "ja").body
    assert "Communication failed with tracking server" in ja.split("## ")[1] and 'lang="en"' in ja
    assert "English" in ja.split("## ")[1]  # labelled with the language the messages come from
    elsewhere = ja.split("kb-error-elsewhere")[1]
    assert elsewhere.count("<li>") == 2 and elsewhere.count("kb-lang-badge") == 3  # KA-1 on one line: en + fr
    api = api_json.errors_json(corpus, index, "https://kb.example/")["codes"]["RED-520025"]
    assert api["messages-by-language"]["fr"] == ["Échec de la communication"]
    assert "&quot;" not in json.dumps(api, ensure_ascii=False)


def test_permalink_tooltip_is_in_the_page_language():
    html = '<h2 id="x">X<a class="headerlink" href="#x" title="Permanent link">&para;</a></h2>'
    assert 'title="Lien permanent"' in ui_text.localize_permalinks(html, "fr")
    assert 'title="固定リンク"' in ui_text.localize_permalinks(html, "ja")


def test_a_build_for_publishing_needs_a_public_site_url():
    assert "make build SITE_URL=" in site_url.publish_problem("")
    assert "local address" in site_url.publish_problem("http://127.0.0.1:8000/")
    assert site_url.publish_problem("ftp://kb.example/") is not None
    assert site_url.publish_problem("https://kb.example/runbooks/") is None


def test_build_for_publishing_without_site_url_stops_and_says_how_to_set_it(monkeypatch, capsys, tmp_path):
    from hooks.cli import main

    monkeypatch.delenv("SITE_URL", raising=False)
    assert main(["build", "--publish", "--site-dir", str(tmp_path / "site")]) == 2
    assert "make build SITE_URL=https://" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("sample", [pytest.param(CORPUS, id="trimmed"),
                                    pytest.param(FULL_SAMPLE, id="full", marks=pytest.mark.corpus)])
def test_error_messages_of_the_real_kb_are_log_lines_decoded_and_per_language(tmp_path, sample):
    from hooks.cli import main

    assert main(["import", "-q", str(sample), "--root", str(tmp_path / "runbooks")]) == 0
    real = loader.load(tmp_path / "runbooks")
    seen = error_messages.by_language(real)
    messages = [m for per_lang in seen.values() for found in per_lang.values() for m in found]
    assert len(messages) > 30
    assert not [m for m in messages if "&quot;" in m or "&#39;" in m or "\\n" in m]
    # prose around a code is no message (KA-19478 fr, KA-14191 pt-BR)
    assert "interdit les accès non autorisés" not in seen.get("JST-310039", {}).get("fr", [])
    assert not [m for m in messages if "ao configurar a integração" in m]
    # a log line cut at its literal \n (KA-17530), in the language of the runbook quoting it
    quoted = dict(error_messages.of_runbook(real.get("KA-17530", "en")))
    assert quoted["PGS-220000"] == 'PostgreSQL error: ERROR: relation "t1" does not exist'
    # each language's messages come from its own runbooks: the English page does not open with French
    assert seen["XSV-350122"]["en"] == ["An error occurred and the process has been stopped"]
    assert "Une erreur s’est produite et le processus a été arrêté" in seen["XSV-350122"]["fr"]


def test_the_language_switcher_of_a_list_page_goes_to_the_same_list_in_each_language():
    from hooks.site import page_languages

    corpus = corpus_of(20)
    for lang in LANGS:
        for page in (*product_pages.product_pages(corpus, lang), *status_page.todo_pages(corpus, lang),
                     *status_page.matrix_pages(corpus, lang)):
            url_in = page_languages.same_page_in(page)
            assert url_in(lang) == page.url
            assert {url_in(other) for other in LANGS} == {
                {"en": "", "fr": "fr/", "pt-BR": "pt-BR/", "ja": "ja/"}[other]
                + page.url.removeprefix({"en": "", "fr": "fr/", "pt-BR": "pt-BR/", "ja": "ja/"}[lang])
                for other in LANGS}


def corpus_quoting(codes: int) -> Corpus:
    """40 runbooks per language quoting `codes` distinct RED codes between them (the first ones more often)."""
    runbooks = []
    for i in range(40):
        quoted = " ".join(f"RED-{520000 + c}" for c in range(codes) if c % 40 == i or c < 3)
        for lang in LANGS:
            runbooks.append(runbook(f"KA-{10000 + i}", lang, body=f"```\n{quoted}\n```\n"))
    return Corpus(runbooks)


def test_the_error_index_does_not_grow_with_the_number_of_codes_and_every_code_is_listed():
    sizes = {}
    for codes in (60, 600):
        corpus = corpus_quoting(codes)
        index = error_codes.build_index(corpus)
        main = error_pages.index_page(corpus, index, "fr")
        family = error_pages.family_pages(corpus, index, "fr")
        sizes[codes] = len(main.markdown.encode())
        # the index shows the most quoted codes of the family and links the family's own pages
        rows = re.findall(r"<tr><td><a [^>]*>(RED-\d+)</a>", main.markdown)
        assert len(rows) == error_pages.INDEX_ROWS and {"RED-520000", "RED-520001", "RED-520002"} <= set(rows)
        assert 'href="family/red/"' in main.markdown
        listed = [code for page in family for code in re.findall(r"<tr><td><a [^>]*>(RED-\d+)</a>", page.markdown)]
        assert sorted(listed) == sorted(f"RED-{520000 + c}" for c in range(codes))  # every code, once
        assert all(len(re.findall(r"<tr>", page.markdown)) <= pagination.PAGE_SIZE + 1 for page in family)
        assert [page.url for page in family][:2] == ["fr/errors/family/red/", "fr/errors/family/red/2/"][:len(family)]
    assert sizes[600] < sizes[60] * 1.1


def test_a_large_family_gets_its_own_pages_in_every_language_of_the_built_site(tmp_path):
    from bs4 import BeautifulSoup

    from tests.conftest import VALID_RUNBOOK, build_site, copy_project

    project = copy_project(tmp_path / "project")
    codes = error_pages.INDEX_ROWS + 5
    for i in range(codes):
        text = VALID_RUNBOOK.replace("KA-12345", f"KA-{70000 + i}") + f"\n```\nRED-{530000 + i} Échec\n```\n"
        (project / "runbooks" / "fr" / f"KA-{70000 + i}.md").write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr[-2000:]
    for prefix in ("", "fr/", "pt-BR/", "ja/"):
        page = BeautifulSoup((site / prefix / "errors" / "family" / "red" / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
        rows = page.select("article table.kb-error-table tbody tr")
        assert len(rows) >= codes
        assert page.html["lang"] == (prefix.rstrip("/") or "en")
        alternates = {link["hreflang"] for link in page.select("link[rel=alternate][hreflang]")}
        assert {"en", "fr", "pt-BR", "ja"} <= alternates
