"""When Pagefind starts on a language (hooks/engine/search_runs.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hooks.engine import search_runs
from hooks.finish import search_index
from tests.engine.cycle_fixture import corpus, cycle

SITE = Path("/nonexistent/site")


@pytest.fixture
def started(monkeypatch) -> list[tuple]:
    seen: list[tuple] = []
    monkeypatch.setattr(search_index, "start", lambda site_dir, prefix: seen.append((site_dir, prefix)) or prefix)
    return seen


def test_a_language_starts_once_every_page_it_indexes_is_written(started):
    built = cycle(search=True)
    built.language.to_index = {"fr/runbooks/A/index.html", "fr/runbooks/B/index.html"}
    for dest_uri in ("fr/runbooks/A/index.html", "fr/about/index.html", "fr/runbooks/B/index.html"):
        search_runs.page_written(built, built.language, SITE, dest_uri)
    assert started == []  # B is written after its on_post_page
    search_runs.page_written(built, built.language, SITE, "fr/products/index.html")
    assert started == [(SITE, "fr/")] and built.search_runs == ["fr/"] and built.language.to_index is None
    search_runs.page_written(built, built.language, SITE, "fr/other/index.html")
    search_runs.start(built, built.language, SITE)  # the end of the language: started already
    assert len(started) == 1


def test_no_run_without_the_search_index_or_anything_to_index(started):
    built = cycle(search=False)
    built.language.to_index = set()
    search_runs.start(built, built.language, SITE)
    assert started == [] and built.language.to_index is None
    kb = corpus(hidden=tuple((r.id, r.language) for r in corpus().runbooks))
    nothing = cycle(kb, search=True, lang="en")
    nothing.errors.codes.clear()
    nothing.language.to_index = set()
    search_runs.start(nothing, nothing.language, SITE)
    assert started == []
    before_files = cycle(search=True)  # to_index None: on_files has not run
    search_runs.start(before_files, before_files.language, SITE)
    assert started == []
