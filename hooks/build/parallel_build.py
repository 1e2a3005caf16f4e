"""Build the languages in parallel MkDocs processes and merge their outputs into one site.

mkdocs-static-i18n builds the languages one after the other in one process. We split the languages
into contiguous groups (en+fr | pt-BR+ja on two cores), build each group in its own process into its own
folder (language_subset does the per-process part), then merge the folders in group order. The merged
site is the same, byte for byte, as a one-process build:

- files that only one group writes (its language folders) are moved, not copied;
- files every group writes (theme assets, shared images, 404.html) are identical, or the later group's
  version wins, as the later language's build overwrites it in one process;
- the search index (search/search_index.json) and the sitemap list every language: their entries are
  concatenated in group order (each sitemap entry once), and the search index drops translated entries
  identical to the default language's, as mkdocs-static-i18n does;
- each group indexes its languages with Pagefind (in parallel; a language's index does not depend on the
  others) and the merge lists every language in one pagefind-entry.json;
- each group audits what it wrote (site_finish.finish_group); this process writes and audits the files
  that depend on the corpus only (api/*.json, the schema) as soon as one group is done, on the core it
  left idle, and once all are merged checks the links of every page and audits the files the merge wrote.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path
from typing import IO

from hooks.base import cpu_time
from hooks.base.cores import usable as usable_cores
from hooks.build.timings import CORPUS, MERGE, OWN, PREIMPORT, BuildTimings, saved_by
from hooks.corpus.model import Corpus
from hooks.engine import group_process, language_subset
from hooks.engine.fast import collector
from hooks.engine.fast.search_duplicates import drop_duplicates_in_place
from hooks.finish import output_audit, search_index, site_finish
from hooks.rules import loader

SITEMAP = "sitemap.xml"
_SITEMAP_URLS = re.compile(r"(?s)\n[ \t]*<url>.*?</url>")


def groups(languages: list[str], jobs: int) -> list[list[str]]:
    """Contiguous, balanced groups of languages, in site order (the default language first)."""
    jobs = max(1, min(jobs, len(languages)))
    size, extra = divmod(len(languages), jobs)
    result, start = [], 0
    for index in range(jobs):
        end = start + size + (1 if index < extra else 0)
        result.append(languages[start:end])
        start = end
    return result


def build_order(group: list[str], default: str) -> list[str]:
    """The order a group's process builds its languages in: the site's default language first (it writes
    the root of the site), then those slowest to index (search_index.slow_to_index). Each language is
    indexed while the next one renders; the group's last index runs alone at the end, so it should be a
    short one (Japanese loads a dictionary of some 300 MB)."""
    return sorted(group, key=lambda code: (code != default, not search_index.slow_to_index(code)))


@dataclass
class Worker:
    languages: list[str]
    site_dir: Path
    state: Path
    process: group_process.GroupProcess
    log: IO[str]

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read()

    @cached_property
    def group_state(self) -> site_finish.GroupState:
        """What the group saved at the end of its build (read once)."""
        return site_finish.load_group_state(self.state)


def run(args: list[str], config_file: Path, staging: Path, languages: list[str], jobs: int,
        quiet: bool = False, strict: bool = True, timings: BuildTimings | None = None) -> int:
    """Run `mkdocs *args` (a build of `config_file`, without --site-dir) once per language group; merge
    the groups' sites into `staging`. The runbooks are read once here, on every core, and the groups are
    forked from this process (group_process): each starts with the corpus in memory. `timings`: where
    the CPU time goes (build/timings.py)."""
    timings = timings or BuildTimings(enabled=False)
    parts = groups(languages, jobs if hasattr(os, "fork") else 1)
    if len(parts) == 1:
        return _run_one(args, staging, languages, timings)
    corpus_root = config_file.resolve().parent / "runbooks"

    def preimport() -> None:
        with timings.measure(PREIMPORT):
            group_process.preimport(config_file)

    timings.add(CORPUS, 0.0)  # first in the report, though PREIMPORT ends first
    with timings.measure(CORPUS, children=True):  # the reader processes are reaped in there
        corpus = loader.load_parallel(corpus_root, jobs, meanwhile=preimport)
    timings.take_out(PREIMPORT, CORPUS)
    collector.keep_out_of_collections()
    own = staging.with_name(f"{staging.name}.own")  # what the parent writes itself (site_finish.write_indexes)
    try:
        return _run_groups(args, staging, parts, quiet, corpus, strict, corpus_root, languages[0], own, timings)
    finally:
        shutil.rmtree(own, ignore_errors=True)


def _run_one(args: list[str], staging: Path, languages: list[str], timings: BuildTimings) -> int:
    """Every language in one `mkdocs build` process (no process to fork from: it reads the corpus)."""
    command = [sys.executable, "-m", "mkdocs", *args, "--site-dir", str(staging)]
    saved = saved_by(staging.with_name(f"{staging.name}.state"))
    env = {**os.environ, **timings.child_env(saved)} if timings.enabled else None
    clock, wall = cpu_time.cpu_children(), time.perf_counter()
    returncode = subprocess.run(command, check=False, env=env).returncode
    timings.add_process(languages, cpu_time.cpu_children() - clock, time.perf_counter() - wall, saved)
    return returncode


def _run_groups(args: list[str], staging: Path, parts: list[list[str]], quiet: bool, corpus: Corpus,
                strict: bool, corpus_root: Path, default: str, own: Path, timings: BuildTimings) -> int:
    workers: list[Worker] = []
    cores = usable_cores()
    with_corpus = partial(loader.preload, corpus_root, corpus)  # runs in each group
    try:
        for index, part in enumerate(parts):
            site_dir = staging.with_name(f"{staging.name}.part{index}")
            shutil.rmtree(site_dir, ignore_errors=True)
            state = staging.with_name(f"{staging.name}.part{index}.state")
            env = {"NO_MKDOCS_2_WARNING": "1", site_finish.ENV: str(state),
                   language_subset.ENV: ",".join(build_order(part, default)), **timings.child_env(saved_by(state))}
            if len(cores) >= len(parts):  # each group's search indexing on a core of its own
                env[search_index.CORE_ENV] = str(cores[index])
            # a file, not a pipe: a group would stop on a full pipe until the parent read it; closed below
            log = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
            process = group_process.GroupProcess([*args, "--site-dir", str(site_dir)], env, log, with_corpus)
            workers.append(Worker(part, site_dir, state, process, log))
        own_error = _wait(workers, lambda first: _write_own(own, corpus, first, corpus_root, timings))
        for worker in workers:  # all reaped
            timings.add_process(worker.languages, worker.process.cpu_s, worker.process.wall_s,
                                saved_by(worker.state))
        failed = [w for w in workers if w.process.returncode != 0]
        shown: set[str] = set()
        for worker in failed or ([] if quiet else workers):
            for line in worker.output().splitlines():
                if line not in shown or not failed:  # every worker validates the corpus: say it once
                    shown.add(line)
                    print(line, file=sys.stderr)
        if own_error is not None:
            raise own_error
        if failed:
            return failed[0].process.returncode or 1
        problems = assemble([w.site_dir for w in workers], staging, own, [w.group_state for w in workers],
                            corpus_root, timings)
    except output_audit.LeakError as exc:
        print(f"ERROR   -  {exc}", file=sys.stderr)
        return 1
    finally:
        for worker in workers:
            worker.process.kill()
            worker.process.wait()
            worker.log.close()
            shutil.rmtree(worker.site_dir, ignore_errors=True)
            worker.state.unlink(missing_ok=True)
            saved_by(worker.state).unlink(missing_ok=True)
    for problem in problems:
        print(f"WARNING -  kb-runbooks: {problem}", file=sys.stderr)
    return 1 if problems and strict else 0


def _wait(workers: list[Worker], on_first: Callable[[Worker], None]) -> output_audit.LeakError | None:
    """Wait for every worker; as soon as the first one has built its languages, `on_first(it)` runs here,
    on the core it leaves idle. Returns the leaks `on_first` found, reported with the workers' output."""
    pending, error = list(workers), None
    while pending:
        done = [w for w in pending if w.process.poll() is not None]
        if not done:
            time.sleep(0.02)
            continue
        if len(pending) == len(workers):  # the first to be done
            try:
                on_first(done[0])
            except output_audit.LeakError as exc:
                error = exc
        pending = [w for w in pending if w not in done]
    return error


