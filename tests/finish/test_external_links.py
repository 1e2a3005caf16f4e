"""`python -m hooks check-external` against a local HTTP server: cache, per-host rate limit, timeouts, allowlist."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler
from typing import ClassVar

import pytest

from hooks import cli
from hooks.finish.external_links import RateLimiter
from tests.conftest import serve


class Handler(BaseHTTPRequestHandler):
    hits: ClassVar[list[tuple[str, str]]] = []
    # /slow answers only once the test is over: the checker's timeout fires whatever the machine's speed
    released: ClassVar[threading.Event] = threading.Event()

    def _answer(self, body: bool) -> None:
        Handler.hits.append((self.command, self.path))
        if self.path == "/slow":
            Handler.released.wait(timeout=120)  # the bound only frees the thread if teardown never comes
        status = {"/ok": 200, "/gone": 404, "/slow": 200, "/redirect": 301, "/private": 200,
                  "/busy": 429}.get(self.path, 200)
        if self.path == "/head-refused":
            status = 405 if self.command == "HEAD" else 200
        self.send_response(status)
        if status == 301:
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture
def server(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    Handler.hits = []
    Handler.released = threading.Event()
    with serve(Handler) as base:
        try:
            yield base
        finally:
            Handler.released.set()


RUNBOOK = """---
id: KA-99002
type: guide
language: fr
title: Liens externes
description: Un runbook avec des liens externes.
product: [Campaign]
---

# Liens externes

- [bon]({base}/ok) et [déplacé]({base}/redirect)
- [disparu]({base}/gone)
- [lent]({base}/slow)
- [HEAD refusé]({base}/head-refused)
- [privé]({base}/private)
- [occupé]({base}/busy)
- `{base}/in-code` n’est pas un lien
"""


@pytest.fixture
def project(tmp_path, server):
    root = tmp_path / "runbooks"
    (root / "fr").mkdir(parents=True)
    (root / "fr" / "KA-99002.md").write_text(RUNBOOK.format(base=server), encoding="utf-8")
    allow = tmp_path / "allow.txt"
    allow.write_text(f"# private\n{server}/private\n", encoding="utf-8")
    return root, allow, tmp_path / "cache.json"


def run(project, *extra):
    root, allow, cache = project
    return cli.main(["check-external", "--root", str(root), "--allowlist", str(allow), "--cache", str(cache),
                     "--timeout", "0.5", "--interval", "0.2", *extra])


def paths(method=None):
    return [p for m, p in Handler.hits if method in (None, m)]


def test_broken_and_slow_links_are_reported_where_they_are_quoted(project, capsys):
    assert run(project) == 1
    out, err = capsys.readouterr()
    assert "runbooks/fr/KA-99002.md:13:3: error [external-link]" in out and "/gone is broken: HTTP 404" in out
    assert "runbooks/fr/KA-99002.md:14:3: error [external-link]" in out and "no answer within 0.5 s" in out
    for fine in ("/ok ", "/redirect", "/head-refused", "/busy"):
        assert fine not in out
    assert "/private" not in paths(), "allowlisted links are never requested"
    assert "/in-code" not in paths()
    assert paths("GET").count("/head-refused") == 1
    assert "1 rate-limited" in err


def test_good_results_are_cached_and_broken_ones_checked_again(project, capsys):
    run(project)
    first = paths()
    Handler.hits = []
    assert run(project) == 1
    second = paths()
    assert "/ok" in first and "/ok" not in second
    assert "/gone" in second and "/slow" in second
    assert "(3 from the cache)" in capsys.readouterr().err  # /ok, /redirect, /head-refused


def test_every_request_waits_for_the_rate_limiter_of_its_host(project, monkeypatch):
    """No wall clock: every request the server receives was preceded by a `wait` for its host."""
    waits: list[str] = []
    real_wait = RateLimiter.wait

    def counting_wait(self, host):
        waits.append(host)
        real_wait(self, host)

    monkeypatch.setattr(RateLimiter, "wait", counting_wait)
    run(project, "--cache", "")
    assert len(Handler.hits) >= 4
    assert set(waits) == {"127.0.0.1"}
    # a redirect is followed by requests itself (one wait, two hits); every other hit had its own wait
    redirects = sum(1 for _, path in Handler.hits if path == "/redirect")
    assert len(waits) >= len(Handler.hits) - redirects


def test_rate_limiter_spaces_requests_per_host():
    now = [0.0]
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(1.0, clock=lambda: now[0], sleep=sleep)
    for host in ("a", "a", "b", "a"):
        limiter.wait(host)
    assert slept == [1.0, 1.0]


def test_markdown_report_for_the_weekly_issue(project, capsys):
    assert run(project, "--format", "markdown") == 1
    out = capsys.readouterr().out
    assert "| link | problem | quoted in |" in out
    assert "/gone> | HTTP 404 | `runbooks/fr/KA-99002.md:13` |" in out
