"""Run a command and measure it: wall time, peak memory of its whole process tree; sizes of a site."""

from __future__ import annotations

import os
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
# Each sample reads every process of /proc (~2.5 ms): every 50 ms, that took 5 % of a core from the build
# measured, which a build on every core pays and a one-core build (the stock one) does not.
SAMPLE_SECONDS = 0.2


@dataclass
class Run:
    command: list[str]
    seconds: float
    peak_rss_mb: float  # sum of the RSS of the command and all its descendants, sampled (SAMPLE_SECONDS)
    max_process_rss_mb: float  # largest single process (getrusage ru_maxrss of the waited child)
    returncode: int
    output: str
    cpu_seconds: float = 0.0  # user + system time of the command and its descendants
    peak_pss_mb: float = 0.0  # sum of the PSS of the process tree (shared pages counted once), sampled


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _pss(pid: int) -> int:
    """Proportional set size of `pid` in bytes: a page shared by k processes counts 1/k in each, so the
    sum over a tree of forked processes counts shared memory once (RSS summed counts it k times)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_memory(pid: int) -> tuple[int, int]:
    """(RSS summed, PSS summed) in bytes of `pid` and all its descendants (Linux /proc)."""
    tree = _children()
    rss, pss, todo = 0, 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/statm", encoding="ascii") as fh:
                rss += int(fh.read().split()[1]) * PAGE_SIZE
        except OSError:
            pass
        pss += _pss(current)
        todo.extend(tree.get(current, []))
    return rss, pss


def tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and all its descendants (Linux /proc)."""
    return tree_memory(pid)[0]


def run(command: list[str], cwd: Path | None = None, env: dict | None = None) -> Run:
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            rss, pss = tree_memory(process.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    sampler.join()
    return Run(command, seconds, peak[0] / 2**20, usage.ru_maxrss / 1024, process.returncode, output,
               usage.ru_utime + usage.ru_stime, peak[1] / 2**20)


@dataclass
class SiteStats:
    pages: int  # HTML files
    bytes: int  # everything under the site folder
    runbook_page_bytes: float  # median size of a runbook page's HTML
    search_index_bytes: int  # the search index, all languages: Material's search/search_index.json (the stock
    # stack) and Pagefind's pagefind/ folder (ours); 0 when there is neither
    runbook_pages: int = 0  # <lang>/runbooks/<id>/index.html


def site_stats(site: Path) -> SiteStats:
    pages, total, runbook_sizes, search = 0, 0, [], 0
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        if path.relative_to(site).parts[0] in ("pagefind", "search"):
            search += size
        if path.suffix == ".html":
            pages += 1
            if path.parent.parent.name == "runbooks":
                runbook_sizes.append(size)
    median = statistics.median(runbook_sizes) if runbook_sizes else 0.0
    return SiteStats(pages, total, median, search, len(runbook_sizes))
