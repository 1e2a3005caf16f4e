"""KbSite (hooks/engine/site_events.py): which state each event starts, keeps or hands over."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from hooks.engine import build_cycle, finishing, site_events
from hooks.engine.session import ServeSession
from hooks.finish import search_index
from tests.engine.cycle_fixture import REPO, cycle


def config(lang: str, building: bool):
    i18n = SimpleNamespace(current_language=lang, default_language="en", building=building)
    return SimpleNamespace(plugins={"i18n": i18n}, theme=SimpleNamespace(static_templates={"404.html"}),
                           config_file_path=str(REPO / "mkdocs.yml"), site_dir=str(REPO / "site"), site_url=None)


@pytest.fixture
def starts(monkeypatch) -> list[tuple]:
    seen: list[tuple] = []

    def start(root, site_dir, previous, command, log):
        seen.append((root, site_dir, previous, command))
        return cycle()

    monkeypatch.setenv("KB_FAST", "0")
    monkeypatch.setattr(build_cycle, "start", start)
    return seen


def test_the_first_language_starts_a_cycle_the_nested_ones_keep_it(starts):
    session = ServeSession(command="serve")
    site = site_events.KbSite(session)
    first = config("en", building=False)
    site.start_language(first)
    assert [(root, site_dir, previous, command) for root, site_dir, previous, command in starts] == [
        (REPO / "runbooks", REPO / "site", None, "serve")]
    one = session.cycle
    assert one.language.lang == "en" and "404.html" in first.theme.static_templates
    one.language.pages["x"] = "kept for this language only"
    nested = config("ja", building=True)
    site.start_language(nested)
    assert session.cycle is one and len(starts) == 1
    assert one.language.lang == "ja" and one.language.pages == {}  # a new language pass
    assert "404.html" not in nested.theme.static_templates  # only the default language writes it
    site.start_language(config("en", building=False))  # a `mkdocs serve` rebuild
    assert len(starts) == 2 and starts[1][2] is one and session.cycle is not one


def test_a_gate_that_refuses_leaves_no_cycle_behind(monkeypatch):
    from mkdocs.exceptions import PluginError

    def refuse(*args):
        raise PluginError("1 problem(s) in runbooks/")

    monkeypatch.setenv("KB_FAST", "0")
    monkeypatch.setattr(build_cycle, "start", refuse)
    session = ServeSession(cycle=cycle())
    with pytest.raises(PluginError):
        site_events.KbSite(session).start_language(config("en", building=False))
    assert session.cycle is None
    site_events.KbSite(session).build_error()  # nothing to abandon


def test_a_failed_build_abandons_the_cycles_search_runs(monkeypatch):
    abandoned = []
    monkeypatch.setattr(search_index, "abandon", abandoned.append)
    session = ServeSession(cycle=cycle())
    site_events.KbSite(session).build_error()
    assert abandoned == [session.cycle.search_runs]


@pytest.mark.parametrize(("languages", "group"), [(None, False), ("fr,ja", True)])
def test_the_site_is_finished_after_the_last_language_by_a_group_or_the_process(monkeypatch, languages, group):
    finished = []
    monkeypatch.setattr(finishing, "finish", lambda site_dir, site_url, built, group, log:
                        finished.append((site_dir, built, group)))
    if languages:
        monkeypatch.setenv("KB_BUILD_LANGUAGES", languages)
    else:
        monkeypatch.delenv("KB_BUILD_LANGUAGES", raising=False)
    session = ServeSession(cycle=cycle())
    site = site_events.KbSite(session)
    site.finish_site(config("fr", building=True))  # the nested languages' post_build
    assert finished == []
    site.finish_site(config("en", building=False))
    assert finished == [(Path(REPO / "site"), session.cycle, group)]
