"""The site's search index: Pagefind (extended build, for Japanese segmentation) run on the built HTML.

Pagefind writes one index per `<html lang>` under `pagefind/`, so each language searches only its own
pages, with its own stemming (Snowball for fr and pt; Japanese is segmented). Only runbook pages carry
`data-pagefind-body`, so home pages, lists and "not available" pages are not search results.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pagefind_bin_extended import get_executable

from hooks.base import cpu_time

FOLDER = "pagefind"
LUNR_INDEX = "search/search_index.json"  # written by Material's search plugin; not published
ENTRY = f"{FOLDER}/pagefind-entry.json"
# Only runbook pages and error-code pages carry data-pagefind-body: Pagefind need not read the other
# pages (lists, status), which took a third of its time. Same index. A code's page is a search result
# of its own (its messages, its runbooks' titles): the only way to a code whose runbooks are archived.
SECTIONS = ("runbooks", "errors")
PAGES = "**/{" + ",".join(SECTIONS) + "}/*/index.html"
# Pagefind reads only the <article> of a page (Material's content block, which holds data-pagefind-body):
# the same index (it still takes the language from <html lang>), a quarter less of its time.
ROOT = "article"
# `python -m hooks build` gives each language group's process a core of its own for Pagefind: with the
# other cores busy rendering, Pagefind's threads on every core only added kernel time (page-table
# flushes across cores), ~15 % of its CPU time. Unset (mkdocs build / serve): every core.
CORE_ENV = "KB_SEARCH_CORE"


def slow_to_index(lang: str) -> bool:
    """Pagefind segments Chinese and Japanese text with a dictionary it loads on every run (for Japanese,
    some 300 MB in memory): those languages take twice as long as the others to index."""
    return lang.split("-")[0].lower() in ("ja", "zh")


class SearchIndexError(RuntimeError):
    pass


def _command(site_dir: Path, pages: str, *output: str) -> list[str]:
    """Pagefind over the pages of `site_dir` matching `pages`, reading their <article> only."""
    return [str(get_executable()), "--site", str(site_dir), *output, "--glob", pages, "--root-selector", ROOT]


def build(site_dir: Path) -> str:
    """Index `site_dir` in place in one run; returns Pagefind's report. Raises SearchIndexError when it fails."""
    command = _command(site_dir, PAGES, "--output-subdir", "pagefind")
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed on {site_dir}:\n{result.stdout}{result.stderr}")
    sort_entry(site_dir / "pagefind" / "pagefind-entry.json")
    return result.stdout


@dataclass
class Run:
    """Pagefind indexing one language's runbook pages, in the background, into a folder of its own."""

    process: subprocess.Popen
    output: Path
    prefix: str = ""  # the URL prefix of the language indexed (`start`)
    cpu_s: float | None = None  # Pagefind's CPU time (user + system), known once reaped (`_collect`)


def pages_to_index(dest_uris: Iterable[str], url_prefix: str) -> set[str]:
    """Which of the pages written at `dest_uris` a run `start(…, url_prefix)` indexes (PAGES)."""
    found = set()
    for dest_uri in dest_uris:
        rest = dest_uri[len(url_prefix):] if dest_uri.startswith(url_prefix) else ""
        if rest.split("/")[0] in SECTIONS and rest.endswith("/index.html") and rest.count("/") == 2:
            found.add(dest_uri)
    return found


def start(site_dir: Path, url_prefix: str) -> Run:
    """Index the runbook pages under `site_dir/<url_prefix>runbooks/` (one language: Pagefind indexes each
    language on its own, so the result is the same as a run over the whole site). Each language is
    indexed as soon as its pages are written, while the next language renders; `finish` merges."""
    output = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=site_dir.parent))
    command = _command(site_dir, f"{url_prefix}{PAGES.removeprefix('**/')}", "--output-path", str(output))
    core = os.environ.get(CORE_ENV, "")
    pin = None
    if core.isdigit() and hasattr(os, "sched_setaffinity"):
        pin = lambda: os.sched_setaffinity(0, {int(core)})  # noqa: E731 (runs in the child, before exec)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, preexec_fn=pin)
    return Run(process, output, url_prefix)


