from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# What `make test` reads is in the repository (tests/data/: the seeds and a trimmed copy of the KB sample, MIT),
# so that a clone without ../shared passes.
DATA = REPO / "tests" / "data"
SEEDS = DATA / "seeds"
CORPUS = DATA / "kcs-sample"
# The whole real KB data, read-only beside the clone: only tests marked `corpus` (`make test-corpus`) read it.
SHARED = REPO.parent / "shared"
FULL_SAMPLE = SHARED / "corpus" / "kcs-sample"
MORE = SHARED / "corpus" / "kcs-more"
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


@contextlib.contextmanager
def serve(handler) -> Iterator[str]:
    """Serve `handler` on a free 127.0.0.1 port in a thread; yields the base URL (no trailing slash)."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


class StaticSiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site like a static host does (quietly): a missing path gets the site's 404.html."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve_site(folder: Path) -> Iterator[str]:
    """A built site folder on a free 127.0.0.1 port; yields its base URL with a trailing slash."""
    with serve(functools.partial(StaticSiteHandler, directory=str(folder))) as base:
        yield base + "/"


MKDOCS = (sys.executable, "-m", "mkdocs")


def build_site(project: Path, site: Path, strict: bool = True, env: dict | None = None,
               args: tuple[str, ...] = (), engine: tuple[str, ...] = MKDOCS) -> subprocess.CompletedProcess:
    """Build `project` (a folder with mkdocs.yml) with the real MkDocs, like `make build` does, or with
    another `engine` taking the same command line (ProperDocs: tests/test_properdocs.py)."""
    command = [*engine, "build", "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site), *args]
    if strict:
        command.append("--strict")
    # CI=true turns leak-lint warnings into errors for the repository's runbooks; test projects (the KB
    # sample has unredacted IPs) are built as on a contributor's machine. tests/test_leak_lint.py covers CI.
    env = {**{k: v for k, v in os.environ.items() if k != "CI"}, "NO_MKDOCS_2_WARNING": "1",
           **_own_code(project), **(env or {})}
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False, cwd=project)


def _own_code(project: Path) -> dict[str, str]:
    """A copied project builds with its own `hooks` package (and data files), run from its folder: mkdocs.yml
    names the Markdown extension `hooks.render.markdown_fixes`, which MkDocs imports before the hook file could put
    the project first on the path."""
    return {"PYTHONPATH": str(project)} if (project / "hooks" / "__init__.py").is_file() else {}


def hooks_build(project: Path, site: Path, jobs: int, quiet: bool = True, args: tuple[str, ...] = (),
                env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m hooks build` of `project` with `jobs` language groups, as `make build` runs it."""
    command = [sys.executable, "-m", "hooks", "build", "--config-file", str(project / "mkdocs.yml"),
               "--site-dir", str(site), "--jobs", str(jobs), *(["--quiet"] if quiet else []), *args]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **_own_code(project), **(env or {})}
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False, cwd=project)


def site_differences(a: Path, b: Path, pattern: str = "*") -> list[str]:
    """What differs between two built sites, among the entries matching `pattern` at any depth: those only
    one site has (folders end with '/'), then the files that are not the same byte for byte."""
    def entries(site: Path) -> set[str]:
        return {p.relative_to(site).as_posix() + ("/" if p.is_dir() else "") for p in site.rglob(pattern)}

    in_a, in_b = entries(a), entries(b)
    return sorted(in_a ^ in_b) + sorted(p for p in in_a & in_b
                                        if not p.endswith("/") and (a / p).read_bytes() != (b / p).read_bytes())


def copy_project(dest: Path, with_runbooks: bool = True) -> Path:
    """A throwaway copy of the project (config, docs, hooks, and optionally runbooks)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "docs", dest / "docs")
    shutil.copytree(REPO / "hooks", dest / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    if with_runbooks:
        shutil.copytree(REPO / "runbooks", dest / "runbooks")
        if (REPO / ".internal-values").exists():  # what the output audit looks for (hooks/rules/internal_values.py)
            shutil.copy2(REPO / ".internal-values", dest / ".internal-values")
    else:
        (dest / "runbooks").mkdir()
    return dest


# Real-browser tests share ONE Playwright instance per test process (Playwright's sync API cannot be
# started twice in a process). Without Chromium they skip with how to install it; with CI=true they fail.
# A failing test that used a `page` leaves a screenshot in test-artifacts/ (CI uploads that folder).
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = REPO / "test-artifacts"
INSTALL_HINT = f"Chromium not found at {CHROMIUM}: sudo apt-get install chromium chromium-driver"


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
