"""Nothing grows faster than the site: the whole-site phases count their work, not their time.

Doubling the runbooks (or the recorded internal values) at most doubles the steps of each phase: the
runbooks the translation facts visit, the hash lookups the output audit makes. No clock is read.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bench import real
from hooks.cli import main
from hooks.corpus import translations
from hooks.corpus.model import Corpus, Runbook
from hooks.rules import internal_values
from hooks.site import banners, status_page
from tests.conftest import CORPUS
from tests.work import CallCounter

LANGS = ("en", "fr", "pt-BR", "ja")


class CountingList(list):
    """A list that counts the items handed out by iterating over it (every whole-corpus pass)."""

    visited = 0

    def __iter__(self):
        for item in super().__iter__():
            CountingList.visited += 1
            yield item


def synthetic_corpus(n: int) -> Corpus:
    """n articles × 4 languages; every third article's Japanese translation lost its article number and
    joins its group through the exl-id only; every French translation is one version behind."""
    runbooks = []
    for index in range(n):
        article = f"KA-{10000 + index}"
        exl_id = f"{index:08x}-0000-0000-0000-000000000000"
        for lang in LANGS:
            runbook_id = f"exl-{exl_id[:8]}" if lang == "ja" and index % 3 == 0 else article
            meta = {"id": runbook_id, "title": f"{article} {lang}", "exl-id": exl_id,
                    "version-number": 1 if lang == "fr" else 2, "published": "2024-04-17T12:38:19Z"}
            runbooks.append(Runbook(runbook_id, lang, f"runbooks/{lang}/{runbook_id}.md", meta, "body", 1))
    corpus = Corpus(runbooks)
    corpus.runbooks = CountingList(corpus.runbooks)
    return corpus


def translation_work(n: int) -> int:
    """Runbooks visited while building every language's status page and every runbook's stale banner."""
    corpus = synthetic_corpus(n)
    CountingList.visited = 0
    for lang in LANGS:
        status_page.status_page(corpus, lang)
        for runbook in corpus.in_language(lang):
            banners.stale_banner(corpus, runbook)
    return CountingList.visited


def test_translation_facts_are_computed_once_not_once_per_runbook():
    small, large = translation_work(100), translation_work(200)
    assert large <= 2 * small
    assert small <= 10 * 100 * len(LANGS)  # a few passes over the corpus, not one per cell or banner


def test_translation_groups_still_join_by_exl_id_and_mark_the_older_version_stale():
    corpus = synthetic_corpus(6)
    group = translations.group(corpus, "KA-10000")
    assert {code: r.id for code, r in group.items()} == {
        "en": "KA-10000", "fr": "KA-10000", "pt-BR": "KA-10000", "ja": "exl-00000000"}
    assert translations.cell(corpus, "KA-10000", "fr").state == translations.STALE
    assert translations.cell(corpus, "exl-00000000", "ja").state == translations.UP_TO_DATE
    banner = banners.stale_banner(corpus, corpus.get("KA-10000", "fr"))
    assert {link["lang"] for link in banner["links"]} == {"en", "pt-BR", "ja"}
    group["fr"] = None  # a caller's copy: the shared facts are not changed by it
    assert translations.group(corpus, "KA-10000")["fr"] is not None


class CountingDict(dict):
    lookups = 0

    def get(self, key, default=None):
        CountingDict.lookups += 1
        return super().get(key, default)


def notes(count: int) -> set:
    """`count` internal notes of ordinary words, as a real import records them (6-word runs)."""
    words = ["the", "customer", "said", "that", "this", "issue", "is", "only", "seen", "on", "their",
             "staging", "instance", "after", "upgrade"]
    entries = set()
    for index in range(count):
        note = " ".join(words[(index + k) % len(words)] for k in range(10)) + f" ticket{index:06d}"
        entries |= internal_values.entries_for("internal-notes", note)
    return entries


PAGE = ("<p>The customer said that this issue is only seen after an upgrade of their staging instance; "
        "the fix is in the next release.</p>\n") * 20


def audit_lookups(denylist: internal_values.Denylist, text: str, monkeypatch) -> int:
    """Word hashes computed plus entry lookups made while searching `text`."""
    CountingDict.lookups = 0
    if hasattr(denylist, "_runs"):
        monkeypatch.setattr(denylist, "_runs", CountingDict(denylist._runs))
    real = internal_values.digest

    def counting_digest(word: str) -> str:
        CountingDict.lookups += 1
        return real(word)

    monkeypatch.setattr(internal_values, "digest", counting_digest)
    list(denylist.find(text))
    monkeypatch.undo()
    return CountingDict.lookups


def test_the_audit_reads_a_text_once_whatever_the_number_of_recorded_values(monkeypatch):
    few, many = internal_values.Denylist(notes(10)), internal_values.Denylist(notes(2000))
    assert len(many) > 50 * len(few)
    assert audit_lookups(many, PAGE, monkeypatch) <= audit_lookups(few, PAGE, monkeypatch) * 1.5 + 10
    # twice the text, twice the lookups (give or take the runs that fit across the seam)
    once = audit_lookups(many, PAGE, monkeypatch)
    assert audit_lookups(many, PAGE * 2, monkeypatch) <= 2 * once + internal_values.SHINGLE
    words = len(internal_values._WORD.findall(PAGE))
    assert audit_lookups(many, PAGE, monkeypatch) <= (internal_values.SHINGLE + 1) * words


def reference_find(entries: set, text: str) -> list[tuple[int, str]]:
    """The audit's search as first written: at each word, every entry in sorted order, compared word by word."""
    folded = text.casefold()
    matches = list(internal_values._WORD.finditer(folded))
    hashed = [internal_values.digest(m.group()) for m in matches]
    found = []
    for i in range(len(hashed)):
        for name, hashes in sorted(entries):
            if tuple(hashed[i:i + len(hashes)]) == hashes:
                found.append((folded.count("\n", 0, matches[i].start()) + 1, name))
                break
    return found


