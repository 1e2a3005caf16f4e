"""Every sample runbook page shows what its source says (tests/fidelity.py): all of its visible text, its
headings, tables, code blocks, images and links, and no Markdown syntax as text."""

import pytest

from hooks.corpus import frontmatter
from tests import fidelity
from tests.conftest import SAMPLE_SITES

PREFIX = {"en": "", "fr": "fr/", "pt-BR": "pt-BR/", "ja": "ja/"}
# pages and sentences at least: the trimmed sample has 28 articles, the whole one 80; one of them is a KB test
# article (not published)
AT_LEAST = {"sample_site": (27, 500), "full_sample_site": (79, 1500)}


@pytest.mark.parametrize("sample", SAMPLE_SITES)
@pytest.mark.parametrize("lang", PREFIX)
def test_every_sample_page_shows_its_source(request, sample, lang):
    site, _ = request.getfixturevalue(sample)
    problems, pages, sentences = [], 0, 0
    for source in sorted((site.parent / "runbooks" / lang).glob("*.md")):
        html = (site / PREFIX[lang] / "runbooks" / source.stem / "index.html").read_text(encoding="utf-8")
        report = fidelity.check(frontmatter.read_file(source).body, fidelity.page_content(html))
        pages += 1
        sentences += report.sentences
        problems += [f"{source.name}: sentence not on the page: {s!r}" for s in report.missing]
        problems += [f"{source.name}: {name}: source {a!r}, page {b!r}"
                     for name, (a, b) in report.differences.items()]
        problems += [f"{source.name}: {name} shown as text {b - a} time(s)"
                     for name, (a, b) in report.syntax_shown.items()]
    assert problems == []
    least_pages, least_sentences = AT_LEAST[sample]
    assert pages >= least_pages and sentences >= least_sentences, (pages, sentences)


def page_of(markdown: str):
    page = fidelity.reference(markdown)
    page.find("h1").decompose()  # the page shows the title instead
    return page


def test_the_check_sees_what_a_broken_page_loses():
    source = "# T\n\n## Steps\n\n1. First step.\n2. Second **step**.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n"
    report = fidelity.check(source, page_of(source))
    assert report.sentences == 3 and not report.missing and not report.differences and not report.syntax_shown
    report = fidelity.check(source, page_of(source.replace("**step**", "**tep**").replace("| 1 | 2 |\n", "")))
    assert report.missing == ["Second step."] and set(report.differences) == {"tables", "lists"}
    report = fidelity.check(source, page_of(source.replace("**step**", "\\*\\*step\\*\\*").replace("## ", "\\## ")))
    assert report.syntax_shown == {"strong marker": (0, 2), "heading": (0, 1)}
    assert fidelity.check(source + "\nSee [x](https://e.com).\n", page_of(source)).differences["links"] == (["x"], [])