def finish(site_dir: Path, runs: list[Run], each_output: Callable[[Path], None] | None = None,
           fallback: bool = True) -> None:
    """Wait for `runs` and put their indexes together in `site_dir/pagefind` (one entry file listing every
    language). `each_output`: called with each run's output folder as soon as the run is done, before its
    files move into the site. Raises SearchIndexError when one failed. `fallback`: without runs, index
    the whole site once (False for a language group whose languages have no runbook while others have:
    a one-process build of the site would not index them either)."""
    try:
        for run in runs:
            _every_core(run.process)
        for run in runs:
            report = _collect(run)
            if run.process.returncode:
                raise SearchIndexError(f"Pagefind failed on {site_dir}:\n{report}")
            if each_output:
                each_output(run.output)
        if not runs and not fallback:
            return
        if not runs:  # no language has a searchable runbook: one run, as Pagefind does with such a site
            build(site_dir)
            if each_output:
                each_output(site_dir / FOLDER)
            return
        target = site_dir / FOLDER
        remove(site_dir)
        entries = []
        for run in runs:
            entries.append(json.loads((run.output / "pagefind-entry.json").read_text(encoding="utf-8")))
            for source in sorted(run.output.rglob("*")):
                if source.is_file():
                    dest = target / source.relative_to(run.output)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(source, dest)  # files every run writes (the scripts) are identical
        write_entry(target / "pagefind-entry.json", merge_entries(entries))
    finally:
        abandon(runs)


def remove(site_dir: Path) -> None:
    shutil.rmtree(site_dir / FOLDER, ignore_errors=True)


def _running(process: subprocess.Popen) -> bool:
    """Whether `process` still runs, without reaping it: `_collect` reaps it, and reads its CPU time then."""
    if process.returncode is not None:
        return False
    if not hasattr(os, "waitid"):
        return process.poll() is None
    try:
        return os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None
    except ChildProcessError:  # reaped by someone else
        return False


def _collect(run: Run) -> str:
    """Wait for `run`; its report. Reaps it with os.wait4, which gives its CPU time (Run.cpu_s: the build's
    --timings); subprocess.Popen gives none. Its output is read first: Pagefind would stop on a full pipe."""
    process = run.process
    report = process.stdout.read() if process.stdout else ""
    if process.returncode is None and hasattr(os, "wait4"):
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except ChildProcessError:  # reaped by someone else: communicate() below says so
            pass
        else:
            process.returncode = os.waitstatus_to_exitcode(status)
            run.cpu_s = cpu_time.of_usage(usage)
    process.communicate()  # closes its output; waits (not at all once reaped above)
    return report


def _every_core(process: subprocess.Popen) -> None:
    """Let a run pinned to one core (CORE_ENV) use every core: its language group has finished rendering
    and waits for it, and the other group may have finished already and left its core idle."""
    if not _running(process) or not hasattr(os, "sched_setaffinity"):
        return
    cores = os.sched_getaffinity(0)
    with contextlib.suppress(OSError):  # threads end while we go through them; not Linux (/proc)
        for thread in os.listdir(f"/proc/{process.pid}/task"):
            with contextlib.suppress(OSError):
                os.sched_setaffinity(int(thread), cores)


def abandon(runs: list[Run]) -> None:
    """Stop runs that are still going (the build failed) and remove their folders."""
    for run in runs:
        if run.process.returncode is None:
            if _running(run.process):
                run.process.kill()
            _collect(run)
        shutil.rmtree(run.output, ignore_errors=True)


def merge_entries(entries: list[dict]) -> dict:
    """One pagefind-entry.json for sites indexed in parts (languages split between them).

    Pagefind indexes each language on its own: a language's files and hash are the same whether the
    other languages were indexed in the same run or not; only the entry lists them all.
    """
    languages: dict = {}
    for entry in entries:
        languages.update(entry.get("languages", {}))
    return {**entries[0], "languages": dict(sorted(languages.items()))}


def write_entry(path: Path, entry: dict) -> None:
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def sort_entry(path: Path) -> None:
    """Pagefind writes its languages in hash-map order, which changes between runs: sort them."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry.get("languages", {}).items()))
    write_entry(path, entry)


def remove_lunr_index(site_dir: Path) -> None:
    """Material's lunr index is never published: our search is Pagefind."""
    path = Path(site_dir) / LUNR_INDEX
    path.unlink(missing_ok=True)
    if path.parent.is_dir() and not any(path.parent.iterdir()):
        path.parent.rmdir()
