"""`make serve` (mkdocs serve --dirty) rebuilds only what an edit changes, and what it changes is right.

An edited runbook that starts quoting a new error code: the code gets its page in every language,
listing the runbook; error pages of codes the runbook does not quote are not written again.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import copy_project
from tests.test_serve import free_port

WAIT = 180  # seconds, bounded; a shared 2-core machine
NEW_CODE = "RED-529911"


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def _wait(what: str, check, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text(encoding="utf-8")
        if check():
            return
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}:\n{log.read_text(encoding='utf-8')[-3000:]}")


def _served_site(log: Path) -> Path:
    for line in log.read_text(encoding="utf-8").splitlines():
        if "Building 'en' documentation to directory:" in line:
            return Path(line.rsplit(":", 1)[1].strip())
    raise AssertionError(log.read_text(encoding="utf-8"))


def test_an_edit_rebuilds_its_pages_and_new_code_pages_but_not_other_error_pages(tmp_path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--config-file", str(project / "mkdocs.yml"),
                                 "--dev-addr", f"127.0.0.1:{port}", "--livereload", "--dirty"],
                                stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        try:
            _wait("the first build", lambda: _get(base + "fr/runbooks/KA-19371/") is not None, proc, log)
            site = _served_site(log)
            untouched = site / "errors" / "RED-520025" / "index.html"  # quoted by KA-19371, not by the edit
            assert untouched.is_file() and _get(base + f"errors/{NEW_CODE}/") is None
            # an hour ahead, set (no sleep for the clock to move on): a rewrite shows however fast it comes, and
            # the page still looks newer than its sources, as it is
            before = untouched.stat().st_mtime_ns + 3600 * 10**9
            os.utime(untouched, ns=(before, before))
            runbook = project / "runbooks" / "fr" / "exl-37b1d7fb.md"
            runbook.write_text(runbook.read_text(encoding="utf-8") + f"\n\nErreur {NEW_CODE} dans le journal.\n",
                               encoding="utf-8")
            for prefix in ("", "fr/", "pt-BR/", "ja/"):
                _wait(f"{prefix}errors/{NEW_CODE}/ listing the runbook",
                      lambda prefix=prefix: "exl-37b1d7fb" in (_get(base + f"{prefix}errors/{NEW_CODE}/") or ""),
                      proc, log)
            _wait("the edited page", lambda: NEW_CODE in (_get(base + "fr/runbooks/exl-37b1d7fb/") or ""), proc, log)
            assert NEW_CODE in (_get(base + "errors/") or "")  # the index of codes follows
            assert untouched.stat().st_mtime_ns == before  # not rendered again
        finally:
            os.killpg(proc.pid, 15)
            proc.wait(timeout=30)


def test_serve_rebuilds_audit_only_files_written_since_the_previous_audit(tmp_path):
    from hooks.engine.fast import preview
    from hooks.finish import output_audit
    from hooks.rules.internal_values import Denylist

    # the clock is injected: the audits' start times are given, the files' times set (no sleep, no clock read)
    first, second = 1_700_000_000 * 10**9, 1_700_000_060 * 10**9
    site = tmp_path / "site"
    (site / "old").mkdir(parents=True)
    (site / "old" / "index.html").write_text("<p>see https://wiki.corp.adobe.com/x</p>\n", encoding="utf-8")
    os.utime(site / "old" / "index.html", ns=(first - 10**9, first - 10**9))  # written before the first audit
    preview.start("serve", True)
    try:
        assert preview.audit_since(site, first) is None  # first build: every file
        since = preview.audit_since(site, second)
        assert since == first
        (site / "new").mkdir()
        (site / "new" / "index.html").write_text("<p>see https://jira.corp.adobe.com/y</p>\n", encoding="utf-8")
        os.utime(site / "new" / "index.html", ns=(first + 10**9, first + 10**9))  # by the rebuild after it
        found = {p.path for p in output_audit.audit_site(site, Denylist(set()), since_ns=since)}
        assert found == {"site/new/index.html"}
        assert {p.path for p in output_audit.audit_site(site, Denylist(set()))} == {"site/old/index.html",
                                                                                    "site/new/index.html"}
    finally:
        preview.start("build", False)
    assert preview.audit_since(site, second) is None  # `mkdocs build`: always the whole site
