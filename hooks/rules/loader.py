"""The one loader: every reader of the corpus (validate, import, the build, serve) reads and validates it here.

`load` reads in this process; `load_parallel` on every core (the build, and `validate` of a large
corpus); `load_incremental` only what changed since the last rebuild (serve); `load_for_engine` is what
the MkDocs events use. They return the same Corpus with the same problems (tests/rules/test_loader.py,
tests/test_one_loader.py).

`python -m hooks build` runs one MkDocs process per group of languages (parallel_build); each needs
the whole corpus (cross-language facts). Instead of every process reading every file, the build reads
the files once, split over the cores, validates once, and forks the group processes, which find the
corpus here (`preload`). Otherwise (mkdocs serve, plain mkdocs build) the hook reads the corpus itself,
re-reading under `mkdocs serve` only the files whose size or modification time changed (this module
outlives MkDocs' reloads of the hook file); validation always runs on the whole corpus.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from hooks.base.problems import Problem, ProblemError
from hooks.corpus import model
from hooks.corpus.error_codes import quotes
from hooks.corpus.model import Corpus, Runbook
from hooks.rules.validate import check_file, context_for, validate_corpus


def load(root: Path, paths: list[Path] | None = None) -> Corpus:
    """Read runbooks (all of `root`, or the given files) in this process and validate them; unreadable files
    become problems."""
    runbooks: list[Runbook] = []
    problems: list[Problem] = []
    for path in paths if paths is not None else model.runbook_files(root):
        try:
            runbooks.append(model.read_checked(path, root))
        except ProblemError as exc:
            problems.append(exc.problem)
    corpus = Corpus(runbooks)
    corpus.problems = sorted(problems + validate_corpus(corpus, root, whole_tree=paths is None))
    return corpus


def _read(job: tuple[list[Path], Path, bool]) -> tuple[list[tuple[int, Runbook]], list[Problem],
                                                       dict[str, list[Problem]]]:
    """Read and check (the rules about one file alone) a share of the files; for a build, also find the
    error codes each one quotes. Runbooks come with the position of their file in the share."""
    paths, root, for_build = job
    runbooks, problems, checked = [], [], {}
    context = context_for(root)
    for position, path in enumerate(paths):
        try:
            runbook = model.read_checked(path, root)
        except ProblemError as exc:
            problems.append(exc.problem)
            continue
        runbooks.append((position, runbook))
        checked[runbook.path] = check_file(runbook, context)
        if for_build:
            quotes(runbook)  # here, on every core, instead of in each build process
    return runbooks, problems, checked


SHARES_PER_JOB = 4


def load_parallel(root: Path, jobs: int, for_build: bool = True, files: list[Path] | None = None,
                  meanwhile: Callable[[], None] = lambda: None) -> Corpus:
    """What load(root) returns, with the files read by `jobs` processes (`for_build`: and the error
    codes of each runbook found, error_codes.quotes). `meanwhile` runs here while they read."""
    files = model.runbook_files(root) if files is None else files
    jobs = _worth(jobs, files)
    if jobs == 1:
        meanwhile()
        return load(root)
    # the files are dealt out one by one into a few shares per process (every share holds every language,
    # and languages differ in cost); a process that is done takes the next share, so the processes end
    # together even when one shares its core (with `meanwhile`)
    shares = jobs * SHARES_PER_JOB
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        reading = pool.map(_read, [(files[i::shares], root, for_build) for i in range(shares)])
        meanwhile()
        results = list(reading)
    # file k of share s is files[s + k * shares]: back in file order
    corpus = Corpus([runbook for _, runbook in sorted((share + position * shares, runbook) for share, (runbooks, _, _)
                                                      in enumerate(results) for position, runbook in runbooks)])
    problems = [p for _, found, _ in results for p in found]
    checked = {path: found for _, _, by_path in results for path, found in by_path.items()}
    corpus.problems = sorted(problems + validate_corpus(corpus, root, checked))
    return corpus


def _worth(jobs: int, files: list[Path]) -> int:
    return max(1, min(jobs, len(files) // 200 or 1))  # small corpora: not worth a process


def load_for_validate(root: Path, jobs: int) -> Corpus:
    """What load(root) returns, read on `jobs` cores."""
    return load_parallel(root, jobs, for_build=False)


_preloaded: tuple[str, Corpus] | None = None  # lives: a group process of the parallel build (set before fork)


def preload(root: Path, corpus: Corpus) -> None:
    """In a group process forked by parallel_build: the corpus the parent read."""
    global _preloaded
    _preloaded = (str(root.resolve()), corpus)


def load_for_engine(root: Path) -> Corpus:
    """The corpus the build already read (preload), or read it now (incrementally under `mkdocs serve`)."""
    if _preloaded is not None and _preloaded[0] == str(root.resolve()):
        return _preloaded[1]
    return load_incremental(root)


# lives: the serve session: path -> ((mtime_ns, size), Runbook or Problem), kept between rebuilds
_read_cache: dict[Path, tuple[tuple[int, int], Runbook | Problem]] = {}
# lives: the serve session: path -> ((mtime_ns, size), validate.Context checked with, its problems)
_check_cache: dict[Path, tuple[tuple[int, int], object, list[Problem]]] = {}
# runbook id -> newest modification time of its files (None: its set of languages just changed)
# lives: one build cycle (made again by each load_incremental)
changed_at: dict[str, float | None] = {}
_languages_of: dict[str, frozenset[str]] = {}  # lives: the serve session: runbook id -> its languages


def load_incremental(root: Path) -> Corpus:
    """What load(root) returns; files unchanged since the previous call are not parsed again."""
    context = context_for(root)
    runbooks: list[Runbook] = []
    problems: list[Problem] = []
    checked: dict[str, list[Problem]] = {}
    checks: dict[Path, tuple[tuple[int, int], object, list[Problem]]] = {}
    seen: dict[Path, tuple[tuple[int, int], Runbook | Problem]] = {}
    newest: dict[str, float] = {}
    languages: dict[str, set[str]] = {}
    for path in model.runbook_files(root):
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        cached = _read_cache.get(path)
        if cached is None or cached[0] != key:
            try:
                cached = (key, model.read_checked(path, root))
            except ProblemError as exc:
                cached = (key, exc.problem)
        seen[path] = cached
        item = cached[1]
        if isinstance(item, Runbook):
            runbooks.append(item)
            check = _check_cache.get(path)
            if check is None or check[0] != key or check[1] is not context:
                check = (key, context, check_file(item, context))
            checks[path] = check
            checked[item.path] = check[2]
            newest[item.id] = max(newest.get(item.id, 0.0), stat.st_mtime)
            languages.setdefault(item.id, set()).add(item.language)
        else:
            problems.append(item)
    _read_cache.clear()
    _read_cache.update(seen)
    _check_cache.clear()
    _check_cache.update(checks)
    changed_at.clear()
    for runbook_id, mtime in newest.items():
        now = frozenset(languages[runbook_id])
        changed_at[runbook_id] = mtime if _languages_of.get(runbook_id, now) == now else None
        _languages_of[runbook_id] = now
    corpus = Corpus(runbooks)
    corpus.problems = sorted(problems + validate_corpus(corpus, root, checked))
    return corpus
