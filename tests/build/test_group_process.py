"""Language groups are forked from the process that read the corpus (hooks/engine/group_process.py)."""

from __future__ import annotations

import dataclasses
import os
import tempfile

import pytest

from bench import generate
from hooks.build import site_build
from hooks.corpus.model import Corpus
from hooks.engine import group_process
from hooks.rules import loader
from tests.conftest import CORPUS, copy_project

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="groups are forked where the OS can fork")


def run(args, in_child=lambda: None):
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        process = group_process.GroupProcess(args, {"KB_TEST_VARIABLE": "1"}, log, in_child)
        code = process.wait()
        log.seek(0)
        return code, log.read()


def test_a_group_runs_mkdocs_and_reports_its_exit_status_and_output():
    code, output = run(["--version"])
    assert (code, os.getpid()) == (0, os.getpid()) and "mkdocs, version" in output
    code, output = run(["build", "--config-file", "/nonexistent/mkdocs.yml"])
    assert code != 0 and "/nonexistent/mkdocs.yml" in output


def test_a_group_that_fails_before_mkdocs_says_why_and_never_returns_into_the_parent():
    def boom():
        assert os.environ["KB_TEST_VARIABLE"] == "1"  # its environment is set first
        raise RuntimeError("the group could not start")

    code, output = run(["--version"], boom)
    assert code == 1 and "RuntimeError: the group could not start" in output and "mkdocs, version" not in output


def test_groups_build_from_the_corpus_the_parent_read(tmp_path, monkeypatch):
    """No group reads runbooks/ again: a title changed in the parent's copy is the one published."""
    project = copy_project(tmp_path / "project")
    generate.generate(2, project, None, sample=CORPUS)
    read = loader.load_parallel

    def load_and_retitle(root, jobs, **options):
        corpus = read(root, jobs, **options)
        retitled = Corpus([dataclasses.replace(r, meta={**r.meta, "title": "Read once"})
                           if r.id == generate.article_id(1) else r for r in corpus.runbooks])
        retitled.problems = corpus.problems
        return retitled

    monkeypatch.setattr(loader, "load_parallel", load_and_retitle)
    monkeypatch.setattr(loader, "_worth", lambda jobs, files: jobs)  # two readers, even for a few files
    assert site_build.build(tmp_path / "site", project / "mkdocs.yml", quiet=True, jobs=2) == 0
    for prefix in ("", "fr/", "pt-BR/", "ja/"):
        page = tmp_path / "site" / f"{prefix}runbooks" / generate.article_id(1) / "index.html"
        assert "Read once" in page.read_text(encoding="utf-8"), prefix
