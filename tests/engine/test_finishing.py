"""Finishing the site (hooks/engine/finishing.py): a language group hands over, one process finishes."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from hooks.base.problems import Problem
from hooks.engine import finishing
from hooks.engine.fast import preview
from hooks.finish import output_audit, search_index, site_finish
from tests.engine.cycle_fixture import cycle

LOG = logging.getLogger("tests.engine.finishing")
SITE = Path("/nonexistent/site")


@pytest.fixture
def calls(monkeypatch) -> list[tuple]:
    seen: list[tuple] = []
    monkeypatch.setattr(site_finish, "save_group_state", lambda *a, **k: seen.append(("save_group_state", a, k)))
    monkeypatch.setattr(site_finish, "finish_group", lambda *a, **k: seen.append(("finish_group", a, k)))
    monkeypatch.setattr(site_finish, "finish", lambda *a, **k: seen.append(("finish", a, k)) or [])
    monkeypatch.setattr(preview, "audit_failed", lambda site_dir: seen.append(("audit_failed", (site_dir,), {})))
    return seen


def test_a_language_group_saves_its_state_and_leaves_the_rest_to_the_parent(calls):
    built = cycle(search=True)
    built.page_links.append("links")
    built.site_pages["fr/a.md"] = "fr/a/"
    finishing.finish(SITE, None, built, group=True, log=LOG)
    assert [name for name, _, _ in calls] == ["save_group_state", "finish_group"]
    assert calls[0][1] == (["links"], {"fr/a.md": "fr/a/"}, "")
    assert calls[1][1] == (SITE, built.root, built.search_runs, built.audit, True)


def test_a_group_of_a_site_without_visible_runbooks_says_so():
    from tests.engine.cycle_fixture import corpus
    ids = tuple((r.id, r.language) for r in corpus().runbooks)
    seen = []
    original = site_finish.finish_group, site_finish.save_group_state
    try:
        site_finish.finish_group = lambda *a, **k: seen.append(a[-1])
        site_finish.save_group_state = lambda *a, **k: None
        finishing.finish(SITE, None, cycle(corpus(hidden=ids)), group=True, log=LOG)
    finally:
        site_finish.finish_group, site_finish.save_group_state = original
    assert seen == [False]


@pytest.mark.parametrize("search", [True, False])
def test_one_process_finishes_the_site_itself(calls, search):
    built = cycle(search=search)
    finishing.finish(SITE, "https://example.org/", built, group=False, log=LOG)
    assert [name for name, _, _ in calls] == ["finish"]
    _, args, kwargs = calls[0]
    assert args == (SITE, built.corpus, built.errors, "https://example.org/", built.page_links, built.site_pages)
    assert kwargs["search"] is (built.search_runs if search else None)
    assert kwargs["runbooks_root"] == built.root and kwargs["audit"] is built.audit
    assert kwargs["audited_ns"] is preview.audit_since


def test_link_problems_are_warnings(monkeypatch, caplog):
    caplog.set_level(logging.DEBUG, LOG.name)
    problem = Problem("runbooks/fr/KA-1.md", 4, 2, "link", "no such page", severity="warning")
    monkeypatch.setattr(site_finish, "finish", lambda *a, **k: [problem])
    finishing.finish(SITE, None, cycle(), group=False, log=LOG)
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [(logging.WARNING, str(problem))]


@pytest.mark.parametrize("group", [True, False])
def test_internal_values_in_the_output_stop_the_build_and_the_next_audit_starts_over(calls, monkeypatch, caplog,
                                                                                     group):
    leak = Problem("site/fr/index.html", 1, 1, "leak", "internal value", severity="error")

    def leaking(*args, **kwargs):
        raise output_audit.LeakError([leak])

    monkeypatch.setattr(site_finish, "finish_group" if group else "finish", leaking)
    with pytest.raises(PluginError, match=r"^1 internal value\(s\) found in the built site; it must not be published"):
        finishing.finish(SITE, None, cycle(), group=group, log=LOG)
    assert ("audit_failed", (SITE,), {}) in calls
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR] == [str(leak)]


def test_a_failed_search_index_stops_the_build(monkeypatch):
    def failing(*args, **kwargs):
        raise search_index.SearchIndexError("pagefind exited with 1")

    monkeypatch.setattr(site_finish, "finish", failing)
    with pytest.raises(PluginError, match=r"^pagefind exited with 1$"):
        finishing.finish(SITE, None, cycle(), group=False, log=LOG)
