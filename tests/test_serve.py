"""`mkdocs serve` (what `make serve` runs) survives a runbook becoming invalid and recovers when it is fixed."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from tests.conftest import copy_project

WAIT = 120  # seconds; bounded waits on a shared 2-core machine


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, project, port):
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
        self.base = f"http://127.0.0.1:{port}/"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(project / "mkdocs.yml"),
             "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def output(self) -> str:
        return "\n".join(self.lines)

    def get(self, url: str) -> tuple[int, str]:
        with urllib.request.urlopen(self.base + url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")

    def wait_for(self, what: str, check) -> None:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"mkdocs serve exited:\n{self.output()}"
            try:
                if check():
                    return
            except OSError:
                pass
            time.sleep(0.3)
        pytest.fail(f"timed out waiting for {what}:\n{self.output()}")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self._reader.join(timeout=5)


def test_serve_reports_an_invalid_runbook_keeps_serving_and_recovers(tmp_path):
    project = copy_project(tmp_path / "project")
    runbook = project / "runbooks" / "fr" / "KA-19371.md"
    original = runbook.read_text(encoding="utf-8")
    page = "fr/runbooks/KA-19371/"
    server = Server(project, free_port())
    try:
        server.wait_for("the first build", lambda: "Email avec URL" in server.get(page)[1])
        server.wait_for("the server", lambda: "Serving on" in server.output())

        runbook.write_text(original.replace("version-number: 2", "version-number: deux"), encoding="utf-8")
        server.wait_for("the problem in the terminal", lambda: "still serving the last good build" in server.output())
        out = server.output()
        assert re.search(r"runbooks/fr/KA-19371\.md:20:\d+: error \[schema-type\] 'version-number'", out), out
        assert "Fix: write a whole number" in out
        assert "Traceback" not in out
        status, html = server.get(page)  # answers at once: not "stuck until build errors are resolved"
        assert status == 200 and "Email avec URL" in html

        fixed = original.replace("title: Email avec URL trackée", "title: Courriel avec URL trackée")
        runbook.write_text(fixed, encoding="utf-8")
        server.wait_for("the fixed page", lambda: "Courriel avec URL" in server.get(page)[1])
        assert server.output().count("Serving on") == 1, "recovered without a restart"
        assert server.proc.poll() is None
    finally:
        server.stop()
