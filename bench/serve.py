"""Time from saving an edited runbook to seeing the edit under a real `mkdocs serve`."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

# What `make serve` runs after building (see the Makefile's serve target).
SERVE_ARGS = ["--livereload", "--dirty"]


@dataclass
class ServeResult:
    startup_seconds: float  # until the page is first served (includes the first full build)
    edit_seconds: float  # from saving the file to the edited page being served
    url: str


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _wait_for(url: str, predicate, timeout: float, process: subprocess.Popen) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited with {process.returncode}")
        body = _get(url)
        if body is not None and predicate(body):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise TimeoutError(f"{url}: not as expected after {timeout:.0f} s")


def measure_edit(project: Path, runbook: Path, page: str, timeout: float = 900) -> ServeResult:
    """Serve `project`, append a unique line to `runbook`, and poll `page` until it shows."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/{page}"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(project / "mkdocs.yml"),
               "--dev-addr", f"127.0.0.1:{port}", *SERVE_ARGS]
    log = (project / "serve.log").open("w")
    process = subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    original = runbook.read_text(encoding="utf-8")
    try:
        startup = _wait_for(url, lambda body: True, timeout, process)
        marker = f"bench-edit-{time.time_ns()}"
        time.sleep(1.0)  # let the watcher settle after the first build
        runbook.write_text(original.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
        edit = _wait_for(url, lambda body: marker in body, timeout, process)
        return ServeResult(startup, edit, url)
    finally:
        runbook.write_text(original, encoding="utf-8")
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
