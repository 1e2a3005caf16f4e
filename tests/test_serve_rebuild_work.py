"""A `make serve` rebuild (mkdocs serve --dirty) after one runbook is edited does work for that runbook
only: one file read and checked, one file scanned for log messages, the pages made from it rendered,
and none of the lists of the whole corpus (products, translation status, error families) rendered again
while their text is the same. Work is counted, not timed. What the rebuilds leave is the site a clean
build of the same files makes.

The builds run in this process, as `mkdocs serve` runs them (a config loaded again for each rebuild,
the same site folder), so the calls can be counted.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from bench import generate
from hooks.corpus import model
from hooks.engine import page_render
from hooks.engine.fast import page_keys
from hooks.rules import loader
from hooks.site import error_messages
from tests.conftest import CORPUS, copy_project, site_differences

SERVE_URL = "http://127.0.0.1:8000/"
LANGS = ("en", "fr", "pt-BR", "ja")


def _build(project: Path, site: Path, dirty: bool, startup: bool = False) -> None:
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    if startup:
        config.plugins.on_startup(command="serve", dirty=dirty)
    config.site_url = SERVE_URL
    build(config, serve_url=SERVE_URL, dirty=dirty)


@pytest.fixture
def served(tmp_path, monkeypatch, request):
    """A project of 12 articles × 4 languages after the first build of a dirty serve session, and a
    counter of the work each later rebuild does. Parameter: KB_FAST (default "1")."""
    project = copy_project(tmp_path / "project", with_runbooks=False)
    generate.generate(12, project, None, sample=CORPUS)
    monkeypatch.chdir(project)
    monkeypatch.setattr(sys, "argv", ["mkdocs", "serve", "--dirty"])  # the i18n plugin reads --dirty there
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the build would pin it for the whole process
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("KB_FAST", getattr(request, "param", "1"))
    site = tmp_path / "site"
    _build(project, site, dirty=True, startup=True)
    work: Counter = Counter()
    rendered: list[str] = []

    def counting(module, name, key):
        original = getattr(module, name)

        def counted(*args, **kwargs):
            work[key] += 1
            return original(*args, **kwargs)
        monkeypatch.setattr(module, name, counted)

    counting(model, "read_checked", "read")
    counting(loader, "check_file", "checked")
    counting(error_messages, "of_runbook", "scanned for messages")
    original_markdown = page_render.markdown

    def markdown(text, page, *args, **kwargs):
        rendered.append(page.file.src_uri)
        return original_markdown(text, page, *args, **kwargs)
    monkeypatch.setattr(page_render, "markdown", markdown)
    yield project, site, work, rendered
    page_keys.start(False)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edit_rebuilds_only_what_comes_from_the_edited_runbook(served):
    project, site, work, rendered = served
    edited = sorted((project / "runbooks" / "fr").glob("*.md"))[0]
    _edit(edited, "\n---\n", "\n---\n\nserve-edit-marker\n")
    _build(project, site, dirty=True)
    assert work == {"read": 1, "checked": 1, "scanned for messages": 1}
    page = (site / "fr" / "runbooks" / edited.stem / "index.html").read_text(encoding="utf-8")
    assert "serve-edit-marker" in page
    kinds = Counter(uri.split("/")[1] if uri.count("/") > 1 else uri.split("/")[-1] for uri in rendered)
    # the runbook in each language (its header shows the others), each home page, the two lists in the navigation
    assert set(kinds) <= {"runbooks", "index.md", "errors"}, rendered
    assert {f"{lang}/runbooks/{edited.stem}.md" for lang in LANGS} <= set(rendered)
    assert len(rendered) <= len(LANGS) * 4 + sum(uri.startswith(tuple(f"{lang}/errors/" for lang in LANGS))
                                                 for uri in rendered)


@pytest.mark.parametrize("served", ["1", "0"], indirect=True)  # with and without the speed-ups
def test_a_new_title_renders_the_lists_again_and_the_site_is_a_clean_builds(served, tmp_path):
    project, site, _, rendered = served
    edited = sorted((project / "runbooks" / "fr").glob("*.md"))[0]
    _edit(edited, "\ntitle: ", "\ntitle: Retitled ")
    _build(project, site, dirty=True)
    assert any("/products/" in uri for uri in rendered)  # the title is in its products' lists
    _edit(edited, "\ntitle: Retitled ", "\ntitle: ")  # back: the lists' text is the one written before the edit
    rendered.clear()
    _build(project, site, dirty=True)
    assert any("/products/" in uri for uri in rendered)
    clean = tmp_path / "clean"
    _build(project, clean, dirty=False)
    assert not site_differences(site, clean, "*.html")
    assert not site_differences(site / "api", clean / "api")  # the log messages of every runbook, among others
