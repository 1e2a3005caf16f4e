"""Read the corpus once per build (on every core), or only what changed since the last rebuild.

`python -m hooks build` runs one MkDocs process per group of languages (parallel_build); each needs
the whole corpus (cross-language facts). Instead of every process reading every file, the build reads
the files once, split over the cores, validates once, and passes the result in a pickle file named by
KB_CORPUS_FILE. Without the variable (mkdocs serve, plain mkdocs build) the hook reads the corpus itself,
re-reading under `mkdocs serve` only the files whose size or modification time changed (this module
outlives MkDocs' reloads of the hook file); validation always runs on the whole corpus.
"""

from __future__ import annotations

import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from hooks import corpus as corpus_module
from hooks.corpus import Corpus, Runbook
from hooks.problems import Problem, ProblemError

ENV = "KB_CORPUS_FILE"


def _read(job: tuple[list[Path], Path]) -> tuple[list[Runbook], list[Problem]]:
    paths, root = job
    runbooks, problems = [], []
    for path in paths:
        try:
            runbooks.append(corpus_module.read_runbook(path, root))
        except ProblemError as exc:
            problems.append(exc.problem)
    return runbooks, problems


def load_parallel(root: Path, jobs: int) -> Corpus:
    """What corpus.load(root) returns, with the files read by `jobs` processes."""
    from hooks.validate import validate_corpus

    files = corpus_module.runbook_files(root)
    jobs = max(1, min(jobs, len(files) // 200 or 1))  # small corpora: not worth a process
    if jobs == 1:
        return corpus_module.load(root)
    size = -(-len(files) // jobs)
    chunks = [(files[i:i + size], root) for i in range(0, len(files), size)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(_read, chunks))
    corpus = Corpus([r for runbooks, _ in results for r in runbooks])
    problems = [p for _, found in results for p in found]
    corpus.problems = sorted(problems + validate_corpus(corpus, root))
    return corpus


def save(corpus: Corpus, root: Path, path: Path) -> None:
    with path.open("wb") as fh:
        pickle.dump((str(root.resolve()), corpus), fh, protocol=pickle.HIGHEST_PROTOCOL)


def load(root: Path, environ=os.environ) -> Corpus:
    """The corpus the build already read (KB_CORPUS_FILE), or read it now."""
    shared = environ.get(ENV)
    if shared and Path(shared).is_file():
        with open(shared, "rb") as fh:
            shared_root, corpus = pickle.load(fh)
        if shared_root == str(root.resolve()):
            return corpus
    return load_incremental(root)


# path -> ((mtime_ns, size), Runbook or Problem), kept between rebuilds of one `mkdocs serve`
_read_cache: dict[Path, tuple[tuple[int, int], Runbook | Problem]] = {}
# runbook id -> newest modification time of its files (None: its set of languages just changed)
changed_at: dict[str, float | None] = {}
_languages_of: dict[str, frozenset[str]] = {}


def load_incremental(root: Path) -> Corpus:
    """What corpus.load(root) returns; files unchanged since the previous call are not parsed again."""
    from hooks.validate import validate_corpus

    runbooks: list[Runbook] = []
    problems: list[Problem] = []
    seen: dict[Path, tuple[tuple[int, int], Runbook | Problem]] = {}
    newest: dict[str, float] = {}
    languages: dict[str, set[str]] = {}
    for path in corpus_module.runbook_files(root):
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        cached = _read_cache.get(path)
        if cached is None or cached[0] != key:
            try:
                cached = (key, corpus_module.read_runbook(path, root))
            except ProblemError as exc:
                cached = (key, exc.problem)
        seen[path] = cached
        item = cached[1]
        if isinstance(item, Runbook):
            runbooks.append(item)
            newest[item.id] = max(newest.get(item.id, 0.0), stat.st_mtime)
            languages.setdefault(item.id, set()).add(item.language)
        else:
            problems.append(item)
    _read_cache.clear()
    _read_cache.update(seen)
    changed_at.clear()
    for runbook_id, mtime in newest.items():
        now = frozenset(languages[runbook_id])
        changed_at[runbook_id] = mtime if _languages_of.get(runbook_id, now) == now else None
        _languages_of[runbook_id] = now
    corpus = Corpus(runbooks)
    corpus.problems = sorted(problems + validate_corpus(corpus, root))
    return corpus
