"""fast/page_keys.py and fast/error_messages_cache.py: what a `make serve` rebuild may skip, and when not."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hooks.corpus.model import Corpus
from hooks.engine.fast import error_messages_cache, page_keys
from hooks.site import error_messages
from hooks.site.site_pages import SitePage
from tests.engine.cycle_fixture import corpus

LIST = SitePage("fr/products/x/index.md", "fr/products/x/", "<ul><li>A</li></ul>", "products", meta={"title": "X"})
DEST = "/site/fr/products/x/index.html"


@pytest.fixture
def dirty_serve():
    page_keys.start(True)
    yield
    page_keys.start(False)


def test_a_list_is_skipped_only_while_its_text_is_the_one_written(dirty_serve):
    key = page_keys.key(LIST)
    assert key is not None and not page_keys.unchanged(DEST, key)  # never written
    page_keys.written(DEST, key)
    assert page_keys.unchanged(DEST, page_keys.key(replace(LIST)))
    for changed in (replace(LIST, body="<ul><li>B</li></ul>"), replace(LIST, meta={"title": "Y"}),
                    replace(LIST, url="fr/products/y/")):
        assert not page_keys.unchanged(DEST, page_keys.key(changed))
    assert not page_keys.unchanged("/site/en/products/x/index.html", key)  # another place


def test_a_failed_build_forgets_what_was_written(dirty_serve):
    key = page_keys.key(LIST)
    page_keys.written(DEST, key)
    page_keys.forget()
    assert not page_keys.unchanged(DEST, key)


def test_only_lists_made_of_their_text_alone_and_only_under_a_dirty_serve(dirty_serve):
    for kind in ("runbook", "missing", "index", "errors", "error"):  # sources, the navigation, code links
        assert page_keys.key(replace(LIST, kind=kind)) is None
    page_keys.start(False)  # `mkdocs build`, or serve without --dirty: nothing recorded
    assert page_keys.key(LIST) is None
    page_keys.written(DEST, ("x",))
    assert not page_keys.unchanged(DEST, ("x",))


def test_messages_are_the_same_and_only_new_runbook_objects_are_scanned(monkeypatch):
    kb = corpus()
    expected = error_messages.by_language(Corpus(list(kb.runbooks)))
    scanned = []
    original = error_messages.of_runbook
    monkeypatch.setattr(error_messages, "of_runbook", lambda runbook: scanned.append(runbook.path) or original(runbook))
    assert error_messages_cache.fill(Corpus(list(kb.runbooks))) == expected
    assert len(scanned) == sum(not r.hidden for r in kb.runbooks)
    scanned.clear()
    edited = replace(kb.runbooks[0], body=kb.runbooks[0].body + "\n\n```\nRED-529911 Disk full\n```\n")
    again = Corpus([edited, *kb.runbooks[1:]])  # the loader's new object for the edited file, the others kept
    found = error_messages_cache.fill(again)
    assert scanned == [edited.path]
    assert found == error_messages.by_language(Corpus(list(again.runbooks)))  # (its default: not counted)
    assert found["RED-529911"][edited.language] == ["Disk full"]