def _write_own(own: Path, corpus: Corpus, first: Worker, corpus_root: Path, timings: BuildTimings) -> None:
    """The parent's own part of the site (api/*.json, the schema), written while the others finish (also
    when `first` failed: its leaks are reported with the group's errors)."""
    if not first.state.is_file():  # the group stopped before the end of its build
        return
    shutil.rmtree(own, ignore_errors=True)
    with timings.measure(OWN):
        site_finish.write_indexes(own, corpus, first.group_state.site_url, corpus_root)


def assemble(parts: list[Path], staging: Path, own: Path, states: list[site_finish.GroupState],
             corpus_root: Path, timings: BuildTimings | None = None) -> list:
    """The site from the language groups' folders (`parts`, in group order, used up) and the parent's own
    files (`own`: api/*.json, the schema): merged into `staging`, links checked, merged files audited.
    Also what the deploy workflow's merge job runs on the groups its matrix jobs built (scale_out).
    Returns the link problems; raises output_audit.LeakError."""
    timings = timings or BuildTimings(enabled=False)
    with timings.measure(MERGE):
        merge(parts, staging)
        _move_into(own, staging)
    return site_finish.finish_merged(staging, states, corpus_root, timings)


def merge(parts: list[Path], target: Path) -> None:
    """Merge per-language-group sites (in group order) into `target`, which must not exist."""
    indexes = [_read_json(p / search_index.LUNR_INDEX) for p in parts]
    sitemaps = [(p / SITEMAP).read_text(encoding="utf-8") if (p / SITEMAP).is_file() else None
                for p in parts]
    stamps = [_gzip_mtime(p / f"{SITEMAP}.gz") for p in parts]
    entries = [_read_json(p / search_index.ENTRY) for p in parts]
    parts[0].rename(target)
    for part in parts[1:]:
        _move_into(part, target)
    if all(index is not None for index in indexes):
        write_json(target / search_index.LUNR_INDEX, merge_search_indexes(indexes))
    if any(entry is not None for entry in entries):  # a group whose languages have no runbook has none
        search_index.write_entry(target / search_index.ENTRY,
                                 search_index.merge_entries([entry for entry in entries if entry is not None]))
    if all(sitemap is not None for sitemap in sitemaps):
        text = merge_sitemaps(sitemaps)
        (target / SITEMAP).write_text(text, encoding="utf-8")
        _gzip(target / f"{SITEMAP}.gz", text, max(stamps))