VOCABULARY = ["alpha", "Bravo", "charlie", "délta", "エコー", "foxtrot", "golf"]
texts = st.lists(st.sampled_from([*VOCABULARY, " ", "\n", ", ", "-"]), max_size=60).map("".join)
values = st.lists(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=9).map(" ".join), max_size=6)
fields = st.sampled_from(internal_values.VALUE_FIELDS)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(fields, values), max_size=4), texts)
def test_the_hash_set_search_finds_what_the_entry_by_entry_search_found(recorded, text):
    entries = set()
    for name, items in recorded:
        for item in items:
            entries |= internal_values.entries_for(name, item)
    denylist = internal_values.Denylist(entries)
    assert list(denylist.find(text)) == reference_find(entries, text)
    assert denylist.matching(text) == {entry for entry in entries if _occurs(entry[1], text)}


def _occurs(hashes: tuple[str, ...], text: str) -> bool:
    hashed = [internal_values.digest(m.group()) for m in internal_values._WORD.finditer(text.casefold())]
    return any(tuple(hashed[i:i + len(hashes)]) == hashes for i in range(len(hashed)))


def test_import_reads_and_writes_the_recorded_values_once_whatever_the_number_of_articles(tmp_path, monkeypatch):
    calls = {"read": 0, "write": 0}
    real_read, real_write = internal_values._read_all, internal_values.write_atomic

    def counting_read(root):
        calls["read"] += 1
        return real_read(root)

    def counting_write(path, text):
        calls["write"] += 1
        return real_write(path, text)

    monkeypatch.setattr(internal_values, "_read_all", counting_read)
    monkeypatch.setattr(internal_values, "write_atomic", counting_write)
    counted = []
    for articles in (4, 8):
        export, root = tmp_path / f"export{articles}", tmp_path / f"p{articles}" / "runbooks"
        real.write_export(articles, export, sources=(CORPUS,))
        root.mkdir(parents=True)
        calls.update(read=0, write=0)
        main(["import", "-q", str(export), "--root", str(root)])
        assert len(list(root.glob("*/*.md"))) == articles * len(LANGS)
        counted.append(dict(calls))
    assert counted[0] == counted[1] == {"read": 1, "write": 1}


