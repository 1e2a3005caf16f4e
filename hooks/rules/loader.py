"""The one loader: every reader of the corpus (validate, import, the build, serve) reads and validates it here.

`load` reads in this process; `load_parallel` on every core (the build, and `validate` of a large
corpus); `load_incremental` only what changed since the last rebuild (serve); `load_for_engine` is what
the MkDocs events use. They return the same Corpus with the same problems (tests/rules/test_loader.py,
tests/test_one_loader.py): each reads through `read_files`, the one loop (read each file, check it on its
own, an unreadable file becomes a problem), with its own reading and checking where it keeps a cache, and
ends in `_validated` (the rules about the whole corpus).

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
from dataclasses import dataclass, field
from pathlib import Path

from hooks.base.problems import Problem, ProblemError
from hooks.corpus import model
from hooks.corpus.error_codes import quotes
from hooks.corpus.model import Corpus, Runbook
from hooks.rules.validate import check_file, context_for, validate_corpus


@dataclass
class Reading:
    """What reading and checking files gave: the runbooks, each with the position of its file in the files
    read; unreadable files as problems; check_file's problems by runbook path."""

    runbooks: list[tuple[int, Runbook]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    checked: dict[str, list[Problem]] = field(default_factory=dict)


def read_files(paths: list[Path], root: Path, read: Callable[[Path, Path], Runbook] | None = None,
               check: Callable[[Runbook, object], list[Problem]] | None = None,
               then: Callable[[Runbook], object] = lambda runbook: None) -> Reading:
    """The one reading loop of every loader: read each file (`read`: model.read_checked, or a cache of it),
    check it on its own (`check`: validate.check_file, or a cache of it), then `then(runbook)`; a file that
    cannot be read (ProblemError) becomes a problem."""
    read, check = read or model.read_checked, check or check_file
    context = context_for(root)
    reading = Reading()
    for position, path in enumerate(paths):
        try:
            runbook = read(path, root)
        except ProblemError as exc:
            reading.problems.append(exc.problem)
            continue
        reading.runbooks.append((position, runbook))
        reading.checked[runbook.path] = check(runbook, context)
        then(runbook)
    return reading


def _validated(runbooks: list[Runbook], reading_problems: list[Problem], checked: dict[str, list[Problem]],
               root: Path, whole_tree: bool = True) -> Corpus:
    """The corpus of `runbooks` with every problem: the files' (read_files) and the rules' about the whole."""
    corpus = Corpus(runbooks)
    corpus.problems = sorted(reading_problems + validate_corpus(corpus, root, checked, whole_tree))
    return corpus


def load(root: Path, paths: list[Path] | None = None) -> Corpus:
    """Read runbooks (all of `root`, or the given files) in this process and validate them; unreadable files
    become problems."""
    reading = read_files(paths if paths is not None else model.runbook_files(root), root)
    return _validated([runbook for _, runbook in reading.runbooks], reading.problems, reading.checked, root,
                      whole_tree=paths is None)


def _read(job: tuple[list[Path], Path, bool]) -> Reading:
    """In a reader process: read and check a share of the files; for a build, also find the error codes
    each one quotes (here, on every core, instead of in each build process)."""
    paths, root, for_build = job
    return read_files(paths, root, then=quotes if for_build else lambda runbook: None)


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
    runbooks = [runbook for _, runbook in sorted((share + position * shares, runbook) for share, reading
                                                 in enumerate(results) for position, runbook in reading.runbooks)]
    problems = [problem for reading in results for problem in reading.problems]
    checked = {path: found for reading in results for path, found in reading.checked.items()}
    return _validated(runbooks, problems, checked, root)


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
# lives: the serve session: runbook path -> (the Runbook checked, validate.Context checked with, its problems)
_check_cache: dict[str, tuple[Runbook, object, list[Problem]]] = {}
# runbook id -> newest modification time of its files (None: its set of languages just changed)
# lives: one build cycle (made again by each load_incremental)
changed_at: dict[str, float | None] = {}
_languages_of: dict[str, frozenset[str]] = {}  # lives: the serve session: runbook id -> its languages


def load_incremental(root: Path) -> Corpus:
    """What load(root) returns; files unchanged (size and modification time) since the previous call are not
    read again, and a runbook read again is the only one checked again (or all, when the context changed:
    the product vocabulary, the recorded values…)."""
    seen: dict[Path, tuple[tuple[int, int], Runbook | Problem]] = {}
    checks: dict[str, tuple[Runbook, object, list[Problem]]] = {}
    modified: dict[str, float] = {}  # runbook path -> its file's modification time

    def read(path: Path, root: Path) -> Runbook:
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        cached = _read_cache.get(path)
        if cached is None or cached[0] != key:
            try:
                cached = (key, model.read_checked(path, root))
            except ProblemError as exc:
                cached = (key, exc.problem)
        seen[path] = cached
        if isinstance(cached[1], Problem):
            raise ProblemError(cached[1])
        modified[cached[1].path] = stat.st_mtime
        return cached[1]

    def check(runbook: Runbook, context: object) -> list[Problem]:
        cached = _check_cache.get(runbook.path)
        if cached is None or cached[0] is not runbook or cached[1] is not context:
            cached = (runbook, context, check_file(runbook, context))
        checks[runbook.path] = cached
        return cached[2]

    reading = read_files(model.runbook_files(root), root, read, check)
    runbooks = [runbook for _, runbook in reading.runbooks]
    _read_cache.clear()
    _read_cache.update(seen)
    _check_cache.clear()
    _check_cache.update(checks)
    _note_changes(runbooks, modified)
    return _validated(runbooks, reading.problems, reading.checked, root)


def _note_changes(runbooks: list[Runbook], modified: dict[str, float]) -> None:
    """changed_at for this cycle: each runbook id's newest file, None when its set of languages changed."""
    newest: dict[str, float] = {}
    languages: dict[str, set[str]] = {}
    for runbook in runbooks:
        newest[runbook.id] = max(newest.get(runbook.id, 0.0), modified[runbook.path])
        languages.setdefault(runbook.id, set()).add(runbook.language)
    changed_at.clear()
    for runbook_id, mtime in newest.items():
        now = frozenset(languages[runbook_id])
        changed_at[runbook_id] = mtime if _languages_of.get(runbook_id, now) == now else None
        _languages_of[runbook_id] = now