def _move_into(source: Path, target: Path) -> None:
    """Move `source`'s tree into `target`, later files replacing earlier ones. A folder `target` does not
    have yet (a language's whole tree) moves in one rename."""
    for entry in sorted(source.iterdir()):
        dest = target / entry.name
        if entry.is_dir() and not entry.is_symlink():
            if dest.is_dir():
                _move_into(entry, dest)
                continue
            if dest.exists():
                dest.unlink()
        os.replace(entry, dest)


def _read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def write_json(path: Path, data) -> None:
    # as Material's search plugin writes it
    path.write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")


def merge_search_indexes(indexes: list[dict]) -> dict:
    """One index: every group's entries in group order; search languages of all groups."""
    config = dict(indexes[0].get("config", {}))
    langs: list[str] = []
    for index in indexes:
        for lang in index.get("config", {}).get("lang", []):
            if lang not in langs:
                langs.append(lang)
    if langs:
        config["lang"] = langs
    docs = [doc for index in indexes for doc in index.get("docs", [])]
    return {**indexes[0], "config": config, "docs": drop_translated_duplicates(docs)}


def drop_translated_duplicates(docs: list[dict]) -> list[dict]:
    """mkdocs-static-i18n's rule: a translated entry equal to a default-language entry is dropped.

    Default-language entries are those whose location has no language prefix (`fr/…`).
    """
    prefixes = sorted({doc["location"].split("/", 1)[0] + "/" for doc in docs
                       if re.match(r"^[a-z]{2}(-[A-Z]{2})?/", doc.get("location", ""))})
    kept = list(docs)
    drop_duplicates_in_place(kept, prefixes)
    return kept


def merge_sitemaps(sitemaps: list[str]) -> str:
    """The <url> entries of every group's sitemap, in group order, each once."""
    first = sitemaps[0]
    end = first.rindex("</urlset>")
    end = first.rindex("\n", 0, end) if "\n" in first[:end] else end
    # groups that list every language's pages write the same entries: keep each entry once
    urls = "".join(dict.fromkeys(m.group() for text in sitemaps for m in _SITEMAP_URLS.finditer(text)))
    return _SITEMAP_URLS.sub("", first[:end]) + urls + first[end:]


def _gzip_mtime(path: Path) -> int:
    """The time stamp MkDocs put in a gzip header (the latest page date of that build)."""
    header = path.read_bytes()[:8] if path.is_file() else b""
    return int.from_bytes(header[4:8], "little") if len(header) == 8 else 0


def _gzip(path: Path, text: str, timestamp: int) -> None:
    # as MkDocs writes sitemap.xml.gz
    with open(path, "wb") as fh, gzip.GzipFile(fileobj=fh, filename=str(path), mode="wb",
                                                mtime=timestamp) as gz:
        gz.write(text.encode("utf-8"))