def realistic_corpus(n: int) -> Corpus:
    """n articles × 4 languages with what the whole-site phases read: products, applies-to, versions,
    error codes and references to other articles in the body."""
    runbooks = []
    for index in range(n):
        article = f"KA-{10000 + index}"
        body = (f"# Title {index}\n\nThe job fails with RED-{520000 + index % 50} and ORA-{12000 + index % 7}.\n"
                f"See KA-{10000 + (index * 7) % n} and [the guide](https://experienceleague.adobe.com/x).\n")
        for lang in LANGS:
            meta = {"id": article, "type": "kb-article", "language": lang, "title": f"{article} {lang}",
                    "description": "A description", "article-number": article,
                    "exl-id": f"{index:08x}-0000-0000-0000-000000000000", "product": ["Campaign"],
                    "applies-to": ["Campaign v8"], "version-number": 1 + index % 3 if lang == "fr" else 3,
                    "created": "2024-04-17T12:30:27Z", "published": "2024-04-17T12:38:19Z"}
            runbooks.append(Runbook(article, lang, f"runbooks/{lang}/{article}.md", meta, body, 12))
    return Corpus(runbooks)


def whole_site_calls(n: int) -> dict[str, int]:
    from hooks.corpus import error_codes
    from hooks.rules import validate
    from hooks.site import alternates, api_json, error_pages, home_page, product_pages

    corpus = realistic_corpus(n)
    counted = {}
    with CallCounter() as counter:
        index = error_codes.build_index(corpus)
    counted["error-code index"] = counter.calls
    with CallCounter() as counter:
        validate.check_duplicates(corpus), validate.check_translations(corpus)
    counted["cross-file validation"] = counter.calls
    with CallCounter() as counter:
        api_json.runbooks_json(corpus, index, "https://x/"), api_json.errors_json(corpus, index, "https://x/")
    counted["api json"] = counter.calls
    with CallCounter() as counter:
        for lang in LANGS:
            product_pages.index_page(corpus, lang), product_pages.product_pages(corpus, lang)
            status_page.pages_for_language(corpus, lang)
            home_page.home_html(corpus, index, lang, "")
            error_pages.index_page(corpus, index, lang), error_pages.family_pages(corpus, index, lang)
    counted["home, runbook lists, status and error-index pages"] = counter.calls
    with CallCounter() as counter:
        for runbook_id in corpus.ids():
            alternates.runbook_alternates(corpus, runbook_id)
            for lang in LANGS:
                banners.banners(corpus, corpus.get(runbook_id, lang))
    counted["alternates and banners"] = counter.calls
    return counted


def test_every_whole_site_phase_does_at_most_twice_the_work_for_twice_the_runbooks():
    whole_site_calls(10)  # what is done once per process (registries read, patterns compiled) is not counted
    small, large = whole_site_calls(150), whole_site_calls(300)
    for phase, calls in small.items():
        assert large[phase] <= 2.1 * calls, f"{phase}: {calls} calls for 150 articles, {large[phase]} for 300"


def test_import_records_every_articles_values_before_it_writes_a_runbook(tmp_path, monkeypatch):
    """An import killed halfway has recorded the internal values of every article it was given."""
    from hooks.kb import importer

    export = tmp_path / "export"
    real.write_export(8, export, sources=(CORPUS,))
    order: list[str] = []
    values_write, runbook_write = internal_values.write_atomic, importer.write_atomic
    monkeypatch.setattr(internal_values, "write_atomic", lambda path, text: (order.append("values"),
                                                                              values_write(path, text)))
    monkeypatch.setattr(importer, "write_atomic", lambda path, text: (order.append("runbook"),
                                                                       runbook_write(path, text)))
    root = tmp_path / "p" / "runbooks"
    root.mkdir(parents=True)
    main(["import", "-q", str(export), "--root", str(root)])
    assert order[0] == "values" and order.count("values") == 1 and order.count("runbook") == 8 * len(LANGS)
