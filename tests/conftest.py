from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from testkit.chromium import ARGS as ARGS
from testkit.chromium import CHROMIUM as CHROMIUM
from testkit.chromium import INSTALL_HINT as INSTALL_HINT
from testkit.paths import CORPUS as CORPUS
from testkit.paths import DATA as DATA
from testkit.paths import FULL_SAMPLE as FULL_SAMPLE
from testkit.paths import MORE as MORE
from testkit.paths import REPO as REPO
from testkit.paths import SEEDS as SEEDS
from testkit.paths import SHARED as SHARED
from testkit.projects import MKDOCS as MKDOCS
from testkit.projects import build_site as build_site
from testkit.projects import copy_project as copy_project
from testkit.projects import hooks_build as hooks_build
from testkit.projects import site_differences as site_differences
from testkit.serving import StaticSiteHandler as StaticSiteHandler
from testkit.serving import serve as serve
from testkit.serving import serve_site as serve_site

ARTIFACTS = REPO / "test-artifacts"  # screenshots of failing browser tests (CI uploads them)

LANGS = ("en", "fr", "pt-BR", "ja")
SEED_LANGS = {"000": "fr", "001": "pt-BR", "002": "ja", "003": "fr", "004": "fr"}


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


VALID_RUNBOOK = """---
id: KA-12345
type: kb-article
language: fr
title: Un runbook valide
description: Une description réelle
article-number: KA-12345
product:
- Campaign
applies-to:
- Campaign v8
version-number: 2
created: '2024-04-17T12:30:27Z'
published: '2024-04-17T12:38:19Z'
---

# Un runbook valide
"""


def write(root: Path, rel: str, text: str) -> Path:
    """Write `text` at root/rel (UTF-8), creating folders."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def validate_json(root: Path, capsys, *args) -> tuple[int, list[dict]]:
    """`python -m hooks validate --format json` over `root`: (exit status, problems)."""
    import json

    from hooks.cli import main

    code = main(["validate", "--root", str(root), "--format", "json", *map(str, args)])
    return code, json.loads(capsys.readouterr().out)


# Real-browser tests share ONE Playwright instance per test process (Playwright's sync API cannot be
# started twice in a process). Without Chromium they skip with how to install it; with CI=true they fail.
# A failing test that used a `page` leaves a screenshot in test-artifacts/ (CI uploads that folder).


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        page = item.funcargs.get("page")
        if page is not None:
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", item.nodeid)[-150:]
            try:
                page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            except Exception as exc:  # the browser may be gone; the test failure is what matters
                report.sections.append(("screenshot", f"no screenshot: {exc}"))
    return report


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true and {INSTALL_HINT}")
        pytest.skip(INSTALL_HINT)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The repository's own site, built once per session with --strict."""
    site = tmp_path_factory.mktemp("site") / "site"
    result = build_site(REPO, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.hookimpl(tryfirst=True)  # before any fixture is set up
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test marked `corpus` reads ../shared: without it, it skips on a contributor's machine and fails with
    CI=true (CI has ../shared beside the clone: a missing corpus there is a broken setup, not a pass)."""
    if item.get_closest_marker("corpus") is None:
        return
    missing = [str(path) for path in (FULL_SAMPLE, MORE) if not path.is_dir()]
    if missing:
        message = f"needs the real KB corpus beside the clone (make test-corpus): {', '.join(missing)} missing"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true and {message}", pytrace=False)
        pytest.skip(message)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """Seeds + the trimmed KB sample (tests/data), imported into a temporary project, built with --strict
    (once per worker)."""
    from tests.sample_project import build_sample_site

    return build_sample_site(tmp_path_factory, CORPUS)


# For tests that check every page of a sample site: the trimmed one in `make test`, the whole one in
# `make test-corpus` (`site, _ = request.getfixturevalue(sample)`).
SAMPLE_SITES = [pytest.param("sample_site", id="trimmed"),
                pytest.param("full_sample_site", id="full", marks=pytest.mark.corpus)]


@pytest.fixture(scope="session")
def full_sample_site(tmp_path_factory):
    """Seeds + the whole KB sample of ../shared, as `sample_site` (tests marked `corpus` only)."""
    from tests.sample_project import build_sample_site

    return build_sample_site(tmp_path_factory, FULL_SAMPLE)
