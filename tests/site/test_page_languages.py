"""A generated page in the other languages: the switcher's targets and the hreflang links."""

from hooks.corpus.model import Corpus, Runbook
from hooks.site import page_languages
from hooks.site.site_pages import SitePage


def _runbook(runbook_id: str, lang: str) -> Runbook:
    return Runbook(id=runbook_id, language=lang, path=f"runbooks/{lang}/{runbook_id}.md", meta={}, body="",
                   body_line=1)


CORPUS = Corpus([_runbook("KA-1", "fr"), _runbook("KA-1", "ja")])


def test_a_runbook_names_only_its_real_translations_but_switches_to_every_language():
    page = SitePage("fr/runbooks/KA-1.md", "fr/runbooks/KA-1/", "", "runbook", "KA-1")
    assert page_languages.hreflang(CORPUS, page) == {"fr": "fr/runbooks/KA-1/", "ja": "ja/runbooks/KA-1/"}
    assert page_languages.same_page_in(page)("en") == "runbooks/KA-1/"  # there: the "not available" page


def test_code_and_list_pages_exist_in_every_language():
    code = SitePage("ja/errors/RED-520025.md", "ja/errors/RED-520025/", "", "error")
    assert page_languages.hreflang(CORPUS, code) == {"en": "errors/RED-520025/", "fr": "fr/errors/RED-520025/",
                                                      "pt-BR": "pt-BR/errors/RED-520025/",
                                                      "ja": "ja/errors/RED-520025/"}
    index = SitePage("fr/runbooks/index.md", "fr/runbooks/", "", "index")
    assert page_languages.same_page_in(index)("pt-BR") == "pt-BR/runbooks/"


def test_not_available_pages_are_nobody_s_translation():
    missing = SitePage("en/runbooks/KA-1.md", "runbooks/KA-1/", "", "missing", "KA-1")
    assert page_languages.hreflang(CORPUS, missing) == {}
